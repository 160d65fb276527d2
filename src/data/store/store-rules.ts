/**
 * What every Store implementation stores and answers the same way: the open ends of alias day
 * ranges, the source-precedence setting, the load record's row, the equity-bar fields that may be
 * read as a column. Shared so that SQLite and PostgreSQL cannot drift apart.
 */
import type { DayNumber, UnixMs } from '../../domain/dates.ts';
import { StoreError } from '../../domain/errors.ts';
import type { AliasRecord, LoadRecord, ObservationRecord } from '../../domain/records.ts';
import { DEFAULT_SOURCE_PRECEDENCE } from './default-source-precedence.ts';
import type { EquityBarField, EquityFieldColumns } from './store.ts';

/** Stored in place of an open end of an alias's day range (and the bounds of an open read range). */
export const OPEN_DAY_LOW = -1_000_000;
export const OPEN_DAY_HIGH = 1_000_000;

export const PRECEDENCE_KEY = 'source_precedence';

export function parseSourcePrecedence(stored: string | undefined): string[] {
  return stored ? (JSON.parse(stored) as string[]) : [...DEFAULT_SOURCE_PRECEDENCE];
}

export function serializeSourcePrecedence(sources: readonly string[]): string {
  return JSON.stringify(sources);
}

const EQUITY_BAR_FIELDS: readonly EquityBarField[] = ['open', 'high', 'low', 'close'];

/** The column name goes into the SQL: only the four known fields pass. */
export function checkEquityBarField(field: EquityBarField): void {
  if (!EQUITY_BAR_FIELDS.includes(field)) {
    throw new StoreError(`readEquityField(): unknown field ${JSON.stringify(String(field).slice(0, 80))}, expected one of ${EQUITY_BAR_FIELDS.join(', ')}`);
  }
}

/** Rows of (day, source, value) as readEquityField's parallel columns. */
export function equityFieldColumns(rows: readonly (readonly [DayNumber, string, number | null])[]): EquityFieldColumns {
  const n = rows.length;
  const columns: EquityFieldColumns = { day: new Array<DayNumber>(n), source: new Array<string>(n), value: new Array<number | null>(n) };
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    columns.day[i] = row[0];
    columns.source[i] = row[1];
    columns.value[i] = row[2];
  }
  return columns;
}

/** An alias as stored (open ends as OPEN_DAY_LOW / OPEN_DAY_HIGH) → the record (open ends null). */
export function fromStoredAlias(row: { source: string; sourceKey: string; assetId: string; fromDay: number; toDay: number }): AliasRecord {
  return {
    ...row,
    fromDay: row.fromDay <= OPEN_DAY_LOW ? null : (row.fromDay as DayNumber),
    toDay: row.toDay >= OPEN_DAY_HIGH ? null : (row.toDay as DayNumber),
  };
}

export interface LoadRow {
  id: number;
  source: string;
  origin: string;
  content_hash: string | null;
  loaded_at: number;
  rows: number;
}

export function toLoadRecord(row: LoadRow): LoadRecord {
  return { id: row.id, source: row.source, origin: row.origin, contentHash: row.content_hash, loadedAt: row.loaded_at as UnixMs, rows: row.rows };
}

/** Puts rows of the same day (one asset) in source-name order; runs are short (a few sources). */
export function sortSourcesWithinDays(rows: ObservationRecord[], from: number, to: number): void {
  let runStart = from;
  for (let i = from + 1; i <= to; i++) {
    if (i < to && rows[i]!.day === rows[runStart]!.day) continue;
    if (i - runStart > 1) {
      const run = rows.slice(runStart, i).sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
      for (let j = 0; j < run.length; j++) rows[runStart + j] = run[j]!;
    }
    runStart = i;
  }
}

/** Renders rows as a JSON array of objects keyed by column key. */
import type { CellValue, Column } from './columns.ts';

export function rowsToObjects<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): Record<string, CellValue>[] {
  return rows.map((row) => Object.fromEntries(columns.map((c) => [c.key, c.value(row)])));
}

export function renderJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

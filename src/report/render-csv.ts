/**
 * Renders rows as RFC 4180 CSV with a header line; numbers keep full precision. CSV headers are
 * the result's camelCase field names in snake_case (`universeSize` → `universe_size`), so CSV,
 * JSON and the library name every field alike. A text cell that a spreadsheet would run as a
 * formula (=, +, -, @, tab, CR first) is prefixed with an apostrophe.
 */
import type { CellValue, Column } from './columns.ts';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CellValue): string {
  if (value === null) return '';
  // Numbers and booleans never need quotes (the common cells, ~60,000 in a full-history index).
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''; // never "NaN" or "Infinity"
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `universeSize` → `universe_size`, `btcReturnSameDays` → `btc_return_same_days`. */
export function csvHeaderOf(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

export function renderCsv<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  // Lines joined once at the end: a flat string, not a rope of ~4,500 concatenations that writing
  // it would flatten again.
  const lines = new Array<string>(rows.length + 2);
  lines[0] = columns.map((c) => csvCell(csvHeaderOf(c.key))).join(',');
  const values = columns.map((c) => c.value);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    let line = values.length === 0 ? '' : csvCell(values[0]!(row));
    for (let i = 1; i < values.length; i++) line += ',' + csvCell(values[i]!(row));
    lines[r + 1] = line;
  }
  lines[rows.length + 1] = '';
  return lines.join('\n');
}

/** Flat result records (a contract's rows) as CSV, one column per field, in the fields' order. */
export function renderRecordsCsv(records: readonly Record<string, CellValue>[], keys: readonly string[] = Object.keys(records[0] ?? {})): string {
  return renderCsv(
    records,
    keys.map((key) => ({ key, value: (record: Record<string, CellValue>) => record[key] ?? null })),
  );
}

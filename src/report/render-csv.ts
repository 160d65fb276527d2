/**
 * Renders rows as RFC 4180 CSV with a header line; numbers keep full precision. CSV headers are
 * the result's camelCase field names in snake_case (`universeSize` → `universe_size`), so CSV,
 * JSON and the library name every field alike. A text cell that a spreadsheet would run as a
 * formula (=, +, -, @, tab, CR first) is prefixed with an apostrophe.
 */
import type { CellValue, Column } from './columns.ts';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CellValue): string {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return ''; // never "NaN" or "Infinity"
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `universeSize` → `universe_size`, `btcReturnSameDays` → `btc_return_same_days`. */
export function csvHeaderOf(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

export function renderCsv<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const lines = [columns.map((c) => csvCell(csvHeaderOf(c.key))).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return lines.join('\n') + '\n';
}

/** Flat result records (a contract's rows) as CSV, one column per field, in the fields' order. */
export function renderRecordsCsv(records: readonly Record<string, CellValue>[], keys: readonly string[] = Object.keys(records[0] ?? {})): string {
  return renderCsv(
    records,
    keys.map((key) => ({ key, value: (record: Record<string, CellValue>) => record[key] ?? null })),
  );
}

/** Renders rows as RFC 4180 CSV with a header line; numbers keep full precision. */
import type { CellValue, Column } from './columns.ts';

export function csvCell(value: CellValue): string {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return ''; // never "NaN" or "Infinity"
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const lines = [columns.map((c) => csvCell(c.key)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return lines.join('\n') + '\n';
}

/** A column of a result table: one definition serves the terminal table, CSV and JSON. */
export type CellValue = string | number | boolean | null;

export interface Column<Row> {
  /** CSV header and JSON key. */
  key: string;
  /** Header in the terminal table (defaults to key). */
  header?: string;
  align?: 'left' | 'right';
  value: (row: Row) => CellValue;
  /** How the terminal table shows the value (defaults to a plain rendering). */
  display?: (row: Row) => string;
}

export function displayCell(value: CellValue): string {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return String(value);
}

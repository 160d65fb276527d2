/** Renders rows as an aligned terminal table. Width is measured without ANSI colour codes. */
import { type Column, displayCell } from './columns.ts';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const visibleLength = (text: string) => text.replace(ANSI, '').length;

export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const headers = columns.map((c) => c.header ?? c.key);
  const cells = rows.map((row) => columns.map((c) => (c.display ? c.display(row) : displayCell(c.value(row)))));
  const widths = columns.map((_, i) => Math.max(visibleLength(headers[i]!), ...cells.map((r) => visibleLength(r[i]!))));
  const pad = (text: string, i: number) => {
    const gap = ' '.repeat(widths[i]! - visibleLength(text));
    return columns[i]!.align === 'right' ? gap + text : text + gap;
  };
  const lines = [
    headers.map(pad).join('  '),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...cells.map((r) => r.map(pad).join('  ')),
  ];
  return lines.map((line) => line.trimEnd()).join('\n') + '\n';
}

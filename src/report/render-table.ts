/**
 * Renders rows as an aligned terminal table. Widths are display widths (colour codes excluded,
 * wide glyphs counted twice); control characters from the data are neutralised.
 */
import { type Column, displayCell } from './columns.ts';
import { displayWidth, neutraliseControls } from './terminal-text.ts';

export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const headers = columns.map((c) => neutraliseControls(c.header ?? c.key));
  const cells = rows.map((row) => columns.map((c) => neutraliseControls(c.display ? c.display(row) : displayCell(c.value(row)))));
  const widths = columns.map((_, i) => Math.max(displayWidth(headers[i]!), ...cells.map((r) => displayWidth(r[i]!))));
  const pad = (text: string, i: number) => {
    const gap = ' '.repeat(widths[i]! - displayWidth(text));
    return columns[i]!.align === 'right' ? gap + text : text + gap;
  };
  const lines = [
    headers.map(pad).join('  '),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...cells.map((r) => r.map(pad).join('  ')),
  ];
  return lines.map((line) => line.trimEnd()).join('\n') + '\n';
}

import { describe, expect, it } from 'vitest';
import type { Column } from './columns.ts';
import { renderCsv, renderRecordsCsv } from './render-csv.ts';
import { renderJson, rowsToObjects } from './render-json.ts';
import { renderTable } from './render-table.ts';
import { displayWidth } from './terminal-text.ts';

interface Row {
  name: string;
  value: number | null;
}
const columns: Column<Row>[] = [
  { key: 'name', value: (r) => r.name },
  { key: 'value', align: 'right', value: (r) => r.value },
];
const rows: Row[] = [
  { name: 'a, "quoted"', value: 1.23456 },
  { name: 'b', value: null },
];

describe('result rendering', () => {
  it('quotes CSV cells that need it and leaves missing values empty', () => {
    expect(renderCsv(rows, columns)).toBe('name,value\n"a, ""quoted""",1.23456\nb,\n');
  });

  it('aligns table columns and shows missing values as a dash', () => {
    const lines = renderTable(rows, columns).split('\n');
    expect(lines[0]).toBe('name' + ' '.repeat(9) + 'value');
    expect(lines[2]).toBe('a, "quoted"   1.23');
    expect(lines[3]).toBe('b' + ' '.repeat(16) + '—');
  });

  it('never prints NaN or Infinity: empty in CSV, a dash in tables', () => {
    const bad = [
      { name: 'nan', value: Number.NaN },
      { name: 'inf', value: Number.POSITIVE_INFINITY },
    ];
    expect(renderCsv(bad, columns), 'CSV cells').toBe('name,value\nnan,\ninf,\n');
    expect(renderTable(bad, columns), 'table cells').not.toMatch(/NaN|Infinity/);
  });
  it('turns non-finite numbers into null in JSON', () => {
    expect(JSON.parse(renderJson(rowsToObjects([{ name: 'x', value: Number.NaN }], columns)))).toEqual([{ name: 'x', value: null }]);
  });
});

// eslint-disable-next-line no-control-regex
const COLOUR = /\u001b\[\d+m/g;

describe('hostile text from data', () => {
  const named = (name: string): Row[] => [{ name, value: 1 }];
  it('neutralises terminal escape sequences in table cells (a coin name cannot move the cursor or retitle the window)', () => {
    const table = renderTable(named('EVIL\u001b]0;pwned\u0007\u001b[2J'), columns);
    expect(table).not.toContain('\u001b]');
    expect(table).not.toContain('\u001b[2J');
    expect(table).toContain('EVIL\uFFFD]0;pwned\uFFFD\uFFFD[2J');
  });
  it('keeps the colour codes of its own cells and measures wide glyphs as two columns', () => {
    const wide: Column<Row>[] = [{ key: 'name', display: (r) => `\u001b[32m${r.name}\u001b[39m`, value: (r) => r.name }, { key: 'value', value: (r) => r.value }];
    const lines = renderTable([{ name: '比特币', value: 1 }, { name: 'abcdef', value: 2 }], wide).split('\n');
    expect(lines[2], 'the colour survives').toContain('\u001b[32m比特币\u001b[39m');
    // 比特币 is 6 columns wide, like "abcdef": both value cells start at the same column.
    const plain = lines[2]!.replace(COLOUR, '');
    expect(displayWidth(plain.slice(0, plain.indexOf('1')))).toBe(lines[3]!.replace(COLOUR, '').indexOf('2'));
  });
  it('prefixes CSV text cells that a spreadsheet would run as formulas', () => {
    expect(renderCsv(named('=HYPERLINK("http://x","y")'), columns)).toBe('name,value\n"\'=HYPERLINK(""http://x"",""y"")",1\n');
    expect(renderCsv(named('@SUM(A1)'), columns)).toContain("'@SUM(A1)");
    expect(renderCsv([{ name: 'n', value: -0.5 }], columns), 'negative numbers are numbers, not formulas').toBe('name,value\nn,-0.5\n');
  });
  it('derives CSV headers from camelCase field names', () => {
    expect(renderRecordsCsv([{ date: '2021-01-01', universeSize: 50, btcReturnSameDays: 0.1 }])).toBe('date,universe_size,btc_return_same_days\n2021-01-01,50,0.1\n');
  });
});

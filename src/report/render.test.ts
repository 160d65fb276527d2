import { describe, expect, it } from 'vitest';
import type { Column } from './columns.ts';
import { renderCsv } from './render-csv.ts';
import { renderJson, rowsToObjects } from './render-json.ts';
import { renderTable } from './render-table.ts';

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

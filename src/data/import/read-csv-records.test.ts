import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InvalidRowError } from '../../domain/errors.ts';
import { CsvParser, type CsvRecord, readCsvHeader, readCsvRecords } from './read-csv-records.ts';

const dir = mkdtempSync(join(tmpdir(), 'altseason-csv-'));
const tricky = 'a,b,c\r\n1,"x, ""quoted""",3\r\n\r\n2,"multi\nline",4\n5,,\n';

async function read(path: string): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  await readCsvRecords(path, (record) => void records.push(record));
  return records;
}

describe('readCsvRecords', () => {
  it('reads RFC 4180 quotes, CRLF, blank lines and embedded line breaks, with start lines', async () => {
    const path = join(dir, 'tricky.csv');
    writeFileSync(path, tricky);
    expect(await read(path)).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['1', 'x, "quoted"', '3'], line: 2 },
      { fields: ['2', 'multi\nline', '4'], line: 4 },
      { fields: ['5', '', ''], line: 6 },
    ]);
  });

  it('gunzips by extension and by magic bytes alike', async () => {
    const plain = join(dir, 'plain.csv');
    const byExtension = join(dir, 'zipped.csv.gz');
    const byMagic = join(dir, 'zipped-without-extension.csv');
    writeFileSync(plain, tricky);
    writeFileSync(byExtension, gzipSync(tricky));
    writeFileSync(byMagic, gzipSync(tricky));
    const expected = await read(plain);
    expect(await read(byExtension), '.gz files are decompressed').toEqual(expected);
    expect(await read(byMagic), 'gzip content is recognised without the extension').toEqual(expected);
  });

  it('gives the same records however the text is split into chunks', () => {
    const whole: CsvRecord[] = [];
    const parser = new CsvParser('t.csv', (r) => void whole.push(r));
    parser.push(tricky);
    parser.end();
    const pieces: CsvRecord[] = [];
    const byChar = new CsvParser('t.csv', (r) => void pieces.push(r));
    for (const char of tricky) byChar.push(char);
    byChar.end();
    expect(pieces, 'records cut at any character (inside quotes, between CR and LF) parse the same').toEqual(whole);
  });

  it('reads a last line without a line break, and a BOM before the header', async () => {
    const path = join(dir, 'bom.csv');
    writeFileSync(path, '\ufeffdate,value\n2024-01-01,1');
    expect(await read(path)).toEqual([
      { fields: ['date', 'value'], line: 1 },
      { fields: ['2024-01-01', '1'], line: 2 },
    ]);
    expect(await readCsvHeader(path)).toEqual(['date', 'value']);
  });

  it('reports an unclosed quote with the file and the line where the record starts', async () => {
    const path = join(dir, 'unclosed.csv');
    writeFileSync(path, 'a,b\n1,2\n3,"never closed\n');
    const error = await read(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRowError);
    expect((error as InvalidRowError).message).toBe(`${path}:3: a quoted field is never closed`);
  });
});

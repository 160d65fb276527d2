import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InvalidRowError } from '../../domain/errors.ts';
import { type CsvRecord, readCsvHeader, readCsvRecords, type ReadCsvOptions } from './read-csv-records.ts';

const dir = mkdtempSync(join(tmpdir(), 'altseason-csv-'));
const tricky = 'a,b,c\r\n1,"x, ""quoted""",3\r\n\r\n2,"multi\nline",4\n5,,\n';

async function read(path: string, options: ReadCsvOptions = {}): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  await readCsvRecords(path, (record) => void records.push(record), options);
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

  it('gives the same records however the file is split into chunks', async () => {
    const path = join(dir, 'chunks.csv');
    writeFileSync(path, tricky + '7,"é ü ✓ 🚀",9\n');
    const whole = await read(path);
    expect(whole.at(-1)?.fields[1], 'multi-byte characters survive').toBe('é ü ✓ 🚀');
    for (const chunkBytes of [1, 2, 3, 5]) {
      expect(await read(path, { chunkBytes }), `records cut every ${chunkBytes} bytes (inside quotes, characters, CRLF) parse the same`).toEqual(whole);
    }
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

  it('reads a 32 MB line in linear time and refuses it at the record limit, naming file and line', async () => {
    // The old parser re-scanned an unfinished record on every chunk: this file took over 150 s.
    const path = join(dir, 'one-long-line.csv.gz');
    writeFileSync(path, gzipSync(`date,close\n2024-01-01,1\n2024-01-02,${'9'.repeat(32 * 1024 * 1024)}\n`));
    const error = await read(path).catch((e: unknown) => e);
    expect(error, 'a bad file is an InvalidRowError').toBeInstanceOf(InvalidRowError);
    expect((error as Error).message, 'the limit is stated, with the file and the line of the long record').toBe(
      `${path}:3: the record is longer than 65,536 characters (the import limit for one CSV record; docs/data.md "Reliability")`,
    );
  });

  it('refuses a gzip bomb before expanding it all', async () => {
    const path = join(dir, 'bomb.csv.gz');
    const rows = '2018-02-01,30\n'.repeat(300_000); // 4 MB of text, about 12 kB compressed
    writeFileSync(path, gzipSync(`date,fng_value\n${rows}`, { level: 9 }));
    let records = 0;
    const error = await readCsvRecords(path, () => void records++).catch((e: unknown) => e);
    expect((error as Error).message, 'names the file, the line reached and the ratio').toMatch(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: the gzip data expands more than 100 times .* likely gzip bomb`),
    );
    expect(records, 'stopped soon after the ratio passed the limit').toBeLessThan(300_000);
  });

  it('refuses text larger than the limit', async () => {
    const path = join(dir, 'large.csv');
    writeFileSync(path, 'date,fng_value\n' + '2018-02-01,30\n'.repeat(1000));
    await expect(read(path, { limits: { maxTextBytes: 4096 }, chunkBytes: 1024 })).rejects.toThrow(/large\.csv:\d+: the text is larger than 4 KiB/);
  });

  it('refuses a Latin-1 file with the line and the byte, instead of storing mangled names', async () => {
    const path = join(dir, 'latin1.csv');
    writeFileSync(path, Buffer.from('date,symbol,name,price_usd\n2024-01-01,BTC,Bitcoin,1\n2024-01-01,CAFE,Caf\xe9 Coin,1\n', 'latin1'));
    await expect(read(path)).rejects.toThrow(`${path}:3: the file is not UTF-8 text: byte 0xE9 ("é" in Latin-1 / Windows-1252, which is probably what the file is)`);
    const utf16 = join(dir, 'utf16.csv');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('date,close\n', 'utf16le')]));
    await expect(read(utf16)).rejects.toThrow(`${utf16}:1: the file is UTF-16 text`);
  });

  it('reads regular files only: a FIFO or a symlink to /dev/zero is refused, not read forever', async () => {
    const fifo = join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    await expect(read(fifo), 'a FIFO without a writer used to hang').rejects.toThrow(`${fifo}: not a regular file (a FIFO (named pipe)): import reads regular files only`);
    const zero = join(dir, 'zero.csv');
    symlinkSync('/dev/zero', zero);
    await expect(read(zero), '/dev/zero never ends').rejects.toThrow(`${zero}: not a regular file (a character device such as /dev/zero)`);
  });
});

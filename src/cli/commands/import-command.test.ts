import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import { importFailureError, runImport } from './import-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'altseason-import-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('altseason import of a folder with a bad file', () => {
  it('imports the good files, stores nothing of the bad one, and names file, line and value', async () => {
    writeFileSync(join(dir, 'a-good.csv'), 'date,symbol,price_usd\n2024-03-01,SOL,126.5\n');
    writeFileSync(join(dir, 'b-bad.csv'), 'date,symbol,price_usd\n2024-03-01,ADA,0.7\n2024-03-02,ADA,abc\n');
    writeFileSync(join(dir, 'c-good.csv'), 'date,symbol,price_usd\n2024-03-01,DOT,9.1\n');
    const store = SqliteStore.open(':memory:');
    try {
      const run = await runImport(store, [dir]);
      expect(run.results.map((r) => [r.file.split('/').pop(), r.rows]), 'the files after the bad one are imported too').toEqual([
        ['a-good.csv', 1],
        ['c-good.csv', 1],
      ]);
      expect((await store.summary()).observations, 'SOL and DOT, nothing of ADA').toBe(2);
      const error = importFailureError(run);
      expect(error?.message, 'a count, then one line per bad file').toBe(`1 of 3 files not imported (nothing from it was stored):\n  ${join(dir, 'b-bad.csv')}:3: column price_usd: value "abc" is not a positive number`);
    } finally {
      await store.close();
    }
  });

  it('says so when a folder holds nothing to import', async () => {
    const empty = mkdtempSync(join(dir, 'empty-'));
    const store = SqliteStore.open(':memory:');
    await expect(runImport(store, [empty])).rejects.toThrow(`${empty}: no .csv or .csv.gz files to import`);
    await store.close();
  });
});

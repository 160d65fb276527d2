import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import { importPaths } from '../../app/import-files.ts';
import { importFailureError } from './import-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'altseason-import-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('altseason import of a folder with a bad file', () => {
  it('imports the good files, stores nothing of the bad one, and names file, line and value', async () => {
    writeFileSync(join(dir, 'a-good.csv'), 'date,symbol,price_usd\n2024-03-01,SOL,126.5\n');
    writeFileSync(join(dir, 'b-bad.csv'), 'date,symbol,price_usd\n2024-03-01,ADA,0.7\n2024-03-02,ADA,abc\n');
    writeFileSync(join(dir, 'c-good.csv'), 'date,symbol,price_usd\n2024-03-01,DOT,9.1\n');
    const store = SqliteStore.open(':memory:');
    try {
      const run = await importPaths(store, [dir]);
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
    await expect(importPaths(store, [empty])).rejects.toThrow(`${empty}: no .csv or .csv.gz files to import`);
    await store.close();
  });
});

describe('altseason import interrupted with Ctrl-C', () => {
  const CHILD = resolve(import.meta.dirname, '..', '..', '..', 'test', 'import-child.ts');

  function runChild(db: string, files: string[], interruptWhileReading: string | null): Promise<{ code: number | null; stderr: string }> {
    return new Promise((done, fail) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, '--cli', db, ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let sent = false;
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.stdout.on('data', (chunk: Buffer) => {
        if (interruptWhileReading && !sent && chunk.toString().includes(`reading ${interruptWhileReading}`)) {
          sent = true;
          child.kill('SIGINT');
        }
      });
      child.on('error', fail);
      child.on('exit', (code) => done({ code, stderr }));
    });
  }

  it('stores the files done, drops the one being read, says how to resume, exits 130; re-running resumes', async () => {
    const folder = mkdtempSync(join(dir, 'sigint-'));
    const small = join(folder, 'a-small.csv');
    const big = join(folder, 'b-big.csv');
    const last = join(folder, 'c-last.csv');
    writeFileSync(small, 'date,symbol,price_usd,id\n2024-03-01,SOL,126.5,solana\n');
    // About 7 MB: read in several chunks, so the interrupt lands while it is being read.
    const rows: string[] = [];
    for (let coin = 0; coin < 1000; coin++) for (let day = 1; day <= 200; day++) rows.push(`2023-${String(1 + (day % 12)).padStart(2, '0')}-${String(1 + Math.floor(day / 12)).padStart(2, '0')},C${coin},1.5,coin-${coin}`);
    writeFileSync(big, `date,symbol,price_usd,id\n${rows.join('\n')}\n`);
    writeFileSync(last, 'date,symbol,price_usd,id\n2024-03-01,DOT,9.1,polkadot\n');
    const db = join(folder, 'store.db');

    const interrupted = await runChild(db, [small, big, last], big);
    expect(interrupted.code, `Ctrl-C exits with 130 (stderr: ${interrupted.stderr})`).toBe(130);
    expect(interrupted.stderr, 'says what was stored').toContain('interrupted: 1 file stored (a-small.csv).');
    expect(interrupted.stderr, 'and what was not').toContain(`nothing of ${big} was stored, and 1 more file was not started.`);
    expect(interrupted.stderr, 'and how to resume').toContain('to resume, run the same command again (files already imported are skipped): ');
    expect(interrupted.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
    const store = SqliteStore.open(db);
    try {
      expect((await store.listLoads()).map((l) => l.origin), 'only the finished file is recorded').toEqual([small]);
      expect((await store.summary()).observations, 'nothing of the file being read').toBe(1);
    } finally {
      await store.close();
    }

    const resumed = await runChild(db, [small, big, last], null);
    expect(resumed.code, `the same command again finishes (stderr: ${resumed.stderr})`).toBe(0);
    const after = SqliteStore.open(db);
    try {
      expect((await after.listLoads()).map((l) => l.origin), 'the done file was skipped, the rest imported').toEqual([small, big, last]);
      expect((await after.summary()).observations).toBe(1 + rows.length + 1);
    } finally {
      await after.close();
    }
  }, 120_000);
});

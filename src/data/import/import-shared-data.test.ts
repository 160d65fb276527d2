/**
 * The import on the real data in ../shared/data: every file imports, identity does not depend on
 * file order, a kill mid-write loses nothing, and re-importing changes nothing.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, inject, it } from 'vitest';
import { describeWithSharedData, SHARED_DATA_DIR, sharedDataFile } from '../../../test/shared-data.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { importFiles } from './import-files.ts';

const CRYPTO_FILE = sharedDataFile('crypto_prices_long.csv.gz');
const TOP10_FILE = sharedDataFile('cmc_weekly_top10_2013_2024.csv');
const CHILD = resolve(import.meta.dirname, '..', '..', '..', 'test', 'import-child.ts');

/** A digest of every observation: equal digests mean the same rows under the same asset ids. */
function observationDigest(path: string): { rows: number; assets: number; digest: string } {
  const db = new Database(path, { readonly: true });
  try {
    const hash = createHash('sha256');
    let rows = 0;
    for (const row of db.prepare('SELECT asset_id, date, source, symbol, price, market_cap, volume, rank FROM observations_readable ORDER BY asset_id, date, source').raw().iterate()) {
      hash.update(JSON.stringify(row));
      rows++;
    }
    const assets = (db.prepare('SELECT COUNT(*) AS n FROM assets').get() as { n: number }).n;
    return { rows, assets, digest: hash.digest('hex') };
  } finally {
    db.close();
  }
}

function runChildUntilWriting(db: string, files: string[]): Promise<{ killedWhileWriting: boolean }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db, ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
    let killedWhileWriting = false;
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('writing') && !killedWhileWriting) {
        killedWhileWriting = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) done({ killedWhileWriting });
      else fail(new Error(`import child exited with ${code}: ${stderr}`));
    });
  });
}

describeWithSharedData('importing ../shared/data', () => {
  it('imports every file into the shared test store (test/global-setup.ts)', async () => {
    const path = inject('realDataDb');
    expect(path, 'global setup imports the shared data when it exists').toBeTruthy();
    const store = SqliteStore.open(path!);
    try {
      const summary = await store.summary();
      expect(summary.observations, 'crypto long file + weekly top-10 rows').toBe(461_274 + 6_057);
      expect(summary.equityBars, '^RUT + ^GSPC + IWM days').toBe(9_685 + 24_656 + 6_472);
      expect(summary.categoryRules).toBe(497);
      expect(summary.loads, 'one load per file').toBe(11);
      const luna = (await store.listAssetSymbols()).filter((s) => s.symbol === 'LUNA').map((s) => s.assetId).sort();
      expect(luna, 'LUNA was three coins: Luna Coin (2018), Terra Classic, Terra 2.0').toEqual(['luna-coin', 'terra-luna', 'terra-luna-2']);
    } finally {
      await store.close();
    }
  });

  it('survives a SIGKILL mid-write, and re-importing in another file order gives the same store', async () => {
    const reference = inject('realDataDb');
    const db = join(mkdtempSync(join(tmpdir(), 'altseason-kill-')), 'killed.db');
    const { killedWhileWriting } = await runChildUntilWriting(db, [CRYPTO_FILE]);
    expect(killedWhileWriting, 'the child reached the write before it was killed').toBe(true);

    const raw = new Database(db);
    expect(raw.pragma('integrity_check', { simple: true }), 'the database file is intact after the kill').toBe('ok');
    const count = (raw.prepare('SELECT COUNT(*) AS n FROM observations').get() as { n: number }).n;
    raw.close();
    expect([0, 461_274], 'the store holds the file entirely or not at all').toContain(count);

    // Re-run: crypto file first, then the weekly top-10 — the reverse of the global setup's order.
    const store = SqliteStore.open(db);
    try {
      await importFiles(store, [CRYPTO_FILE]);
      await importFiles(store, [TOP10_FILE]);
    } finally {
      await store.close();
    }
    const rerun = observationDigest(db);
    expect(rerun.rows).toBe(461_274 + 6_057);
    if (reference) {
      expect(rerun, 'same rows under the same asset ids whatever the file order and after a kill').toEqual(observationDigest(reference));
    }

    const again = SqliteStore.open(db);
    try {
      const rest = await importFiles(again, [SHARED_DATA_DIR]);
      expect(rest.filter((r) => r.skipped).length, 'the two files already in are skipped by content hash').toBe(2);
      const results = await importFiles(again, [SHARED_DATA_DIR], { force: true });
      const changed = results.filter((r) => r.changed > 0).map((r) => `${r.file}: ${r.changed}`);
      expect(changed, 'a forced re-import of everything changes nothing').toEqual([]);
    } finally {
      await again.close();
    }
  }, 180_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { storeContract } from '../../../../test/contracts/store-contract.ts';
import { SqliteStore } from './sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'altseason-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

storeContract('SqliteStore', async () => SqliteStore.open(join(dir, `contract-${counter++}.db`)));

describe('SqliteStore', () => {
  it('migrates a new file and reopens it without re-running migrations', async () => {
    const path = join(dir, 'reopen.db');
    const first = SqliteStore.open(path);
    expect(first.schemaVersion()).toBeGreaterThanOrEqual(1);
    await first.write({ load: { source: 't', origin: 'o' }, assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }] });
    await first.close();
    const second = SqliteStore.open(path);
    expect((await second.listAssets()).length, 'data survives a reopen').toBe(1);
    await second.close();
  });

  it('refuses a store written by a newer altseason', async () => {
    const path = join(dir, 'future.db');
    (await SqliteStore.open(path).close());
    const raw = new Database(path);
    raw.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (999, ?, 0)').run('future');
    raw.close();
    expect(() => SqliteStore.open(path)).toThrow(/schema version 999/);
  });

  it('uses WAL so readers are not blocked by a writer', async () => {
    const path = join(dir, 'wal.db');
    const store = SqliteStore.open(path);
    const raw = new Database(path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    await store.close();
  });

  it('pins a snapshot against writes from another process (connection)', async () => {
    const path = join(dir, 'snapshot.db');
    const reader = SqliteStore.open(path);
    const writer = SqliteStore.open(path);
    await writer.write({ load: { source: 't', origin: 'one' }, assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }] });
    const seen = await reader.snapshot(async () => {
      const before = (await reader.listAssets()).length;
      await writer.write({ load: { source: 't', origin: 'two' }, assets: [{ id: 'ethereum', symbol: 'ETH', name: 'Ethereum' }] });
      return { before, after: (await reader.listAssets()).length, loadId: await reader.latestLoadId() };
    });
    expect(seen, 'the other connection\'s write is not seen inside the snapshot').toEqual({ before: 1, after: 1, loadId: 1 });
    expect((await reader.listAssets()).length, 'and is seen once it ended').toBe(2);
    await reader.close();
    await writer.close();
  });
});

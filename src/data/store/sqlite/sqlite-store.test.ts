import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { storeContract } from '../../../../test/contracts/store-contract.ts';
import { openStore } from '../open-store.ts';
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

describe('SqliteStore opened read-only', () => {
  const fileDigest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
  async function storeWithOneAsset(name: string): Promise<string> {
    const path = join(dir, name);
    const store = SqliteStore.open(path);
    await store.write({ load: { source: 't', origin: 'o' }, assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }] });
    await store.close();
    return path;
  }

  it('reads without writing a byte, even to a rollback-journal file it would otherwise switch to WAL', async () => {
    const path = await storeWithOneAsset('read-only.db');
    const raw = new Database(path);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = fileDigest(path);
    const store = openStore(path, { readOnly: true });
    expect((await store.listAssets()).map((a) => a.id), 'a read-only open reads the data').toEqual(['bitcoin']);
    expect(await store.snapshot(async () => store.latestLoadId()), 'snapshots work read-only').toBe(1);
    await store.close();
    expect(fileDigest(path), 'the file is byte for byte unchanged (no journal-mode switch, no migration)').toBe(before);
    const check = new Database(path, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true }), 'journal mode left as it was').toBe('delete');
    check.close();
  });

  it('reads a store whose file the user may not write', async () => {
    const path = await storeWithOneAsset('no-write-permission.db');
    chmodSync(path, 0o444);
    try {
      const store = openStore(path, { readOnly: true });
      expect((await store.summary()).assets, 'a read-only file is readable (was: "attempt to write a readonly database")').toBe(1);
      await store.close();
    } finally {
      chmodSync(path, 0o644);
    }
  });

  it('refuses writes with a message that says the store is read-only', async () => {
    const path = await storeWithOneAsset('refuses-writes.db');
    const store = openStore(path, { readOnly: true });
    await expect(store.write({ load: { source: 't', origin: 'o' } })).rejects.toThrow(/opened read-only/);
    await expect(store.setSetting('k', 'v')).rejects.toThrow(/opened read-only/);
    await store.close();
  });

  it('refuses a store that needs migrating, and never creates a missing one', async () => {
    const path = await storeWithOneAsset('old-schema.db');
    const raw = new Database(path);
    const newest = raw.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number;
    raw.prepare('DELETE FROM schema_migrations WHERE version = ?').run(newest);
    raw.close();
    expect(() => openStore(path, { readOnly: true }), 'a read-only open cannot migrate, and says what to do').toThrow(
      new RegExp(`schema version ${newest - 1} and needs migrating to ${newest}, which a read-only open cannot do`),
    );
    const missing = join(dir, 'missing', 'nothing.db');
    expect(() => openStore(missing, { readOnly: true })).toThrow(/could not open the store at .*nothing\.db read-only/);
    expect(existsSync(join(dir, 'missing')), 'no directory created for a read-only open').toBe(false);
  });
});

import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { storeContract } from '../../../../test/contracts/store-contract.ts';
import { openStore } from '../open-store.ts';
import { MIGRATIONS } from './migrations.ts';
import { SqliteStore } from './sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'altseason-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

storeContract(
  'SqliteStore',
  async () => SqliteStore.open(join(dir, `contract-${counter++}.db`)),
  async (store) => SqliteStore.open(store.location),
);

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

  it('migrates a store whose loads recorded one file twice (two concurrent imports before schema 2)', async () => {
    const path = join(dir, 'twice.db');
    await SqliteStore.open(path).close();
    const raw = new Database(path);
    raw.exec('DROP INDEX loads_first_per_content; ALTER TABLE loads DROP COLUMN repeat_of; DELETE FROM schema_migrations WHERE version = 2');
    const insert = raw.prepare("INSERT INTO loads (source, origin, content_hash, loaded_at, rows) VALUES ('t', 'a.csv', 'h', 0, 0)");
    insert.run();
    insert.run();
    raw.close();
    const store = SqliteStore.open(path);
    expect(store.schemaVersion(), 'the migration succeeds despite the duplicate (and the later ones run)').toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    const again = await store.write({ load: { source: 't', origin: 'a.csv', contentHash: 'h', skipIfContentLoaded: true } });
    expect(again.alreadyLoaded?.id, 'the first of the two counts as the load of that content').toBe(1);
    await store.close();
  });

  it('uses WAL so readers are not blocked by a writer', async () => {
    const path = join(dir, 'wal.db');
    const store = SqliteStore.open(path);
    const raw = new Database(path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    await store.close();
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

describe('SqliteStore writers', () => {
  const CHILD = resolve(import.meta.dirname, '..', '..', '..', '..', 'test', 'import-child.ts');

  it('waits for a write lock held longer than 5 s, names the holder, then resumes', async () => {
    const path = join(dir, 'locked.db');
    await SqliteStore.open(path).close();
    const releaseFile = join(dir, 'release-locked');
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, '--hold-write-lock', path, releaseFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    await new Promise<void>((holding, fail) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('holding') && holding());
      void exited.then((code) => fail(new Error(`the lock holder exited early (${code}): ${stderr}`)));
    });
    const notices: string[] = [];
    const store = SqliteStore.open(path, {
      onLockWait: (message) => {
        notices.push(message);
        // Release only after the old 5 s busy timeout would have given up with "database is locked".
        setTimeout(() => writeFileSync(releaseFile, ''), 5_500);
      },
    });
    try {
      const result = await store.write({ load: { source: 'test', origin: 'waiter' }, settings: { waiter: 'done' } });
      expect(result.loadId, 'the waiting write went in after the holder\'s').toBe(2);
      expect(notices, 'the wait is announced once').toHaveLength(1);
      expect(notices[0], 'naming the holder: pid and command').toMatch(new RegExp(`waiting for the write lock of the store at .*locked\\.db, held by pid ${child.pid} \\(.*import-child\\.ts --hold-write-lock`));
      expect(await store.getSetting('holder'), 'the holder\'s write is kept too').toBe('done');
      expect(existsSync(`${path}.writer`), 'the note is removed with the lock').toBe(false);
    } finally {
      writeFileSync(releaseFile, '');
      await store.close();
    }
    expect(await exited, `the holder finished cleanly: ${stderr}`).toBe(0);
  }, 60_000);

  it('gives up after lockWaitMs with the holder named, not a bare "database is locked"', async () => {
    const path = join(dir, 'gives-up.db');
    await SqliteStore.open(path).close();
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    const store = SqliteStore.open(path, { lockWaitMs: 300, onLockWait: () => {} });
    try {
      await expect(store.write({ load: { source: 't', origin: 'o' } })).rejects.toThrow(
        /write\(\): gave up after waiting \d+ s for the write lock of the store at .*gives-up\.db, held by another connection that left no note/,
      );
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      await store.close();
    }
  });
});

/**
 * The embedded default store: one SQLite file in WAL mode. Every write() is one transaction, so a
 * crash or kill mid-write leaves the file as it was before that write.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { DayNumber, UnixMs } from '../../../domain/dates.ts';
import { StoreError } from '../../../domain/errors.ts';
import type {
  AliasRecord,
  AssetRecord,
  AssetSymbolRecord,
  CategoryRuleRecord,
  EquityBarRecord,
  LoadRecord,
  ObservationRecord,
  SeriesPointRecord,
} from '../../../domain/records.ts';
import { isPostgresUrl, parsePostgresUrl } from '../postgres/postgres-config.ts';
import { SnapshotGate } from '../snapshot-gate.ts';
import {
  OPEN_DAY_HIGH,
  OPEN_DAY_LOW,
  checkEquityBarField,
  equityFieldColumns,
  fromStoredAlias,
  parseSourcePrecedence,
  sortSourcesWithinDays,
  PRECEDENCE_KEY,
  serializeSourcePrecedence,
  toLoadRecord,
  type LoadRow,
} from '../store-rules.ts';
import type { DayRange, EquityBarField, EquityFieldColumns, SourceStats, Store, StoreSummary, WriteBatch, WriteResult } from '../store.ts';
import { STORE_TABLES, type StoreTable, type TableSource } from '../store-tables.ts';
import type { AlertJournal } from '../alert-journal.ts';
import type { PortfolioBook } from '../portfolio-book.ts';
import { LockNote } from './lock-note.ts';
import { MIGRATIONS } from './migrations.ts';
import { SqliteAlertJournal } from './sqlite-alert-journal.ts';
import { SqlitePortfolioBook } from './sqlite-portfolio-book.ts';

// Imported (the CLI bundle compiles better-sqlite3's JavaScript in, with the code cache: ≈ 6 ms
// less than requiring its ten files at every start); its addon is handed over by path when it is
// where its install puts it, which skips the search of the `bindings` package (~2 ms).
const requireHere = createRequire(import.meta.url);
const ADDON = (() => {
  try {
    const path = requireHere.resolve('better-sqlite3/build/Release/better_sqlite3.node');
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
})();
const withAddon = (options: Database.Options = {}): Database.Options => (ADDON ? { ...options, nativeBinding: ADDON } : options);

/** Up to this many days, readObservations first looks up which assets the range holds. */
const NARROW_RANGE_DAYS = 1000;

/** How long a read waits for a lock (a checkpoint, a migration) before giving up. */
const READ_BUSY_TIMEOUT_MS = 5000;

/** Each try for the write lock blocks at most this long; between tries the event loop runs. */
const WRITE_LOCK_POLL_MS = 200;
const DEFAULT_LOCK_WAIT_MS = 10 * 60_000;

export interface SqliteStoreOptions {
  /** Open without writing anything; writes are refused. */
  readOnly?: boolean;
  /** How long a write waits for another process's write to finish (default 10 minutes). */
  lockWaitMs?: number;
  /** Told once per write that has to wait, naming the holder (default: a line on stderr). */
  onLockWait?: (message: string) => void;
}

export class SqliteStore implements Store, TableSource {
  private readonly db: Database.Database;
  /** The order of snapshots and writes on this connection (the Store contract's rules). */
  private readonly gate = new SnapshotGate({
    // With WAL, a deferred BEGIN takes no lock; the first read pins the snapshot.
    begin: () => {
      this.db.exec('BEGIN DEFERRED');
      this.db.prepare('SELECT COUNT(*) FROM sqlite_master').pluck().get();
    },
    // Nothing was written inside (writes are refused there), so COMMIT only ends the read.
    end: () => {
      if (this.db.open && this.db.inTransaction) this.db.exec('COMMIT');
    },
  });
  private readonly lockWaitMs: number;
  private readonly onLockWait: (message: string) => void;
  private readonly lockNote: LockNote;

  readonly readOnly: boolean;
  /** The alert outbox (../alert-journal.ts), written through this store's write path. */
  readonly alerts: AlertJournal = new SqliteAlertJournal({ db: () => this.db, write: (what, body) => this.runWrite(what, body) });
  readonly portfolio: PortfolioBook = new SqlitePortfolioBook({ db: () => this.db, write: (what, body) => this.runWrite(what, body) });

  private constructor(readonly location: string, db: Database.Database, options: SqliteStoreOptions) {
    this.db = db;
    this.readOnly = options.readOnly === true;
    this.lockWaitMs = options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
    this.onLockWait = options.onLockWait ?? ((message) => process.stderr.write(`${message}\n`));
    this.lockNote = new LockNote(location);
  }

  /**
   * Opens (or creates) the store at `path` (`:memory:` for tests) and migrates it. With
   * `readOnly`, the file must exist and be at this altseason's schema version: nothing is written
   * (no migration, no journal-mode change), so a store on a read-only disk or owned by another
   * user can still be read.
   */
  static open(path: string, options: SqliteStoreOptions = {}): SqliteStore {
    if (isPostgresUrl(path)) throw new StoreError(`${parsePostgresUrl(path).location} is a PostgreSQL URL, not a SQLite file: open it with openStore()`);
    if (options.readOnly) return SqliteStore.openReadOnly(path, options);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    let db: Database.Database;
    try {
      db = new Database(path, withAddon());
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${READ_BUSY_TIMEOUT_MS}`);
    } catch (error) {
      throw new StoreError(`could not open the store at ${path}: ${(error as Error).message}`, { cause: error });
    }
    const store = new SqliteStore(path, db, options);
    store.migrate();
    return store;
  }

  private static openReadOnly(path: string, options: SqliteStoreOptions): SqliteStore {
    if (path === ':memory:') throw new StoreError('a read-only store needs a file: :memory: is always empty');
    let db: Database.Database;
    try {
      db = new Database(path, withAddon({ readonly: true, fileMustExist: true }));
      // Neither pragma writes to the file; journal_mode is left as the file has it.
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${READ_BUSY_TIMEOUT_MS}`);
    } catch (error) {
      const reason = (error as Error).message;
      const hint = /unable to open|does not exist|no such file/i.test(reason) ? ' (check the path; a read-only open never creates a store)' : '';
      throw new StoreError(`could not open the store at ${path} read-only: ${reason}${hint}`, { cause: error });
    }
    const store = new SqliteStore(path, db, options);
    try {
      const newest = store.readSchemaVersion();
      const known = Math.max(...MIGRATIONS.map((m) => m.version));
      if (newest > known) {
        throw new StoreError(`the store at ${path} has schema version ${newest}, newer than this altseason knows (${known}): upgrade altseason`);
      }
      if (newest < known) {
        throw new StoreError(
          `the store at ${path} has schema version ${newest} and needs migrating to ${known}, which a read-only open cannot do: ` +
            'run one writing command on it first (e.g. `altseason import` or `sync`), with write access to the file',
        );
      }
    } catch (error) {
      db.close();
      throw error;
    }
    return store;
  }

  /** The newest applied migration, 0 for a file that has none (an empty or foreign database). */
  private readSchemaVersion(): number {
    const table = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!table) return 0;
    return (this.db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null) ?? 0;
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    const applied = new Set(
      (this.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((row) => row.version),
    );
    const newest = Math.max(0, ...applied);
    const known = Math.max(...MIGRATIONS.map((m) => m.version));
    if (newest > known) {
      throw new StoreError(`the store at ${this.location} has schema version ${newest}, newer than this altseason knows (${known}): upgrade altseason`);
    }
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      this.db.transaction(() => {
        this.db.exec(migration.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)')
          .run(migration.version, migration.description, Date.now());
      })();
    }
  }

  schemaVersion(): number {
    const row = this.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
    return row.v ?? 0;
  }

  async latestLoadId(): Promise<number | null> {
    return (this.db.prepare('SELECT MAX(id) FROM loads').pluck().get() as number | null) ?? null;
  }

  async snapshot<T>(work: () => Promise<T>): Promise<T> {
    return this.gate.snapshot(work);
  }

  /**
   * Every write goes through here. Refused inside a snapshot and on a read-only store; otherwise
   * queued behind this connection's other writes and behind an open snapshot, then run in one
   * BEGIN IMMEDIATE transaction once the database's write lock is free (see acquireWriteLock).
   */
  private async runWrite<T>(what: string, body: () => T): Promise<T> {
    if (this.readOnly) throw new StoreError(`${what} on the store at ${this.location}, which was opened read-only`);
    return this.gate.write(what, async () => {
      await this.acquireWriteLock(what);
      try {
        const result = body();
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      } finally {
        this.lockNote.remove();
      }
    });
  }

  /**
   * BEGIN IMMEDIATE, waiting while another connection or process holds the write lock. Each try
   * blocks for at most WRITE_LOCK_POLL_MS (better-sqlite3 is synchronous, so a long busy timeout
   * would freeze the process, Ctrl-C included); between tries the event loop runs. Once, the wait
   * is announced with the holder's note (pid, command, since when); after `lockWaitMs` it gives up
   * with the same description. A plain busy timeout gave up after 5 s with "database is locked".
   */
  private async acquireWriteLock(what: string): Promise<void> {
    const started = Date.now();
    let announced = false;
    for (;;) {
      this.db.pragma(`busy_timeout = ${WRITE_LOCK_POLL_MS}`);
      try {
        this.db.exec('BEGIN IMMEDIATE');
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
      } finally {
        this.db.pragma(`busy_timeout = ${READ_BUSY_TIMEOUT_MS}`);
      }
      const holder = this.lockNote.describeHolder();
      const waited = Date.now() - started;
      if (waited >= this.lockWaitMs) {
        throw new StoreError(`${what}: gave up after waiting ${Math.round(waited / 1000)} s for the write lock of the store at ${this.location}, ${holder}`);
      }
      if (!announced) {
        announced = true;
        this.onLockWait(`waiting for the write lock of the store at ${this.location}, ${holder}; resuming as soon as it is released (giving up after ${Math.round(this.lockWaitMs / 1000)} s)`);
      }
      await new Promise((resolve) => setTimeout(resolve, WRITE_LOCK_POLL_MS));
    }
    this.lockNote.write();
  }

  async write(batch: WriteBatch): Promise<WriteResult> {
    return this.runWrite('write()', () => this.writeNow(batch));
  }

  /** The body of write(), inside its transaction. */
  private writeNow(batch: WriteBatch): WriteResult {
    const db = this.db;
    const run = (): WriteResult => {
      const contentHash = batch.load.contentHash ?? null;
      // Checked inside the write transaction, so two imports of one file cannot both pass it.
      const earlier = contentHash === null ? undefined : this.loadByHash(contentHash);
      if (earlier && batch.load.skipIfContentLoaded) return { loadId: earlier.id, changed: 0, unchanged: 0, alreadyLoaded: earlier };
      const loadId = Number(
        db
          .prepare('INSERT INTO loads (source, origin, content_hash, loaded_at, rows, repeat_of) VALUES (?, ?, ?, ?, 0, ?)')
          .run(batch.load.source, batch.load.origin, contentHash, Date.now(), earlier?.id ?? null).lastInsertRowid,
      );
      let changed = 0;
      let total = 0;

      const insertAsset = db.prepare('INSERT INTO assets (id, symbol, name) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING');
      for (const asset of batch.assets ?? []) changed += insertAsset.run(asset.id, asset.symbol, asset.name).changes;

      const upsertAlias = db.prepare(
        `INSERT INTO asset_aliases (source, source_key, from_day, to_day, asset_id) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(source, source_key, from_day) DO UPDATE SET to_day = excluded.to_day, asset_id = excluded.asset_id
         WHERE asset_aliases.to_day IS NOT excluded.to_day OR asset_aliases.asset_id IS NOT excluded.asset_id`,
      );
      for (const alias of batch.aliases ?? []) {
        changed += upsertAlias.run(alias.source, alias.sourceKey, alias.fromDay ?? OPEN_DAY_LOW, alias.toDay ?? OPEN_DAY_HIGH, alias.assetId).changes;
      }

      const observations = batch.observations ?? [];
      if (observations.length > 0) {
        const assetKeyOf = this.assetKeyLookup();
        const sourceKeyOf = this.sourceKeyLookup();
        const upsert = db.prepare(
          `INSERT INTO observations (asset_key, day, source_key, symbol, price, market_cap, volume, rank, load_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(asset_key, day, source_key) DO UPDATE SET
             symbol = excluded.symbol, price = excluded.price, market_cap = excluded.market_cap,
             volume = excluded.volume, rank = excluded.rank, load_id = excluded.load_id
           WHERE observations.symbol IS NOT excluded.symbol OR observations.price IS NOT excluded.price
             OR observations.market_cap IS NOT excluded.market_cap OR observations.volume IS NOT excluded.volume
             OR observations.rank IS NOT excluded.rank`,
        );
        const spans = new Map<string, { assetId: string; symbol: string; first: number; last: number }>();
        for (const o of observations) {
          changed += upsert.run(assetKeyOf(o.assetId), o.day, sourceKeyOf(o.source), o.symbol, o.price, o.marketCap, o.volume, o.rank, loadId).changes;
          const key = `${o.assetId}\u0000${o.symbol}`;
          const span = spans.get(key);
          if (span) {
            if (o.day < span.first) span.first = o.day;
            if (o.day > span.last) span.last = o.day;
          } else spans.set(key, { assetId: o.assetId, symbol: o.symbol, first: o.day, last: o.day });
        }
        total += observations.length;
        const upsertSymbol = db.prepare(
          `INSERT INTO asset_symbols (asset_id, symbol, first_day, last_day) VALUES (?, ?, ?, ?)
           ON CONFLICT(asset_id, symbol) DO UPDATE SET first_day = MIN(first_day, excluded.first_day), last_day = MAX(last_day, excluded.last_day)`,
        );
        for (const span of spans.values()) upsertSymbol.run(span.assetId, span.symbol, span.first, span.last);
        // An asset is shown under the ticker it used most recently.
        const latestSymbol = db.prepare(
          `UPDATE assets SET symbol = (SELECT symbol FROM asset_symbols s WHERE s.asset_id = assets.id ORDER BY last_day DESC, symbol LIMIT 1)
           WHERE id = ?`,
        );
        for (const assetId of new Set([...spans.values()].map((s) => s.assetId))) latestSymbol.run(assetId);
      }

      const bars = batch.equityBars ?? [];
      if (bars.length > 0) {
        const upsert = db.prepare(
          `INSERT INTO equity_bars (symbol, day, source, open, high, low, close, volume, load_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(symbol, day, source) DO UPDATE SET open = excluded.open, high = excluded.high, low = excluded.low,
             close = excluded.close, volume = excluded.volume, load_id = excluded.load_id
           WHERE equity_bars.open IS NOT excluded.open OR equity_bars.high IS NOT excluded.high OR equity_bars.low IS NOT excluded.low
             OR equity_bars.close IS NOT excluded.close OR equity_bars.volume IS NOT excluded.volume`,
        );
        for (const b of bars) changed += upsert.run(b.symbol, b.day, b.source, b.open, b.high, b.low, b.close, b.volume, loadId).changes;
        total += bars.length;
      }

      const points = batch.seriesPoints ?? [];
      if (points.length > 0) {
        const upsert = db.prepare(
          `INSERT INTO series_points (series, at, source, value, load_id) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(series, at, source) DO UPDATE SET value = excluded.value, load_id = excluded.load_id
           WHERE series_points.value IS NOT excluded.value`,
        );
        for (const p of points) changed += upsert.run(p.series, p.at, p.source, p.value, loadId).changes;
        total += points.length;
      }

      const rules = batch.categoryRules ?? [];
      if (rules.length > 0) {
        const upsert = db.prepare(
          `INSERT INTO category_rules (symbol, category, name, exclude_from_index, source, load_id) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(symbol, category, source) DO UPDATE SET name = excluded.name, exclude_from_index = excluded.exclude_from_index, load_id = excluded.load_id
           WHERE category_rules.name IS NOT excluded.name OR category_rules.exclude_from_index IS NOT excluded.exclude_from_index`,
        );
        for (const r of rules) changed += upsert.run(r.symbol, r.category, r.name, r.excludeFromIndex ? 1 : 0, r.source, loadId).changes;
        total += rules.length;
      }

      const setSetting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE settings.value IS NOT excluded.value');
      for (const [key, value] of Object.entries(batch.settings ?? {})) changed += setSetting.run(key, value).changes;

      db.prepare('UPDATE loads SET rows = ? WHERE id = ?').run(total, loadId);
      return { loadId, changed, unchanged: Math.max(0, total - changed) };
    };
    return run();
  }

  /** asset id → integer key, for writes; an unknown id is an error like a failed foreign key. */
  private assetKeyLookup(): (assetId: string) => number {
    const select = this.db.prepare('SELECT key FROM assets WHERE id = ?').pluck();
    const cache = new Map<string, number>();
    return (assetId) => {
      let key = cache.get(assetId);
      if (key === undefined) {
        key = select.get(assetId) as number | undefined;
        if (key === undefined) throw new StoreError(`an observation names the asset ${JSON.stringify(assetId)}, which is not in the store (write the asset first)`);
        cache.set(assetId, key);
      }
      return key;
    };
  }

  /** source name → integer key, creating the source on first use. */
  private sourceKeyLookup(): (source: string) => number {
    const insert = this.db.prepare('INSERT INTO sources (name) VALUES (?) ON CONFLICT(name) DO NOTHING');
    const select = this.db.prepare('SELECT key FROM sources WHERE name = ?').pluck();
    const cache = new Map<string, number>();
    return (source) => {
      let key = cache.get(source);
      if (key === undefined) {
        insert.run(source);
        key = select.get(source) as number;
        cache.set(source, key);
      }
      return key;
    };
  }

  async findLoadByHash(contentHash: string): Promise<LoadRecord | undefined> {
    return this.loadByHash(contentHash);
  }

  private loadByHash(contentHash: string): LoadRecord | undefined {
    const row = this.db
      .prepare('SELECT id, source, origin, content_hash, loaded_at, rows FROM loads WHERE content_hash = ? ORDER BY id LIMIT 1')
      .get(contentHash) as LoadRow | undefined;
    return row ? toLoadRecord(row) : undefined;
  }

  async listLoads(): Promise<LoadRecord[]> {
    return (this.db.prepare('SELECT id, source, origin, content_hash, loaded_at, rows FROM loads ORDER BY id').all() as LoadRow[]).map(toLoadRecord);
  }

  async listAssets(): Promise<AssetRecord[]> {
    return this.db.prepare('SELECT id, symbol, name FROM assets ORDER BY id').all() as AssetRecord[];
  }

  async listAssetSymbols(): Promise<AssetSymbolRecord[]> {
    return this.db
      .prepare('SELECT asset_id AS assetId, symbol, first_day AS firstDay, last_day AS lastDay FROM asset_symbols ORDER BY asset_id, first_day')
      .all() as AssetSymbolRecord[];
  }

  async listAliases(): Promise<AliasRecord[]> {
    const rows = this.db
      .prepare('SELECT source, source_key AS sourceKey, asset_id AS assetId, from_day AS fromDay, to_day AS toDay FROM asset_aliases ORDER BY source, source_key, from_day')
      .all() as { source: string; sourceKey: string; assetId: string; fromDay: number; toDay: number }[];
    return rows.map(fromStoredAlias);
  }

  async listCategoryRules(): Promise<CategoryRuleRecord[]> {
    const rows = this.db
      .prepare('SELECT symbol, name, category, exclude_from_index AS excludeFromIndex, source FROM category_rules ORDER BY symbol, category')
      .all() as (Omit<CategoryRuleRecord, 'excludeFromIndex'> & { excludeFromIndex: number })[];
    return rows.map((r) => ({ ...r, excludeFromIndex: r.excludeFromIndex === 1 }));
  }

  async readObservations(range: DayRange & { assetIds?: string[] } = {}): Promise<ObservationRecord[]> {
    const sourceOf = new Map((this.db.prepare('SELECT key, name FROM sources').raw().all() as [number, string][]).map(([key, name]) => [key, name]));
    let assets = this.db.prepare('SELECT key, id FROM assets ORDER BY id').raw().all() as [number, string][];
    if (range.assetIds) {
      const wanted = new Set(range.assetIds);
      assets = assets.filter(([, id]) => wanted.has(id));
    }
    if (range.from !== undefined && (range.to ?? (await this.cryptoDaySpan()).lastDay ?? range.from) - range.from <= NARROW_RANGE_DAYS) {
      // A short range (the last 200 days of `status`) holds a few of the ~1,800 assets: find them on
      // the day index (a millisecond) instead of querying every asset (~15 ms of empty scans).
      const present = new Set(
        (this.db.prepare('SELECT DISTINCT asset_key FROM observations WHERE day >= ? AND day <= ?').raw().all(range.from, range.to ?? OPEN_DAY_HIGH) as [number][]).map(([key]) => key),
      );
      assets = assets.filter(([key]) => present.has(key));
    }
    // One primary-key range scan per asset, in asset-id order: faster than one big scan re-ordered
    // afterwards, and the rows come out in the contract's order (asset id, day, then source).
    const perAsset = this.db
      .prepare('SELECT day, source_key, symbol, price, market_cap, volume, rank FROM observations WHERE asset_key = ? AND day >= ? AND day <= ? ORDER BY day, source_key')
      .raw();
    const from = range.from ?? OPEN_DAY_LOW;
    const to = range.to ?? OPEN_DAY_HIGH;
    const records: ObservationRecord[] = [];
    for (const [key, assetId] of assets) {
      const first = records.length;
      for (const [day, sourceKey, symbol, price, marketCap, volume, rank] of perAsset.all(key, from, to) as ObservationRow[]) {
        records.push({ assetId, day: day as DayNumber, source: sourceOf.get(sourceKey)!, symbol, price, marketCap, volume, rank });
      }
      sortSourcesWithinDays(records, first, records.length);
    }
    return records;
  }

  async observationStats(): Promise<SourceStats[]> {
    const rows = this.db
      .prepare(
        `SELECT s.name AS source, COUNT(*) AS observations, COUNT(DISTINCT o.asset_key) AS assets, MIN(o.day) AS firstDay, MAX(o.day) AS lastDay
         FROM observations o JOIN sources s ON s.key = o.source_key GROUP BY o.source_key ORDER BY s.name`,
      )
      .all() as SourceStats[];
    return rows;
  }

  async readEquityBars(symbol: string, range: DayRange = {}): Promise<EquityBarRecord[]> {
    return this.db
      .prepare(
        `SELECT symbol, day, source, open, high, low, close, volume FROM equity_bars
         WHERE symbol = ? AND day >= ? AND day <= ? ORDER BY day, source`,
      )
      .all(symbol, range.from ?? OPEN_DAY_LOW, range.to ?? OPEN_DAY_HIGH) as EquityBarRecord[];
  }

  async readEquityField(symbol: string, field: EquityBarField, range: DayRange = {}): Promise<EquityFieldColumns> {
    checkEquityBarField(field);
    const rows = this.db
      .prepare(`SELECT day, source, ${field} FROM equity_bars WHERE symbol = ? AND day >= ? AND day <= ? ORDER BY day, source`)
      .raw()
      .all(symbol, range.from ?? OPEN_DAY_LOW, range.to ?? OPEN_DAY_HIGH) as [DayNumber, string, number | null][];
    return equityFieldColumns(rows);
  }

  async listEquitySymbols(): Promise<string[]> {
    return (this.db.prepare('SELECT DISTINCT symbol FROM equity_bars ORDER BY symbol').all() as { symbol: string }[]).map((r) => r.symbol);
  }

  async readSeries(series: string, range: { from?: UnixMs; to?: UnixMs } = {}): Promise<SeriesPointRecord[]> {
    return this.db
      .prepare('SELECT series, at, source, value FROM series_points WHERE series = ? AND at >= ? AND at <= ? ORDER BY at, source')
      .all(series, range.from ?? Number.MIN_SAFE_INTEGER, range.to ?? Number.MAX_SAFE_INTEGER) as SeriesPointRecord[];
  }

  async listSeries(): Promise<string[]> {
    return (this.db.prepare('SELECT DISTINCT series FROM series_points ORDER BY series').all() as { series: string }[]).map((r) => r.series);
  }

  async getSourcePrecedence(): Promise<string[]> {
    return parseSourcePrecedence(await this.getSetting(PRECEDENCE_KEY));
  }

  async setSourcePrecedence(sources: string[]): Promise<void> {
    await this.setSetting(PRECEDENCE_KEY, serializeSourcePrecedence(sources));
  }

  async getSetting(key: string): Promise<string | undefined> {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.runWrite('setSetting()', () => {
      this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
    });
  }

  async summary(): Promise<StoreSummary> {
    const count = (table: string) => (this.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const span = await this.cryptoDaySpan();
    return {
      assets: count('assets'),
      observations: count('observations'),
      equityBars: count('equity_bars'),
      seriesPoints: count('series_points'),
      categoryRules: count('category_rules'),
      loads: count('loads'),
      firstDay: span.firstDay,
      lastDay: span.lastDay,
    };
  }

  async cryptoDaySpan(): Promise<{ firstDay: DayNumber | null; lastDay: DayNumber | null }> {
    // Two subqueries: SQLite answers a lone MIN or MAX from the day index (instantly), but scans for both in one.
    const span = this.db.prepare('SELECT (SELECT MIN(day) FROM observations) AS first, (SELECT MAX(day) FROM observations) AS last').get() as { first: number | null; last: number | null };
    return { firstDay: span.first as DayNumber | null, lastDay: span.last as DayNumber | null };
  }

  /** Rows of one of the store's tables (for migrate-store; run inside snapshot() for one state). */
  async countRows(table: StoreTable): Promise<number> {
    return this.db.prepare(`SELECT COUNT(*) FROM ${knownTable(table)}`).pluck().get() as number;
  }

  async *readRows(table: StoreTable, chunkRows: number): AsyncIterable<unknown[][]> {
    const rows = this.db.prepare(`SELECT ${table.columns.join(', ')} FROM ${knownTable(table)}`).raw().iterate() as IterableIterator<unknown[]>;
    let chunk: unknown[][] = [];
    for (const row of rows) {
      chunk.push(row);
      if (chunk.length >= chunkRows) {
        yield chunk;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

type ObservationRow = [day: number, sourceKey: number, symbol: string, price: number | null, marketCap: number | null, volume: number | null, rank: number | null];


/** The table's name, once it is checked to be one of the store's (it goes into the SQL). */
function knownTable(table: StoreTable): string {
  if (!STORE_TABLES.some((t) => t.name === table.name && t.columns.join() === table.columns.join())) throw new StoreError(`not a table of the store: ${JSON.stringify(table.name)}`);
  return table.name;
}

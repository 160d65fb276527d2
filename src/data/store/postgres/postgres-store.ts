/**
 * The server store: the same Store on PostgreSQL (the `pg` driver), for a shared dashboard, a
 * `watch` daemon and several readers on one database (docs/deployment.md).
 *
 * - Schema: the same versions as SQLite (postgres/migrations.ts), applied in one transaction under
 *   an advisory lock (two processes opening a new database do not both create it); a database
 *   with a newer schema is refused.
 * - Writes: every write() is one READ COMMITTED transaction that first takes the store's advisory
 *   write lock (a second writer, in this or another process, waits and is told who holds it), then
 *   writes its rows with multi-row inserts (unnest of one array per column, in chunks) that upsert
 *   as SQLite does: identical rows are left alone and counted unchanged. A kill at any point leaves
 *   the store as it was before that write (the server rolls the transaction back).
 * - Reads: snapshot() is one REPEATABLE READ READ ONLY transaction on one connection, so its reads
 *   see one committed state, never half a load; other reads use the pool.
 * - The location is the URL without its password, and every error is redacted.
 */
import { createRequire } from 'node:module';
import type pg from 'pg';
import type { DayNumber, UnixMs } from '../../../domain/dates.ts';
import { AltseasonError, NoDataError, StoreError } from '../../../domain/errors.ts';
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
import { STORE_TABLES, type CopyProgress, type TableSource } from '../store-tables.ts';
import type { AlertJournal } from '../alert-journal.ts';
import type { PortfolioBook } from '../portfolio-book.ts';
import { POSTGRES_MIGRATIONS } from './migrations.ts';
import { PostgresAlertJournal } from './postgres-alert-journal.ts';
import { PostgresPortfolioBook } from './postgres-portfolio-book.ts';
import { parsePostgresUrl, type PostgresConnection } from './postgres-config.ts';

/** Advisory lock classes (the first key); the second is the store's schema (hashtext & 0x7fffffff). */
const WRITE_LOCK_CLASS = 0x414c5401;
const MIGRATION_LOCK_CLASS = 0x414c5402;
const DEFAULT_LOCK_WAIT_MS = 10 * 60_000;
/** Rows per multi-row statement (one array per column). */
const CHUNK_ROWS = 20_000;
const INT8_OID = 20;

export interface PostgresStoreOptions {
  /** Open without writing anything (no migration; every session read-only); writes are refused. */
  readOnly?: boolean;
  /** How long a write waits for another writer's lock (default 10 minutes). */
  lockWaitMs?: number;
  /** Told once per write that has to wait, naming the holder (default: a line on stderr). */
  onLockWait?: (message: string) => void;
  /** Environment for the PG* variables (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Connections in the pool (default 4). */
  maxConnections?: number;
  /**
   * With readOnly: an older schema is first migrated once in a writable session (when the role
   * may), as SQLite's read commands do; without it a read-only open never writes.
   */
  migrateOlderSchema?: boolean;
}

type Queryable = pg.Pool | pg.PoolClient;

/** The driver, loaded on the first PostgreSQL store (~40 ms that no SQLite command should pay). */
let driver: typeof pg | null = null;
function loadDriver(): typeof pg {
  driver ??= createRequire(import.meta.url)('pg') as typeof pg;
  return driver;
}

export class PostgresStore implements Store {
  readonly location: string;
  readonly readOnly: boolean;
  private readonly migrateOlderSchema: boolean;
  private readonly connection: PostgresConnection;
  private readonly pool: pg.Pool;
  private readonly lockWaitMs: number;
  private readonly onLockWait: (message: string) => void;
  /** Connects and migrates (or checks the schema); every method awaits it. */
  private readonly ready: Promise<void>;
  /** The second key of the store's advisory locks: its schema. */
  private schemaKey = 0;
  private schemaName = '';
  private snapshotClient: pg.PoolClient | null = null;
  /** The snapshot connection's queries, one after another. */
  private snapshotQueue: Promise<void> = Promise.resolve();
  private closed = false;
  /** The alert outbox (../alert-journal.ts), written through this store's write path. */
  readonly alerts: AlertJournal = new PostgresAlertJournal({ read: (text, values) => this.read(text, values), write: (what, body) => this.runWrite(what, body) });
  readonly portfolio: PortfolioBook = new PostgresPortfolioBook({ read: (text, values) => this.read(text, values), write: (what, body) => this.runWrite(what, body) });
  private readonly gate = new SnapshotGate({
    begin: async () => {
      await this.ready;
      const client = await this.connect('reading');
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        // The first statement pins the snapshot.
        await client.query('SELECT 1');
      } catch (error) {
        client.release(true);
        throw this.failure('starting a snapshot of', error);
      }
      this.snapshotClient = client;
    },
    end: async () => {
      const client = this.snapshotClient;
      this.snapshotClient = null;
      if (!client) return;
      try {
        await client.query('COMMIT');
        client.release();
      } catch {
        client.release(true);
      }
    },
  });

  private constructor(url: string, options: PostgresStoreOptions) {
    const env = options.env ?? process.env;
    this.connection = parsePostgresUrl(url, env);
    this.location = this.connection.location;
    this.readOnly = options.readOnly === true;
    this.migrateOlderSchema = options.migrateOlderSchema === true;
    this.lockWaitMs = options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
    this.onLockWait = options.onLockWait ?? ((message) => process.stderr.write(`${message}\n`));
    const pg = loadDriver();
    this.pool = new pg.Pool({
      // Read-only: every session's transactions are (the `options` startup parameter, after the URL's own).
      connectionString: this.readOnly ? this.connection.withOptions('-c default_transaction_read_only=on') : this.connection.connectionString,
      application_name: applicationName(),
      max: options.maxConnections ?? 4,
      // Idle connections never keep a finished command's process alive.
      allowExitOnIdle: true,
      types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format))) as pg.CustomTypesConfig['getTypeParser'] },
    });
    // An idle connection the server closed (restart, admin): the pool drops it; the next query reconnects.
    this.pool.on('error', () => {});
    this.ready = this.initialize();
    // Failures surface on the first call that awaits `ready`, not as an unhandled rejection.
    this.ready.catch(() => {});
  }

  /** Opens the store at `url` lazily: the connection and migration happen on the first call. */
  static open(url: string, options: PostgresStoreOptions = {}): PostgresStore {
    return new PostgresStore(url, options);
  }

  /** Opens the store at `url` and waits until it is connected and migrated (errors here). */
  static async connect(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const store = new PostgresStore(url, options);
    try {
      await store.ready;
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  private async initialize(): Promise<void> {
    const client = await this.connect('opening');
    try {
      const [where] = (await client.query<{ schema: string | null; key: number | null }>('SELECT current_schema() AS schema, hashtext(current_schema()) & 2147483647 AS key')).rows;
      if (!where?.schema || where.key === null) {
        throw new StoreError(`the database at ${this.location} has no schema to hold the store: none of its search_path exists (create one, e.g. CREATE SCHEMA altseason, and name it in search_path)`);
      }
      this.schemaName = where.schema;
      this.schemaKey = where.key;
      const known = Math.max(...POSTGRES_MIGRATIONS.map((m) => m.version));
      const newest = await this.readSchemaVersion(client);
      if (newest > known) {
        throw new StoreError(`the store at ${this.location} has schema version ${newest}, newer than this altseason knows (${known}): upgrade altseason`);
      }
      if (this.readOnly) {
        if (newest === 0) {
          throw new NoDataError(
            `the database at ${this.location} holds no altseason store yet (no schema_migrations table in schema ${this.schemaName}): ` +
              `create it with \`altseason --db ${this.location} import FILE…\` (or sync, or migrate-store)`,
          );
        }
        if (newest < known && this.migrateOlderSchema) await this.migrateInWritableSession(known, newest);
        else if (newest < known) throw this.needsMigrating(newest, known, '');
      } else if (newest < known) {
        await this.migrate(client, known);
      }
    } catch (error) {
      throw error instanceof AltseasonError ? error : this.failure('opening', error);
    } finally {
      client.release();
    }
  }

  private async readSchemaVersion(client: Queryable): Promise<number> {
    const [table] = (await client.query<{ exists: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS exists")).rows;
    if (!table?.exists) return 0;
    const [row] = (await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations')).rows;
    return row?.v ?? 0;
  }

  private needsMigrating(newest: number, known: number, reason: string): StoreError {
    return new StoreError(
      `the store at ${this.location} has schema version ${newest} and needs migrating to ${known}, which a read-only open cannot do${reason}: ` +
        'run one writing command on it first (e.g. `altseason import` or `sync`), with a role that may alter its tables',
    );
  }

  /**
   * For a read-only open that may migrate first (the CLI's read commands, as with SQLite): one
   * writable session applies the missing migrations, as a writing open would; a role that may not
   * alter the tables gets the "needs migrating" error with the server's reason.
   */
  private async migrateInWritableSession(known: number, newest: number): Promise<void> {
    const client = new (loadDriver().Client)({ connectionString: this.connection.connectionString, application_name: applicationName() });
    try {
      await client.connect();
      await this.migrate(client, known);
    } catch (error) {
      if (error instanceof AltseasonError && !/^migrating /.test(error.message)) throw error;
      throw this.needsMigrating(newest, known, ` (${this.connection.redact((error as Error).message)})`);
    } finally {
      await client.end().catch(() => {});
    }
  }

  /** Applies the missing migrations in one transaction, under the migration lock. */
  private async migrate(client: pg.ClientBase, known: number): Promise<void> {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [MIGRATION_LOCK_CLASS, this.schemaKey]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)');
      // Read again under the lock: another process may have migrated meanwhile.
      const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      const newest = Math.max(0, ...applied);
      if (newest > known) {
        throw new StoreError(`the store at ${this.location} has schema version ${newest}, newer than this altseason knows (${known}): upgrade altseason`);
      }
      for (const migration of POSTGRES_MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.description, Date.now()]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      if (error instanceof AltseasonError) throw error;
      throw this.failure('migrating', error);
    }
  }

  async schemaVersion(): Promise<number> {
    await this.ready;
    return this.readSchemaVersion(this.pool);
  }

  /** A pooled connection, with connection failures turned into a clear, redacted error. */
  private async connect(what: string): Promise<pg.PoolClient> {
    if (this.closed) throw new StoreError(`${what} the store at ${this.location}, which was closed`);
    try {
      return await this.pool.connect();
    } catch (error) {
      throw this.failure(what, error);
    }
  }

  /** A StoreError for a driver error, naming the store (never its password) and what failed. */
  private failure(what: string, error: unknown): StoreError {
    const e = error as { message?: string; code?: string };
    const reason = this.connection.redact(String(e.message ?? error));
    let hint = '';
    if (e.code === 'ECONNREFUSED') hint = ': is the PostgreSQL server running, and listening on that host and port?';
    else if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') hint = ': the host name does not resolve';
    else if (e.code === '28P01' || e.code === '28000') hint = ' (check the user and the password: the URL, PGPASSWORD or ~/.pgpass)';
    else if (e.code === '3D000') hint = ' (create it first, e.g. `createdb NAME`)';
    else if (e.code === '42501') hint = ' (the role lacks a privilege on the store\'s tables or schema)';
    return new StoreError(`${what} the store at ${this.location}: ${reason}${hint}`, { cause: error });
  }

  /**
   * Runs a read: inside a snapshot on the snapshot's connection, one query after another (the
   * callers that joined it may ask at once, and a connection runs one query at a time), else on
   * the pool.
   */
  private async run<T>(query: (runner: Queryable) => Promise<T>): Promise<T> {
    await this.ready;
    const client = this.gate.isInside() ? this.snapshotClient : null;
    try {
      if (!client) return await query(this.pool);
      const result = this.snapshotQueue.then(() => query(client));
      this.snapshotQueue = result.then(
        () => {},
        () => {},
      );
      return await result;
    } catch (error) {
      throw error instanceof AltseasonError ? error : this.failure('reading', error);
    }
  }

  private async read<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]> {
    return this.run(async (runner) => (await runner.query<R>(text, values)).rows);
  }

  /** Like read, each row an array (no object per row: the big reads). */
  private async readArrays<R extends unknown[]>(text: string, values?: unknown[]): Promise<R[]> {
    return this.run(async (runner) => (await runner.query<R>({ text, values: values ?? [], rowMode: 'array' })).rows);
  }

  async latestLoadId(): Promise<number | null> {
    const [row] = await this.read<{ id: number | null }>('SELECT MAX(id) AS id FROM loads');
    return row?.id ?? null;
  }

  async snapshot<T>(work: () => Promise<T>): Promise<T> {
    return this.gate.snapshot(work);
  }

  /**
   * Every write goes through here: refused on a read-only store and inside a snapshot, queued by
   * the gate, then one transaction that holds the store's write lock.
   */
  private async runWrite<T>(what: string, body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    if (this.readOnly) throw new StoreError(`${what} on the store at ${this.location}, which was opened read-only`);
    return this.gate.write(what, async () => {
      await this.ready;
      const client = await this.connect(`${what} on`);
      let broken = false;
      try {
        await client.query('BEGIN');
        await this.acquireWriteLock(client, what);
        const result = await body(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw error instanceof AltseasonError ? error : this.failure(`${what} on`, error);
      } finally {
        client.release(broken);
      }
    });
  }

  /**
   * Takes the store's advisory write lock for this transaction (released at COMMIT or ROLLBACK,
   * and by the server when the connection dies). When another connection holds it, the wait is
   * announced once with the holder (pid, command, since when, from pg_stat_activity); after
   * `lockWaitMs` it gives up with the same description.
   */
  private async acquireWriteLock(client: pg.PoolClient, what: string): Promise<void> {
    const keys = [WRITE_LOCK_CLASS, this.schemaKey];
    const [tried] = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1, $2) AS ok', keys)).rows;
    if (tried?.ok) return;
    const started = Date.now();
    this.onLockWait(
      `waiting for the write lock of the store at ${this.location}, ${await this.describeHolder(client)}; resuming as soon as it is released (giving up after ${Math.round(this.lockWaitMs / 1000)} s)`,
    );
    await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(this.lockWaitMs))}`);
    await client.query('SAVEPOINT waiting_for_lock');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', keys);
    } catch (error) {
      if ((error as { code?: string }).code !== '55P03') throw error;
      await client.query('ROLLBACK TO SAVEPOINT waiting_for_lock');
      const holder = await this.describeHolder(client);
      throw new StoreError(`${what}: gave up after waiting ${Math.round((Date.now() - started) / 1000)} s for the write lock of the store at ${this.location}, ${holder}`);
    }
    await client.query('RELEASE SAVEPOINT waiting_for_lock');
    await client.query('SET LOCAL lock_timeout TO DEFAULT');
  }

  /** "held by pid 123 (altseason import x.csv) since …", from the server's view of the lock. */
  private async describeHolder(client: pg.PoolClient): Promise<string> {
    const [holder] = (
      await client.query<{ backend: number; application: string | null; client: string | null; since: Date | null }>(
        `SELECT a.pid AS backend, a.application_name AS application, host(a.client_addr) AS client, a.xact_start AS since
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
         LIMIT 1`,
        [WRITE_LOCK_CLASS, this.schemaKey],
      )
    ).rows;
    if (!holder) return 'held by another connection that has just released it or that this role may not see';
    const since = holder.since ? ` since ${holder.since.toISOString()}` : '';
    const from = holder.client ? ` on ${holder.client}` : '';
    const ours = /^altseason\[(\d+)\] ?(.*)$/.exec(holder.application ?? '');
    if (ours) return `held by pid ${ours[1]}${from} (${`altseason ${ours[2]}`.trim()})${since}`;
    const named = holder.application ? `, application "${holder.application}"` : '';
    return `held by another connection (server process ${holder.backend}${named}${from})${since}`;
  }

  async write(batch: WriteBatch): Promise<WriteResult> {
    return this.runWrite('write()', (client) => this.writeNow(client, batch));
  }

  /** The body of write(), inside its transaction and lock. */
  private async writeNow(client: pg.PoolClient, batch: WriteBatch): Promise<WriteResult> {
    const contentHash = batch.load.contentHash ?? null;
    // Checked under the write lock, so two imports of one file cannot both pass it.
    const earlier = contentHash === null ? undefined : await this.loadByHash(client, contentHash);
    if (earlier && batch.load.skipIfContentLoaded) return { loadId: earlier.id, changed: 0, unchanged: 0, alreadyLoaded: earlier };
    // Under the lock, ids are given out one after another as SQLite's are (no gaps from rollbacks).
    const [load] = (
      await client.query<{ id: number }>(
        'INSERT INTO loads (id, source, origin, content_hash, loaded_at, rows, repeat_of) VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM loads), $1, $2, $3, $4, 0, $5) RETURNING id',
        [batch.load.source, batch.load.origin, contentHash, Date.now(), earlier?.id ?? null],
      )
    ).rows;
    const loadId = load!.id;
    let changed = 0;
    let total = 0;

    const assets = batch.assets ?? [];
    changed += await bulk(client, (rows) => `INSERT INTO assets (id, symbol, name) SELECT * FROM ${rows} ON CONFLICT (id) DO NOTHING`, ['text', 'text', 'text'], assets.map((a) => [a.id, a.symbol, a.name]));

    const aliases = batch.aliases ?? [];
    changed += await upsertInOrder(
      client,
      (rows) => `INSERT INTO asset_aliases (source, source_key, from_day, to_day, asset_id) SELECT * FROM ${rows}
        ON CONFLICT (source, source_key, from_day) DO UPDATE SET to_day = excluded.to_day, asset_id = excluded.asset_id
        WHERE (asset_aliases.to_day, asset_aliases.asset_id) IS DISTINCT FROM (excluded.to_day, excluded.asset_id)`,
      ['text', 'text', 'int4', 'int4', 'text'],
      aliases.map((a) => [a.source, a.sourceKey, a.fromDay ?? OPEN_DAY_LOW, a.toDay ?? OPEN_DAY_HIGH, a.assetId]),
      3,
    );

    const observations = batch.observations ?? [];
    if (observations.length > 0) {
      const assetKeys = await this.assetKeys(client, observations);
      const sourceKeys = await this.sourceKeys(client, observations.map((o) => o.source));
      changed += await upsertInOrder(
        client,
        (rows) => `INSERT INTO observations (asset_key, day, source_key, symbol, price, market_cap, volume, rank, load_id) SELECT *, ${loadId} FROM ${rows}
          ON CONFLICT (asset_key, day, source_key) DO UPDATE SET
            symbol = excluded.symbol, price = excluded.price, market_cap = excluded.market_cap,
            volume = excluded.volume, rank = excluded.rank, load_id = excluded.load_id
          WHERE (observations.symbol, observations.price, observations.market_cap, observations.volume, observations.rank)
            IS DISTINCT FROM (excluded.symbol, excluded.price, excluded.market_cap, excluded.volume, excluded.rank)`,
        ['int4', 'int4', 'int4', 'text', 'float8', 'float8', 'float8', 'int4'],
        observations.map((o) => [assetKeys.get(o.assetId), o.day, sourceKeys.get(o.source), o.symbol, real(o.price), real(o.marketCap), real(o.volume), o.rank]),
        3,
      );
      total += observations.length;
      const spans = new Map<string, [assetId: string, symbol: string, first: number, last: number]>();
      for (const o of observations) {
        const key = `${o.assetId}\u0000${o.symbol}`;
        const span = spans.get(key);
        if (span) {
          if (o.day < span[2]) span[2] = o.day;
          if (o.day > span[3]) span[3] = o.day;
        } else spans.set(key, [o.assetId, o.symbol, o.day, o.day]);
      }
      await bulk(
        client,
        (rows) => `INSERT INTO asset_symbols (asset_id, symbol, first_day, last_day) SELECT * FROM ${rows}
          ON CONFLICT (asset_id, symbol) DO UPDATE SET first_day = LEAST(asset_symbols.first_day, excluded.first_day), last_day = GREATEST(asset_symbols.last_day, excluded.last_day)`,
        ['text', 'text', 'int4', 'int4'],
        [...spans.values()],
      );
      // An asset is shown under the ticker it used most recently.
      await client.query(
        `UPDATE assets SET symbol = (SELECT s.symbol FROM asset_symbols s WHERE s.asset_id = assets.id ORDER BY s.last_day DESC, s.symbol LIMIT 1)
         WHERE id = ANY($1::text[])`,
        [[...new Set([...spans.values()].map((s) => s[0]))]],
      );
    }

    const bars = batch.equityBars ?? [];
    changed += await upsertInOrder(
      client,
      (rows) => `INSERT INTO equity_bars (symbol, day, source, open, high, low, close, volume, load_id) SELECT *, ${loadId} FROM ${rows}
        ON CONFLICT (symbol, day, source) DO UPDATE SET open = excluded.open, high = excluded.high, low = excluded.low,
          close = excluded.close, volume = excluded.volume, load_id = excluded.load_id
        WHERE (equity_bars.open, equity_bars.high, equity_bars.low, equity_bars.close, equity_bars.volume)
          IS DISTINCT FROM (excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume)`,
      ['text', 'int4', 'text', 'float8', 'float8', 'float8', 'float8', 'float8'],
      bars.map((b) => [b.symbol, b.day, b.source, real(b.open), real(b.high), real(b.low), real(b.close), real(b.volume)]),
      3,
    );
    total += bars.length;

    const points = batch.seriesPoints ?? [];
    changed += await upsertInOrder(
      client,
      (rows) => `INSERT INTO series_points (series, at, source, value, load_id) SELECT *, ${loadId} FROM ${rows}
        ON CONFLICT (series, at, source) DO UPDATE SET value = excluded.value, load_id = excluded.load_id
        WHERE series_points.value IS DISTINCT FROM excluded.value`,
      ['text', 'int8', 'text', 'float8'],
      points.map((p) => [p.series, p.at, p.source, real(p.value)]),
      3,
    );
    total += points.length;

    const rules = batch.categoryRules ?? [];
    changed += await upsertInOrder(
      client,
      (rows) => `INSERT INTO category_rules (symbol, category, name, exclude_from_index, source, load_id) SELECT *, ${loadId} FROM ${rows}
        ON CONFLICT (symbol, category, source) DO UPDATE SET name = excluded.name, exclude_from_index = excluded.exclude_from_index, load_id = excluded.load_id
        WHERE (category_rules.name, category_rules.exclude_from_index) IS DISTINCT FROM (excluded.name, excluded.exclude_from_index)`,
      ['text', 'text', 'text', 'int4', 'text'],
      rules.map((r) => [r.symbol, r.category, r.name, r.excludeFromIndex ? 1 : 0, r.source]),
      [0, 1, 4],
    );
    total += rules.length;

    for (const [key, value] of Object.entries(batch.settings ?? {})) {
      const result = await client.query(
        'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE settings.value IS DISTINCT FROM excluded.value',
        [key, value],
      );
      changed += result.rowCount ?? 0;
    }

    await client.query('UPDATE loads SET rows = $1 WHERE id = $2', [total, loadId]);
    return { loadId, changed, unchanged: Math.max(0, total - changed) };
  }

  /** asset id → integer key for the batch's observations; an unknown id is an error like a failed foreign key. */
  private async assetKeys(client: pg.PoolClient, observations: readonly ObservationRecord[]): Promise<Map<string, number>> {
    const ids = [...new Set(observations.map((o) => o.assetId))];
    const rows = (await client.query<{ id: string; key: number }>('SELECT id, key FROM assets WHERE id = ANY($1::text[])', [ids])).rows;
    const keys = new Map(rows.map((r) => [r.id, r.key]));
    const missing = ids.find((id) => !keys.has(id));
    if (missing !== undefined) throw new StoreError(`an observation names the asset ${JSON.stringify(missing)}, which is not in the store (write the asset first)`);
    return keys;
  }

  /** source name → integer key, creating the sources on first use. */
  private async sourceKeys(client: pg.PoolClient, sources: readonly string[]): Promise<Map<string, number>> {
    const names = [...new Set(sources)];
    await client.query('INSERT INTO sources (name) SELECT * FROM unnest($1::text[]) ON CONFLICT (name) DO NOTHING', [names]);
    const rows = (await client.query<{ name: string; key: number }>('SELECT name, key FROM sources WHERE name = ANY($1::text[])', [names])).rows;
    return new Map(rows.map((r) => [r.name, r.key]));
  }

  async findLoadByHash(contentHash: string): Promise<LoadRecord | undefined> {
    return this.run((runner) => this.loadByHash(runner, contentHash));
  }

  private async loadByHash(runner: Queryable, contentHash: string): Promise<LoadRecord | undefined> {
    const [row] = (await runner.query<LoadRow>('SELECT id, source, origin, content_hash, loaded_at, rows FROM loads WHERE content_hash = $1 ORDER BY id LIMIT 1', [contentHash])).rows;
    return row ? toLoadRecord(row) : undefined;
  }

  async listLoads(): Promise<LoadRecord[]> {
    return (await this.read<LoadRow>('SELECT id, source, origin, content_hash, loaded_at, rows FROM loads ORDER BY id')).map(toLoadRecord);
  }

  async listAssets(): Promise<AssetRecord[]> {
    return this.read<AssetRecord>('SELECT id, symbol, name FROM assets ORDER BY id');
  }

  async listAssetSymbols(): Promise<AssetSymbolRecord[]> {
    return this.read<AssetSymbolRecord>('SELECT asset_id AS "assetId", symbol, first_day AS "firstDay", last_day AS "lastDay" FROM asset_symbols ORDER BY asset_id, first_day');
  }

  async listAliases(): Promise<AliasRecord[]> {
    const rows = await this.read<{ source: string; sourceKey: string; assetId: string; fromDay: number; toDay: number }>(
      'SELECT source, source_key AS "sourceKey", asset_id AS "assetId", from_day AS "fromDay", to_day AS "toDay" FROM asset_aliases ORDER BY source, source_key, from_day',
    );
    return rows.map(fromStoredAlias);
  }

  async listCategoryRules(): Promise<CategoryRuleRecord[]> {
    const rows = await this.read<Omit<CategoryRuleRecord, 'excludeFromIndex'> & { excludeFromIndex: number }>(
      'SELECT symbol, name, category, exclude_from_index AS "excludeFromIndex", source FROM category_rules ORDER BY symbol, category',
    );
    return rows.map((r) => ({ ...r, excludeFromIndex: r.excludeFromIndex === 1 }));
  }

  async readObservations(range: DayRange & { assetIds?: string[] } = {}): Promise<ObservationRecord[]> {
    // One state for the three reads (a write between them could add an asset or a source).
    return this.snapshot(async () => {
      const sourceOf = new Map((await this.readArrays<[number, string]>('SELECT key, name FROM sources')).map(([key, name]) => [key, name]));
      let assets = await this.readArrays<[number, string]>('SELECT key, id FROM assets ORDER BY id');
      const values: unknown[] = [range.from ?? OPEN_DAY_LOW, range.to ?? OPEN_DAY_HIGH];
      if (range.assetIds) {
        const wanted = new Set(range.assetIds);
        assets = assets.filter(([, id]) => wanted.has(id));
        values.push(assets.map(([key]) => key));
      }
      // In primary-key order (integer keys, no join, no sort); reordered by asset id below, which
      // sends ~30 fewer characters a row than the ids and names would.
      const rows = await this.readArrays<[number, number, number, string, number | null, number | null, number | null, number | null]>(
        `SELECT asset_key, day, source_key, symbol, price, market_cap, volume, rank FROM observations
         WHERE day >= $1 AND day <= $2${range.assetIds ? ' AND asset_key = ANY($3::int[])' : ''}
         ORDER BY asset_key, day, source_key`,
        values,
      );
      const runs = new Map<number, [start: number, end: number]>();
      for (let i = 0; i < rows.length; ) {
        const key = rows[i]![0];
        let end = i + 1;
        while (end < rows.length && rows[end]![0] === key) end++;
        runs.set(key, [i, end]);
        i = end;
      }
      const records: ObservationRecord[] = [];
      for (const [key, assetId] of assets) {
        const run = runs.get(key);
        if (!run) continue;
        const first = records.length;
        for (let i = run[0]; i < run[1]; i++) {
          const [, day, sourceKey, symbol, price, marketCap, volume, rank] = rows[i]!;
          records.push({ assetId, day: day as DayNumber, source: sourceOf.get(sourceKey)!, symbol, price, marketCap, volume, rank });
        }
        // Sources in name order within a day, as the contract says (keys follow first use).
        sortSourcesWithinDays(records, first, records.length);
      }
      return records;
    });
  }

  async observationStats(): Promise<SourceStats[]> {
    return this.read<SourceStats>(
      `SELECT s.name AS source, COUNT(*)::int AS observations, COUNT(DISTINCT o.asset_key)::int AS assets, MIN(o.day) AS "firstDay", MAX(o.day) AS "lastDay"
       FROM observations o JOIN sources s ON s.key = o.source_key GROUP BY s.name ORDER BY s.name`,
    );
  }

  async readEquityBars(symbol: string, range: DayRange = {}): Promise<EquityBarRecord[]> {
    return this.read<EquityBarRecord>(
      'SELECT symbol, day, source, open, high, low, close, volume FROM equity_bars WHERE symbol = $1 AND day >= $2 AND day <= $3 ORDER BY day, source',
      [symbol, range.from ?? OPEN_DAY_LOW, range.to ?? OPEN_DAY_HIGH],
    );
  }

  async readEquityField(symbol: string, field: EquityBarField, range: DayRange = {}): Promise<EquityFieldColumns> {
    checkEquityBarField(field);
    const rows = await this.readArrays<[DayNumber, string, number | null]>(
      `SELECT day, source, ${field} FROM equity_bars WHERE symbol = $1 AND day >= $2 AND day <= $3 ORDER BY day, source`,
      [symbol, range.from ?? OPEN_DAY_LOW, range.to ?? OPEN_DAY_HIGH],
    );
    return equityFieldColumns(rows);
  }

  async listEquitySymbols(): Promise<string[]> {
    return (await this.read<{ symbol: string }>('SELECT DISTINCT symbol FROM equity_bars ORDER BY symbol')).map((r) => r.symbol);
  }

  async readSeries(series: string, range: { from?: UnixMs; to?: UnixMs } = {}): Promise<SeriesPointRecord[]> {
    return this.read<SeriesPointRecord>('SELECT series, at, source, value FROM series_points WHERE series = $1 AND at >= $2 AND at <= $3 ORDER BY at, source', [
      series,
      range.from ?? Number.MIN_SAFE_INTEGER,
      range.to ?? Number.MAX_SAFE_INTEGER,
    ]);
  }

  async listSeries(): Promise<string[]> {
    return (await this.read<{ series: string }>('SELECT DISTINCT series FROM series_points ORDER BY series')).map((r) => r.series);
  }

  async getSourcePrecedence(): Promise<string[]> {
    return parseSourcePrecedence(await this.getSetting(PRECEDENCE_KEY));
  }

  async setSourcePrecedence(sources: string[]): Promise<void> {
    await this.setSetting(PRECEDENCE_KEY, serializeSourcePrecedence(sources));
  }

  async getSetting(key: string): Promise<string | undefined> {
    const [row] = await this.read<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
    return row?.value;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.runWrite('setSetting()', async (client) => {
      await client.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
    });
  }

  async summary(): Promise<StoreSummary> {
    const [row] = await this.read<Omit<StoreSummary, 'firstDay' | 'lastDay'> & { firstDay: number | null; lastDay: number | null }>(
      `SELECT (SELECT COUNT(*) FROM assets) AS assets, (SELECT COUNT(*) FROM observations) AS observations,
         (SELECT COUNT(*) FROM equity_bars) AS "equityBars", (SELECT COUNT(*) FROM series_points) AS "seriesPoints",
         (SELECT COUNT(*) FROM category_rules) AS "categoryRules", (SELECT COUNT(*) FROM loads) AS loads,
         (SELECT MIN(day) FROM observations) AS "firstDay", (SELECT MAX(day) FROM observations) AS "lastDay"`,
    );
    const r = row!;
    return {
      assets: r.assets,
      observations: r.observations,
      equityBars: r.equityBars,
      seriesPoints: r.seriesPoints,
      categoryRules: r.categoryRules,
      loads: r.loads,
      firstDay: r.firstDay as DayNumber | null,
      lastDay: r.lastDay as DayNumber | null,
    };
  }

  async cryptoDaySpan(): Promise<{ firstDay: DayNumber | null; lastDay: DayNumber | null }> {
    const [row] = await this.read<{ first: number | null; last: number | null }>('SELECT (SELECT MIN(day) FROM observations) AS first, (SELECT MAX(day) FROM observations) AS last');
    return { firstDay: (row?.first ?? null) as DayNumber | null, lastDay: (row?.last ?? null) as DayNumber | null };
  }

  /**
   * Copies every table of `source` (a SQLite store) into this store, keys and load ids as they
   * are, in one transaction under the write lock: all of it or nothing. This store must be empty.
   * Returns the rows copied per table.
   */
  async copyTablesFrom(source: TableSource, onProgress: (progress: CopyProgress) => void = () => {}): Promise<{ table: string; rows: number }[]> {
    return this.runWrite('migrate-store', async (client) => {
      const [held] = (await client.query<{ loads: number; assets: number; settings: number }>(
        'SELECT (SELECT COUNT(*) FROM loads) AS loads, (SELECT COUNT(*) FROM assets) AS assets, (SELECT COUNT(*) FROM settings) AS settings',
      )).rows;
      if (held && (held.loads > 0 || held.assets > 0 || held.settings > 0)) {
        throw new StoreError(
          `the store at ${this.location} is not empty (${held.loads} loads, ${held.assets} assets, ${held.settings} settings): migrate-store copies into an empty store only (a new database, or a new schema on its search_path)`,
        );
      }
      const copied: { table: string; rows: number }[] = [];
      for (const table of STORE_TABLES) {
        const total = await source.countRows(table);
        let rows = 0;
        onProgress({ table: table.name, copied: 0, total });
        for await (const chunk of source.readRows(table, CHUNK_ROWS)) {
          await bulk(client, (values) => `INSERT INTO ${table.name} (${table.columns.join(', ')}) SELECT * FROM ${values}`, table.types, chunk);
          rows += chunk.length;
          onProgress({ table: table.name, copied: rows, total });
        }
        if (table.identity) {
          // New rows continue after the copied keys.
          await client.query(`SELECT setval(pg_get_serial_sequence('${table.name}', '${table.identity}'), COALESCE(MAX(${table.identity}), 0) + 1, false) FROM ${table.name}`);
        }
        copied.push({ table: table.name, rows });
      }
      return copied;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.ready.catch(() => {});
    await this.pool.end().catch(() => {});
  }
}

/** Runs `sql` once per chunk of rows, each column sent as one array; returns the rows it changed. */
async function bulk(client: pg.PoolClient, sql: (rows: string) => string, types: readonly string[], rows: readonly unknown[][]): Promise<number> {
  if (rows.length === 0) return 0;
  const text = sql(`unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(', ')})`);
  let changed = 0;
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const end = Math.min(rows.length, start + CHUNK_ROWS);
    const columns = types.map((type, c) => arrayLiteral(type === 'text', rows, c, start, end));
    changed += (await client.query(text, columns)).rowCount ?? 0;
  }
  return changed;
}

/**
 * Column `c` of rows[start, end) as a PostgreSQL array literal: numbers as they print (JavaScript's
 * shortest exact form), text quoted. What the driver would send, without its per-element work.
 */
function arrayLiteral(text: boolean, rows: readonly unknown[][], c: number, start: number, end: number): string {
  const parts = new Array<string>(end - start);
  for (let i = start; i < end; i++) {
    const value = rows[i]![c];
    parts[i - start] = value === null || value === undefined ? 'NULL' : text ? `"${String(value).replace(/[\\"]/g, '\\$&')}"` : String(value);
  }
  return `{${parts.join(',')}}`;
}

/**
 * An upsert of rows that may name one key more than once (one statement may not update a row
 * twice): the first occurrence of every key goes in one pass, the second in the next, and so on,
 * which is what writing them one by one in order does. `key` is the number of leading columns
 * that form the key, or their indices.
 */
async function upsertInOrder(client: pg.PoolClient, sql: (rows: string) => string, types: readonly string[], rows: readonly unknown[][], key: number | readonly number[]): Promise<number> {
  const keyColumns = typeof key === 'number' ? Array.from({ length: key }, (_, i) => i) : key;
  const seen = new Map<string, number>();
  const passes: unknown[][][] = [];
  for (const row of rows) {
    const id = keyColumns.map((c) => String(row[c])).join('\u0000');
    const pass = seen.get(id) ?? 0;
    seen.set(id, pass + 1);
    (passes[pass] ??= []).push(row);
  }
  let changed = 0;
  for (const pass of passes) changed += await bulk(client, sql, types, pass);
  return changed;
}

/** SQLite stores NaN as NULL; so does this store, so both read back the same. */
function real(value: number | null): number | null {
  return value === null || Number.isNaN(value) ? null : value;
}

function parseInt8(text: string): number {
  return Number(text);
}

/** How this process appears in pg_stat_activity: "altseason[pid] command…", credentials removed. */
function applicationName(): string {
  const args = process.argv.slice(2).join(' ').replace(/(\/\/[^:/@\s]*:)[^@\s]*@/g, '$1***@');
  return `altseason[${process.pid}] ${args}`.slice(0, 63);
}

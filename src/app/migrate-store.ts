/**
 * Moves a SQLite store into PostgreSQL (`altseason migrate-store --from FILE --to postgres://…`):
 * every table copied as it is (asset keys, load ids and provenance kept), in one transaction on the
 * PostgreSQL side, so a failure or a kill leaves the target empty and the command can simply run
 * again. The target must be empty; the source is opened read-only and read in one snapshot. The
 * copy is checked afterwards: the same counts, day span, sources and newest load on both sides.
 */
import { existsSync } from 'node:fs';
import { InvalidInputError, StoreError } from '../domain/errors.ts';
import { isPostgresUrl } from '../data/store/open-store.ts';
import { PostgresStore } from '../data/store/postgres/postgres-store.ts';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import type { Store } from '../data/store/store.ts';
import type { CopyProgress } from '../data/store/store-tables.ts';

export const MIGRATE_STORE_SCHEMA = 'altseason.migrate-store/v1';

export interface MigrateStoreQuery {
  /** The SQLite store file. */
  from: string;
  /** The PostgreSQL URL (its password is never shown). */
  to: string;
}

export interface MigrateStoreResult {
  schema: typeof MIGRATE_STORE_SCHEMA;
  from: string;
  /** The target without its password. */
  to: string;
  tables: { table: string; rows: number }[];
  /** Counts, day span, per-source statistics and newest load are the same in both stores. */
  verified: boolean;
  seconds: number;
}

export interface MigrateStoreOptions {
  onProgress?: (progress: CopyProgress) => void;
  /** Options of the PostgreSQL store (tests: lock waits). */
  onLockWait?: (message: string) => void;
}

export async function migrateStore(query: MigrateStoreQuery, options: MigrateStoreOptions = {}): Promise<MigrateStoreResult> {
  if (!isPostgresUrl(query.to)) throw new InvalidInputError('--to: expected a PostgreSQL URL, postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (the value is not shown: it may hold a password)');
  if (isPostgresUrl(query.from)) throw new InvalidInputError('--from: expected a SQLite store file, got a PostgreSQL URL (copy between databases with pg_dump)');
  if (!existsSync(query.from)) throw new InvalidInputError(`--from: no store at ${query.from}`);
  const started = Date.now();
  const source = SqliteStore.open(query.from, { readOnly: true });
  try {
    const target = await PostgresStore.connect(query.to, options.onLockWait ? { onLockWait: options.onLockWait } : {});
    try {
      const tables = await source.snapshot(() => target.copyTablesFrom(source, options.onProgress));
      const verified = await source.snapshot(async () => JSON.stringify(await fingerprint(source)) === JSON.stringify(await fingerprint(target)));
      if (!verified) throw new StoreError(`migrate-store: the copy in ${target.location} does not match ${query.from} (counts, day span, sources or newest load differ): was the target written to meanwhile?`);
      return { schema: MIGRATE_STORE_SCHEMA, from: query.from, to: target.location, tables, verified, seconds: Math.round((Date.now() - started) / 100) / 10 };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/** What both sides must agree on after the copy. */
async function fingerprint(store: Store) {
  return {
    summary: await store.summary(),
    sources: await store.observationStats(),
    latestLoadId: await store.latestLoadId(),
    precedence: await store.getSourcePrecedence(),
  };
}

/**
 * The PostgreSQL server of the tests: ALTSEASON_TEST_PG_URL names a database on a throwaway
 * cluster (`.ci/run` starts one with `.ci/pg-cluster.sh`; locally:
 * `export ALTSEASON_TEST_PG_URL=$(.ci/pg-cluster.sh start /tmp/altseason-pg)`). Without it the
 * tests that need it skip with a message; in CI (CI=true) they fail loudly.
 *
 * Each test gets its own empty schema (`freshSchemaUrl`, a search_path in the URL) or database
 * (`freshDatabaseUrl`, for child processes and commands), dropped by `dropTestObjects`.
 */
import { createRequire } from 'node:module';
import { describe } from 'vitest';
import type pg from 'pg';

export const PG_TEST_URL: string | null = process.env.ALTSEASON_TEST_PG_URL || null;
export const hasPostgres = PG_TEST_URL !== null;

const { Client } = createRequire(import.meta.url)('pg') as typeof pg;

/** describe() for tests that need a PostgreSQL server. */
export function describeWithPostgres(name: string, body: () => void): void {
  if (hasPostgres) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error('ALTSEASON_TEST_PG_URL is not set: CI (.ci/run) must start the throwaway PostgreSQL cluster (.ci/pg-cluster.sh) before the tests');
    });
  } else {
    console.warn(`skipping "${name}": no PostgreSQL server (set ALTSEASON_TEST_PG_URL, e.g. $(.ci/pg-cluster.sh start /tmp/altseason-pg))`);
    describe.skip(name, body);
  }
}

let counter = 0;
const created: { kind: 'schema' | 'database'; name: string }[] = [];

function uniqueName(prefix: string): string {
  return `${prefix.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30)}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
}

/** Runs `work` with a client on the test database (or on another database of the cluster). */
export async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>, url: string = requireUrl()): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function requireUrl(): string {
  if (!PG_TEST_URL) throw new Error('ALTSEASON_TEST_PG_URL is not set');
  return PG_TEST_URL;
}

/** The URL of the test database with a new, empty schema first on its search_path. */
export async function freshSchemaUrl(prefix = 'store'): Promise<{ url: string; schema: string }> {
  const schema = uniqueName(prefix);
  await withAdminClient((client) => client.query(`CREATE SCHEMA ${schema}`));
  created.push({ kind: 'schema', name: schema });
  const url = new URL(requireUrl());
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), schema };
}

/** The URL of a new, empty database on the test cluster. */
export async function freshDatabaseUrl(prefix = 'db'): Promise<string> {
  const name = uniqueName(prefix);
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
  created.push({ kind: 'database', name });
  const url = new URL(requireUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops what this process created (call from afterAll). */
export async function dropTestObjects(): Promise<void> {
  if (!hasPostgres || created.length === 0) return;
  const objects = created.splice(0);
  await withAdminClient(async (client) => {
    for (const { kind, name } of objects) {
      if (kind === 'schema') await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      else await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
}

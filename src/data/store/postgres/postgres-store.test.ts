import { afterAll, expect, it } from 'vitest';
import { storeContract } from '../../../../test/contracts/store-contract.ts';
import { describeWithPostgres, dropTestObjects, freshSchemaUrl, PG_TEST_URL, withAdminClient } from '../../../../test/contracts/postgres-test-db.ts';
import { MIGRATIONS } from '../sqlite/migrations.ts';
import { connectableLocation, openStore } from '../open-store.ts';
import { POSTGRES_MIGRATIONS } from './migrations.ts';
import { PostgresStore } from './postgres-store.ts';

afterAll(() => dropTestObjects());

/** A second handle needs the password, which the location leaves out: keep each store's URL. */
const urls = new WeakMap<object, string>();
async function freshStore(options: Parameters<typeof PostgresStore.open>[1] = {}): Promise<PostgresStore> {
  const { url } = await freshSchemaUrl('contract');
  const store = PostgresStore.open(url, { onLockWait: () => {}, ...options });
  urls.set(store, url);
  return store;
}

it('has the same schema versions as the SQLite store', () => {
  const describe = (migrations: typeof MIGRATIONS) => migrations.map((m) => [m.version, m.description]);
  expect(describe(POSTGRES_MIGRATIONS)).toEqual(describe(MIGRATIONS));
});

describeWithPostgres('PostgresStore', () => {
  storeContract('PostgresStore', () => freshStore(), async (store) => PostgresStore.open(urls.get(store)!, { onLockWait: () => {} }));

  it('is what openStore opens for a postgres:// URL, at a location without the password', async () => {
    const { url } = await freshSchemaUrl('open');
    const password = new URL(url).password;
    expect(password, 'the test cluster has a password').not.toBe('');
    const store = openStore(url);
    expect(store).toBeInstanceOf(PostgresStore);
    expect(store.location, 'the location names user, host, port and database').toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/\w+/);
    expect(store.location).not.toContain(password);
    expect(await store.latestLoadId()).toBeNull();
    await store.close();
  });

  it('migrates a new schema once, even when two handles open it at the same time', async () => {
    const { url, schema } = await freshSchemaUrl('migrate');
    const [a, b] = await Promise.all([PostgresStore.connect(url), PostgresStore.connect(url)]);
    expect(await a.schemaVersion()).toBe(Math.max(...POSTGRES_MIGRATIONS.map((m) => m.version)));
    const rows = await withAdminClient((client) => client.query(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`));
    expect(rows.rows.map((r: { version: number }) => r.version), 'each migration recorded once').toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    await a.close();
    await b.close();
  });

  it('refuses a store written by a newer altseason, and a read-only open of an empty schema', async () => {
    const { url, schema } = await freshSchemaUrl('future');
    await (await PostgresStore.connect(url)).close();
    await withAdminClient((client) => client.query(`INSERT INTO ${schema}.schema_migrations (version, description, applied_at) VALUES (999, 'future', 0)`));
    await expect(PostgresStore.connect(url)).rejects.toThrow(/schema version 999, newer than this altseason knows/);
    await expect(PostgresStore.connect(url, { readOnly: true })).rejects.toThrow(/schema version 999/);
    const empty = await freshSchemaUrl('empty');
    await expect(PostgresStore.connect(empty.url, { readOnly: true }), 'a read-only open creates nothing').rejects.toThrow(/holds no altseason store yet .*altseason --db postgres:\/\/postgres@/);
    const tables = await withAdminClient((client) => client.query('SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1', [empty.schema]));
    expect(tables.rows[0].n, 'no table created').toBe(0);
  });

  it('opened read-only, migrates an older schema first only when asked to (as the read commands ask)', async () => {
    const { url, schema } = await freshSchemaUrl('older');
    const older = POSTGRES_MIGRATIONS.slice(0, -1);
    await withAdminClient(async (client) => {
      await client.query(`SET search_path = ${schema}`);
      await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)');
      for (const m of older) {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations VALUES ($1, $2, 0)', [m.version, m.description]);
      }
    });
    const newest = POSTGRES_MIGRATIONS.at(-1)!.version;
    await expect(PostgresStore.connect(url, { readOnly: true }), 'a plain read-only open never writes').rejects.toThrow(
      new RegExp(`schema version ${newest - 1} and needs migrating to ${newest}, which a read-only open cannot do`),
    );
    const store = PostgresStore.open(url, { readOnly: true, migrateOlderSchema: true });
    expect(await store.latestLoadId(), 'it reads once migrated').toBeNull();
    expect(await store.schemaVersion()).toBe(newest);
    await expect(store.write({ load: { source: 't', origin: 'o' } }), 'and stays read-only').rejects.toThrow(/opened read-only/);
    await store.close();
  });

  it('opened read-only, reads and refuses writes', async () => {
    const { url } = await freshSchemaUrl('readonly');
    const writer = await PostgresStore.connect(url);
    await writer.write({ load: { source: 't', origin: 'o' }, assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }] });
    await writer.close();
    const store = PostgresStore.open(url, { readOnly: true });
    expect((await store.listAssets()).map((a) => a.id)).toEqual(['bitcoin']);
    expect(await store.snapshot(async () => store.latestLoadId()), 'snapshots work read-only').toBe(1);
    await expect(store.write({ load: { source: 't', origin: 'o' } })).rejects.toThrow(/opened read-only/);
    await expect(store.setSetting('k', 'v')).rejects.toThrow(/opened read-only/);
    await store.close();
  });

  it('waits for the write lock another process holds, names it, then writes; gives up after lockWaitMs', async () => {
    const { url, schema } = await freshSchemaUrl('lock');
    await (await PostgresStore.connect(url)).close();
    await withAdminClient(async (holder) => {
      // What a writing altseason process looks like to the server: its lock and its name.
      await holder.query("SET application_name = 'altseason[4242] import prices.csv'");
      await holder.query('BEGIN');
      await holder.query("SELECT pg_advisory_xact_lock($1, hashtext($2) & 2147483647)", [0x414c5401, schema]);
      const notices: string[] = [];
      const store = PostgresStore.open(url, {
        onLockWait: (message) => {
          notices.push(message);
          setTimeout(() => void holder.query('COMMIT'), 300);
        },
      });
      const result = await store.write({ load: { source: 't', origin: 'waiter' }, settings: { waiter: 'done' } });
      expect(result.loadId, 'the write went in once the lock was released').toBe(1);
      expect(notices, 'the wait is announced once').toHaveLength(1);
      expect(notices[0]).toMatch(/^waiting for the write lock of the store at postgres:\/\/postgres@127\.0\.0\.1:\d+\/\w+.*, held by pid 4242 on 127\.0\.0\.1 \(altseason import prices\.csv\) since \d{4}-\d\d-\d\dT/);

      await holder.query('BEGIN');
      await holder.query("SELECT pg_advisory_xact_lock($1, hashtext($2) & 2147483647)", [0x414c5401, schema]);
      const impatient = PostgresStore.open(url, { lockWaitMs: 300, onLockWait: () => {} });
      await expect(impatient.write({ load: { source: 't', origin: 'o' } })).rejects.toThrow(/write\(\): gave up after waiting \d+ s for the write lock of the store at .*, held by pid 4242/);
      await holder.query('ROLLBACK');
      expect((await impatient.listLoads()).length, 'the write that gave up left nothing').toBe(1);
      await impatient.close();
      await store.close();
    });
  });

  it('never shows the password: not in errors of a refused login, nor of an unreachable server', async () => {
    const good = new URL(PG_TEST_URL!);
    const wrong = new URL(good);
    wrong.password = 'Wr0ng-Secret-Value';
    const refused = PostgresStore.open(wrong.toString());
    const error = await refused.latestLoadId().then(() => null, (e: Error) => e);
    expect(error?.message).toMatch(/password authentication failed .*check the user and the password/);
    expect(error?.message).not.toContain('Wr0ng-Secret-Value');
    expect(refused.location).not.toContain('Wr0ng');
    await refused.close();

    const closedPort = new URL(good);
    closedPort.port = '1';
    const unreachable = PostgresStore.open(closedPort.toString());
    const down = await unreachable.listAssets().then(() => null, (e: Error) => e);
    expect(down?.message).toMatch(/the store at postgres:\/\/postgres@127\.0\.0\.1:1\/.*ECONNREFUSED.*is the PostgreSQL server running/);
    expect(down?.message).not.toContain(good.password);
    await unreachable.close();
  });
});

describeWithPostgres('connectableLocation', () => {
  it('gives what opens another handle on the same store: the URL of a PostgreSQL store, password included', async () => {
    const { url } = await freshSchemaUrl('connectable');
    const store = openStore(url);
    await store.write({ load: { source: 't', origin: 'o' }, settings: { here: 'yes' } });
    const again = openStore(connectableLocation(store), { readOnly: true });
    expect(await again.getSetting('here'), 'the second handle reaches the same store').toBe('yes');
    expect(store.location, 'while the location still leaves the password out').not.toContain(new URL(url).password);
    await again.close();
    await store.close();
  });
});

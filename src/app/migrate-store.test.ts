import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeWithPostgres, dropTestObjects, freshSchemaUrl, withAdminClient } from '../../test/contracts/postgres-test-db.ts';
import { storeDigest } from '../../test/loopback/store-digest.ts';
import { PostgresStore } from '../data/store/postgres/postgres-store.ts';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { STORE_TABLES, type CopyProgress, type TableSource } from '../data/store/store-tables.ts';
import { parseDay, type UnixMs } from '../domain/dates.ts';
import { migrateStore } from './migrate-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'altseason-migrate-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await dropTestObjects();
});
const d = (text: string) => parseDay(text);

/** A small SQLite store with something in every table, and a load that repeats an earlier one. */
async function sqliteStore(name: string): Promise<string> {
  const path = join(dir, name);
  const store = SqliteStore.open(path);
  await store.write({
    load: { source: 'csv', origin: 'a.csv', contentHash: 'h-a' },
    assets: [
      { id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' },
      { id: 'terra-luna', symbol: 'LUNA', name: 'Terra Classic' },
    ],
    aliases: [{ source: 'weekly', sourceKey: 'LUNA', assetId: 'terra-luna', fromDay: null, toDay: d('2022-05-27') }],
    observations: [
      { assetId: 'bitcoin', day: d('2021-01-01'), source: 'cmc', symbol: 'BTC', price: 29_000.5, marketCap: 5.4e11, volume: null, rank: 1 },
      { assetId: 'terra-luna', day: d('2021-01-01'), source: 'gecko', symbol: 'LUNA', price: 0.1 + 0.2, marketCap: null, volume: 3, rank: null },
    ],
    categoryRules: [{ symbol: 'USDT', name: 'Tether', category: 'stablecoin', excludeFromIndex: true, source: 'csv' }],
  });
  await store.write({
    load: { source: 'yahoo', origin: 'rut.csv', contentHash: 'h-r' },
    equityBars: [{ symbol: '^RUT', day: d('2021-01-04'), source: 'yahoo', open: 1, high: 2, low: 0.5, close: 1.5, volume: 100 }],
    seriesPoints: [{ series: 'btc_dominance_pct', at: (d('2021-01-03') * 86_400_000) as UnixMs, source: 'cg', value: 70.3 }],
    settings: { marker: 'kept' },
  });
  await store.write({ load: { source: 'csv', origin: 'a-again.csv', contentHash: 'h-a' } });
  await store.setSourcePrecedence(['gecko', 'cmc']);
  await store.close();
  return path;
}

describeWithPostgres('migrateStore', () => {
  it('copies every table with its keys and provenance, checks the copy, and the target goes on from there', async () => {
    const from = await sqliteStore('full.db');
    const { url } = await freshSchemaUrl('migrate_full');
    const progress: CopyProgress[] = [];
    const result = await migrateStore({ from, to: url }, { onProgress: (p) => progress.push({ ...p }) });
    expect(result.tables.slice(0, 10).map((t) => [t.table, t.rows]), 'every table, in key order').toEqual([
      ['loads', 3], ['assets', 2], ['sources', 2], ['asset_symbols', 2], ['asset_aliases', 1], ['observations', 2],
      ['equity_bars', 1], ['series_points', 1], ['category_rules', 1], ['settings', 2],
    ]);
    expect(result.tables.map((t) => t.table), 'and the later schemas\' tables').toEqual(STORE_TABLES.map((t) => t.name));
    expect(result.verified).toBe(true);
    expect(result.to, 'the target without its password').not.toContain(new URL(url).password);
    for (const table of STORE_TABLES) expect(progress.filter((p) => p.table === table.name).at(-1), `progress ends with all of ${table.name}`).toMatchObject({ copied: result.tables.find((t) => t.table === table.name)!.rows });

    const source = SqliteStore.open(from, { readOnly: true });
    const target = PostgresStore.open(url);
    expect(await storeDigest(target), 'the same content').toBe(await storeDigest(source));
    expect(await target.listLoads(), 'the same loads: ids, origins, hashes, times').toEqual(await source.listLoads());
    expect(await target.getSourcePrecedence()).toEqual(['gecko', 'cmc']);
    expect(await target.getSetting('marker')).toBe('kept');
    const again = await target.write({ load: { source: 'csv', origin: 'a.csv', contentHash: 'h-a', skipIfContentLoaded: true } });
    expect(again.alreadyLoaded?.id, 'a re-import of a copied file is skipped: the content hashes came along').toBe(1);
    const next = await target.write({
      load: { source: 'csv', origin: 'new.csv' },
      assets: [{ id: 'ethereum', symbol: 'ETH', name: 'Ethereum' }],
      observations: [{ assetId: 'ethereum', day: d('2021-01-02'), source: 'new-source', symbol: 'ETH', price: 700, marketCap: null, volume: null, rank: null }],
    });
    expect(next.loadId, 'load ids go on after the copied ones').toBe(4);
    expect((await target.readObservations({ assetIds: ['ethereum'] })).map((o) => o.source), 'new asset and source keys do not collide with copied ones').toEqual(['new-source']);
    await source.close();
    await target.close();
  });

  it('knows every table and column of the schema (a migration that adds a table adds it to STORE_TABLES)', async () => {
    const { url, schema } = await freshSchemaUrl('migrate_tables');
    await (await PostgresStore.connect(url)).close();
    const columns = await withAdminClient((client) =>
      client.query<{ table_name: string; column_name: string }>(
        `SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
         WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE' AND c.table_name <> 'schema_migrations' ORDER BY c.table_name, c.ordinal_position`,
        [schema],
      ),
    );
    const inSchema = new Map<string, string[]>();
    for (const row of columns.rows) inSchema.set(row.table_name, [...(inSchema.get(row.table_name) ?? []), row.column_name]);
    expect(Object.fromEntries([...STORE_TABLES].map((t) => [t.name, [...t.columns]]).sort(([a], [b]) => String(a).localeCompare(String(b))))).toEqual(Object.fromEntries(inSchema));
  });

  it('copies into an empty store only, and leaves the target empty when the copy fails', async () => {
    const from = await sqliteStore('twice.db');
    const { url } = await freshSchemaUrl('migrate_twice');
    await migrateStore({ from, to: url });
    await expect(migrateStore({ from, to: url }), 'a second copy would mix two stores').rejects.toThrow(/is not empty \(3 loads, 2 assets, 2 settings\): migrate-store copies into an empty store only/);

    const failing: TableSource = {
      countRows: async () => 1,
      async *readRows(table) {
        if (table.name === 'observations') throw new Error('disk gone');
        yield [];
      },
    };
    const { url: empty } = await freshSchemaUrl('migrate_fails');
    const target = await PostgresStore.connect(empty);
    await expect(target.copyTablesFrom(failing)).rejects.toThrow(/disk gone/);
    expect(await target.summary(), 'nothing of a failed copy stays').toMatchObject({ loads: 0, assets: 0, observations: 0 });
    await target.close();
  });

  it('says what is wrong with its arguments, never showing a password', async () => {
    await expect(migrateStore({ from: join(dir, 'none.db'), to: 'postgres://u:hunter2@127.0.0.1:1/x' })).rejects.toThrow(/--from: no store at .*none\.db/);
    await expect(migrateStore({ from: 'x.db', to: '/tmp/other.db' })).rejects.toThrow(/--to: expected a PostgreSQL URL/);
    const from = await sqliteStore('unreachable.db');
    const error = await migrateStore({ from, to: 'postgres://u:hunter2@127.0.0.1:1/x' }).then(() => null, (e: Error) => e);
    expect(error?.message).toMatch(/the store at postgres:\/\/u@127\.0\.0\.1:1\/x: .*ECONNREFUSED/);
    expect(error?.message).not.toContain('hunter2');
  });
});

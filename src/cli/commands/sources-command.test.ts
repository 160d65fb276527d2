import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourcesResultSchema } from '../../app/contracts/catalogue.ts';
import { listSources } from '../../app/list-sources.ts';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import type { Store } from '../../data/store/store.ts';
import { parseDay } from '../../domain/dates.ts';
import { presentSources } from './sources-command.ts';

const NON_COMMERCIAL = 'CC BY-NC 4.0: non-commercial use only, with attribution (Coin Metrics community)';

describe('altseason sources shows each source’s licence', () => {
  let store: Store;
  beforeAll(async () => {
    store = SqliteStore.open(':memory:');
    const observation = (source: string) => ({ assetId: 'bitcoin', day: parseDay('2024-01-01'), source, symbol: 'BTC', price: 1, marketCap: 1, volume: null, rank: null });
    await store.write({ load: { source: 'coinmetrics', origin: 'test' }, assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }], observations: [observation('coinmetrics')] });
    await store.write({ load: { source: 'my_export', origin: 'test' }, assets: [], observations: [observation('my_export')] });
  });
  afterAll(() => store.close());

  it('in the JSON result, validated by its contract: Coin Metrics non-commercial, an import null', async () => {
    const json = SourcesResultSchema.parse(JSON.parse(presentSources(await listSources(store), 'json')));
    expect(json.schema).toBe('altseason.sources/v1');
    const licenceOf = (source: string) => json.sources.find((s) => s.source === source)?.licence;
    expect([licenceOf('coinmetrics'), licenceOf('my_export'), licenceOf('coingecko')]).toEqual([NON_COMMERCIAL, null, null]);
  });

  it('in the CSV, as a licence column after last_date', async () => {
    const lines = presentSources(await listSources(store), 'csv').trimEnd().split('\n');
    expect(lines[0]).toBe('precedence,source,observations,assets,first_date,last_date,licence');
    expect(lines.find((l) => l.includes(',coinmetrics,')), 'the licence has a comma: one quoted cell').toMatch(/,coinmetrics,1,1,2024-01-01,2024-01-01,"CC BY-NC 4\.0: non-commercial use only, with attribution \(Coin Metrics community\)"$/);
    expect(lines.find((l) => l.includes(',my_export,')), 'no licence on record: an empty cell').toMatch(/,my_export,1,1,2024-01-01,2024-01-01,$/);
  });

  it('in the terminal table, under a licence header', async () => {
    const table = presentSources(await listSources(store), 'table');
    const [header = ''] = table.split('\n');
    expect(header).toMatch(/\blicence\s*$/);
    const row = table.split('\n').find((l) => /\bcoinmetrics\b/.test(l)) ?? '';
    expect(row).toContain(NON_COMMERCIAL);
  });
});

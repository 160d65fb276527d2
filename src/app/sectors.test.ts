/**
 * Sector labels as of a date: the point-in-time CoinGecko membership (a label counts from the
 * snapshot that first saw it, never earlier), the imported coin_categories.csv before the first
 * snapshot, and the user's file over both — each label with where it comes from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../domain/dates.ts';
import { ROTATION_MARKET_DAYS, ROTATION_MARKET_START, writeRotationMarket } from '../../test/fixtures/rotation-market.ts';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { emptyMembership, recordSectorSnapshot, SECTOR_MEMBERSHIP_SETTING } from '../data/sources/coingecko/coingecko-sectors.ts';
import { RotationResultSchema } from './contracts/rotation.ts';
import { SectorsResultSchema } from './contracts/sectors.ts';
import { readContext } from './read-context.ts';
import { rotation } from './rotation.ts';
import { sectors } from './sectors.ts';

const START = ROTATION_MARKET_START;
const DAYS = ROTATION_MARKET_DAYS;
/** The first CoinGecko snapshot: day 100 (2024-04-10), after A's jump on day 90. */
const FIRST_SNAPSHOT = addDays(START, 100);

describe('sector labels as of a date', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = SqliteStore.open(':memory:');
    // A (csv: defi) rises 50 % on day 90; B (csv: meme) is flat.
    await writeRotationMarket(store);
    // CoinGecko lists A as a layer-1 in daily snapshots from day 100 on.
    let history = emptyMembership();
    for (let i = 100; i < DAYS; i++) history = recordSectorSnapshot(history, addDays(START, i), [{ assetId: 'acoin', symbol: 'A', categoryId: 'layer-1' }]);
    await store.setSetting(SECTOR_MEMBERSHIP_SETTING, JSON.stringify(history));
  });
  afterAll(() => store.close());
  const context = () => readContext(store, { today: addDays(START, DAYS - 1) });
  const memberA = async (at: number, sectorsFile: { name: string; text: string } | null = null) => {
    const result = SectorsResultSchema.parse(await sectors(context(), { at: at as never, sectorsFile }));
    return { result, a: result.members.find((m) => m.id === 'acoin')! };
  };

  it('before the first snapshot, the csv label stands and the result says so', async () => {
    const { result, a } = await memberA(addDays(FIRST_SNAPSHOT, -1));
    expect([a.sector, a.labelSource], 'a label first seen on day 100 is not used on day 99').toEqual(['defi', 'coin_categories']);
    expect(result.labelProvenance).toContain('2024-04-09 is before the first snapshot: labels from the imported coin_categories.csv');
  });

  it('from the snapshot that first saw it, the CoinGecko label wins over the csv, with its first-seen date', async () => {
    const { a } = await memberA(FIRST_SNAPSHOT);
    expect([a.sector, a.labelSource, a.labelMatchedBy]).toEqual(['layer1', 'coingecko', 'layer-1, first seen 2024-04-10']);
    expect(a.otherLabels, 'the csv label it overrides is shown').toEqual(['defi']);
  });

  it('the user’s file wins over both', async () => {
    const { a } = await memberA(FIRST_SNAPSHOT, { name: 'mine.csv', text: 'symbol,sector\nA,ai\n' });
    expect([a.sector, a.labelSource]).toEqual(['ai', 'user sector file']);
  });

  it('a sector index counts a coin only from the day its label was first seen', async () => {
    const result = RotationResultSchema.parse(await rotation(context(), {}));
    const layer1 = result.groups.find((g) => g.id === 'sector:layer1')!;
    const defi = result.groups.find((g) => g.id === 'sector:defi')!;
    // A's +50 % on day 90 happened while it was a defi coin: defi's level carries it, layer-1's
    // starts at 100 on day 100 and stays flat.
    expect(layer1.level, 'layer-1 starts after the jump').toBe(100);
    expect(defi.level, 'defi kept the jump, then has no member and stays flat').toBe(150);
    expect(defi.members, 'no defi member on the last day').toBe(0);
    expect(result.settings.labelProvenance, 'a range says where the labels before the first snapshot come from').toContain('before 2024-04-10 labels come from the imported coin_categories.csv');
    expect(result.settings.labelProvenance).toMatch(/CoinGecko category membership \(20 daily snapshots 2024-04-10…2024-04-29, 1 coin;/);
    const before = RotationResultSchema.parse(await rotation(context(), { at: addDays(FIRST_SNAPSHOT, -1) }));
    expect(before.groups.some((g) => g.id === 'sector:layer1'), 'no layer-1 sector before its first member was seen').toBe(false);
  });
});

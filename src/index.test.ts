import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as altseason from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'altseason-library-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the library API', () => {
  it('computes the index from a store as the README shows, and its constituents reproduce it by hand', async () => {
    const path = join(dir, 'library.db');
    const writable = altseason.openStore(path);
    await altseason.writeSimulatedMarket(writable, altseason.simulateMarket({ seed: 3, years: 2, assets: 20, leadDays: 20, effect: 0, startDate: '2020-01-01' }));
    await writable.close();

    const store = altseason.openStore(path, { readOnly: true });
    const context = altseason.readContext(store);
    const asi = altseason.SeasonIndexResultSchema.parse(await altseason.seasonIndex(context, { from: altseason.parseDay('2021-06-01'), to: altseason.parseDay('2021-06-30'), settings: { top: 10 } }));
    expect(asi.points, 'one point per day of the range').toHaveLength(30);
    expect(asi.simulated, 'the simulation is marked as such in every result').toBe(true);

    const point = asi.points.find((p) => p.index !== null)!;
    const explained = await altseason.explainIndex(context, { date: altseason.parseDay(point.date), settings: { top: 10 } });
    // Each constituent's own prices against BTC's over the same days, counted by hand.
    const beats = explained.constituents.filter((c) => c.endPrice / c.startPrice - 1 > c.btcReturnSameDays!).length;
    expect(point.universeSize, 'the universe is the explained constituents').toBe(explained.constituents.length);
    expect(point.index, 'ASI = 100 × alts that beat BTC / alts in the universe').toBeCloseTo((100 * beats) / explained.constituents.length, 6);
    await store.close();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as altseason from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'altseason-library-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the library API', () => {
  it('computes the index from a store, as the README shows', async () => {
    const store = altseason.openStore(join(dir, 'library.db'));
    await altseason.writeSimulatedMarket(store, altseason.simulateMarket({ seed: 3, years: 2, assets: 20, leadDays: 20, effect: 0, startDate: '2020-01-01' }));
    const panel = await altseason.loadPanel(store);
    const [asi] = altseason.altcoinSeasonIndexSeries(panel, altseason.parseDay('2021-06-01'), altseason.parseDay('2021-06-30'), { window: 90, top: 10 });
    expect(asi!.points, 'one point per day of the range').toHaveLength(30);
    const defined = asi!.points.filter((p) => p.index !== null);
    expect(defined.length, 'the simulated market has enough coins for an index').toBeGreaterThan(0);
    for (const point of defined) expect(point.index!).toBeGreaterThanOrEqual(0);
    expect(await altseason.isSimulatedStore(store), 'the simulation is marked as such').toBe(true);
    await store.close();
  });
});

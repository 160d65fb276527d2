import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { simulateMarket } from '../sim/simulate-market.ts';
import { writeSimulatedMarket } from '../sim/write-simulated-market.ts';
import { RotationTestResultSchema } from './contracts/rotation.ts';
import { readContext } from './read-context.ts';
import { rotationTest } from './rotation-test.ts';

describe('rotationTest on a simulated market with a planted rotation', () => {
  const store = SqliteStore.open(':memory:');
  beforeAll(async () => {
    await writeSimulatedMarket(store, simulateMarket({ seed: 1, years: 8, assets: 100, rotation: { lagDays: 14, effect: 0.5 } }));
  });
  afterAll(() => store.close());

  it('finds the planted 14-day order in every pair and says the ground truth was recovered', async () => {
    const result = RotationTestResultSchema.parse(await rotationTest(readContext(store), { test: { replicates: 99 } }));
    expect(result.simulated).toBe(true);
    expect(result.whole.pairs.map((p) => [p.driver, p.target, p.scan.peakLagDays, p.supported])).toEqual([
      ['eth', 'large', 14, true],
      ['large', 'mid', 14, true],
      ['mid', 'small', 14, true],
    ]);
    expect(result.whole.holds).toBe(true);
    expect(result.whole.verdict).toMatch(/^The order holds/);
    expect(result.groundTruth).toMatchObject({ lagDays: 14, effect: 0.5, recovered: true });
    expect(result.periods.map((p) => p.name), 'the simulation covers 2017–2024').toEqual(['2017–18', '2020–21']);
    expect(result.periods[0]!.episodes.length).toBeGreaterThan(3);
  });
});

import { describe, expect, it } from 'vitest';
import { parseDay } from '../../domain/dates.ts';
import { seededRandom } from '../stats/seeded-random.ts';
import type { RotationGroup, RotationSeries } from './rotation-indices.ts';
import { resolveRotationOptions } from './rotation-options.ts';
import { excessStepReturns, rotationOrderTest, stepEnds } from './rotation-order-test.ts';
import { rotationPhases } from './rotation-phase.ts';

const MONDAY = parseDay('2024-01-01'); // a Monday

function seriesOfReturns(returns: Record<string, Float64Array | number[]>): RotationSeries {
  const days = Object.values(returns)[0]!.length + 1;
  const groups: RotationGroup[] = Object.entries(returns).map(([id, r]) => {
    const level = new Float64Array(days);
    level[0] = 100;
    for (let i = 0; i < r.length; i++) level[i + 1] = level[i]! * Math.exp(r[i]!);
    return { id, kind: 'tier', name: id, label: id, capLevel: level, equalLevel: level, memberCount: new Int32Array(days).fill(1), breadth: [] };
  });
  return { from: MONDAY, to: (MONDAY + days - 1) as typeof MONDAY, options: resolveRotationOptions(), groups };
}

/** Daily excess log returns with a chain eth → large → mid → small at `lag` days and strength `e`. */
function chain(seed: number, days: number, lag: number, e: number) {
  const rng = seededRandom(seed);
  const noise = () => Float64Array.from({ length: days }, () => 0.02 * rng.normal());
  const eth = noise();
  const next = (prev: Float64Array) => {
    const own = noise();
    return own.map((v, t) => (t >= lag ? e * prev[t - lag]! + Math.sqrt(1 - e * e) * v : v));
  };
  const large = next(eth);
  const mid = next(large);
  const small = next(mid);
  return { btc: new Float64Array(days), eth, large, mid, small };
}

describe('rotation order test', () => {
  it('weekly steps end on Mondays; a step’s excess return is the log change of the tier over BTC', () => {
    const s = seriesOfReturns({ btc: [0.1, 0, 0, 0, 0, 0, 0, 0], eth: [0.3, 0, 0, 0, 0, 0, 0, 0] });
    expect(stepEnds(s, 7, 0, 8)).toEqual([0, 7]);
    const x = excessStepReturns(s, 'eth', [0, 7], 'cap');
    expect(Number.isNaN(x[0]!)).toBe(true);
    expect(x[1]).toBeCloseTo(0.2, 12);
  });

  it('recovers a planted chain at its lag (14 days = 2 weekly steps) in every pair', () => {
    const s = seriesOfReturns(chain(3, 7 * 400, 14, 0.5));
    const result = rotationOrderTest(s, rotationPhases(s), { replicates: 99 });
    expect(result.pairs.map((p) => [p.driver, p.target, p.scan.peakLagSteps, p.supported])).toEqual([
      ['eth', 'large', 2, true],
      ['large', 'mid', 2, true],
      ['mid', 'small', 2, true],
    ]);
    expect(result.holds).toBe(true);
    expect(result.familySize).toBeGreaterThanOrEqual(6);
  });

  it('finds no order where none is planted, and says what it could have detected', () => {
    const s = seriesOfReturns(chain(4, 7 * 400, 14, 0));
    const result = rotationOrderTest(s, rotationPhases(s), { replicates: 99 });
    expect(result.holds).toBe(false);
    expect(result.pairs.every((p) => !p.supported)).toBe(true);
    // 400 weekly steps, 8 lags: |r| ≈ 0.17 detectable with 80 % power
    for (const p of result.pairs) expect(p.scan.minimumDetectableR).toBeGreaterThan(0.1);
  });

  it('Granger runs in the thesis direction only: a chain planted backwards is not supported', () => {
    const c = chain(5, 7 * 400, 14, 0.6);
    const s = seriesOfReturns({ btc: c.btc, eth: c.small, large: c.mid, mid: c.large, small: c.eth });
    const result = rotationOrderTest(s, rotationPhases(s), { replicates: 99 });
    expect(result.pairs.some((p) => p.supported)).toBe(false);
  });
});

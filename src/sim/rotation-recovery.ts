/**
 * How often the rotation-order test (analytics/rotation/rotation-order-test.ts) finds a rotation
 * planted in simulated markets (simulate-market.ts, `rotation`), and how often it "finds" one where
 * none is planted. The markets, tiers, indices, phases and test are the ones `altseason rotation
 * --test` computes after `altseason simulate --rotation-lag`. Measured in bench/rotation-recovery.
 */
import { computeRotation } from '../analytics/rotation/rotation-indices.ts';
import { rotationOrderTest, type OrderTestOptions } from '../analytics/rotation/rotation-order-test.ts';
import { rotationPhases } from '../analytics/rotation/rotation-phase.ts';
import { assignSectors } from '../analytics/rotation/sector-labels.ts';
import { simulateMarket } from './simulate-market.ts';
import { simulatedInputs } from './simulated-inputs.ts';

export interface RotationRecoveryOptions {
  seeds: readonly number[];
  /** Planted strength; 0 = tiers without a lead (the null). */
  effect: number;
  lagDays: number;
  years: number;
  assets: number;
  test?: Partial<Omit<OrderTestOptions, 'fromIndex' | 'toIndex'>>;
}

export interface RotationRecoveryResult {
  seeds: number;
  /** The order held (every pair supported) with every pair's peak at the planted lag. */
  recovered: number;
  /** The order held (every pair supported), at any lag. */
  held: number;
  /** At least one pair supported (the family-wise false positive under the null). */
  anyPairSupported: number;
  /** Supported pairs, over all seeds. */
  pairsSupported: number;
  pairs: number;
  /** Milliseconds: simulating the market, and indices + phases + test. */
  simulateMs: number;
  analyseMs: number;
}

export function measureRotationRecovery(options: RotationRecoveryOptions): RotationRecoveryResult {
  const result: RotationRecoveryResult = { seeds: 0, recovered: 0, held: 0, anyPairSupported: 0, pairsSupported: 0, pairs: 0, simulateMs: 0, analyseMs: 0 };
  for (const seed of options.seeds) {
    const t0 = performance.now();
    const market = simulateMarket({ seed, years: options.years, assets: options.assets, rotation: { lagDays: options.lagDays, effect: options.effect } });
    const { panel } = simulatedInputs(market);
    const t1 = performance.now();
    const series = computeRotation(panel, panel.firstDay!, panel.lastDay!, assignSectors(panel, []));
    const test = rotationOrderTest(series, rotationPhases(series), { replicates: 199, ...options.test });
    const t2 = performance.now();
    const step = test.options.stepDays;
    const plantedSteps = Math.round(options.lagDays / step);
    result.seeds++;
    if (test.holds) result.held++;
    if (test.holds && test.pairs.every((p) => p.scan.peakLagSteps === plantedSteps)) result.recovered++;
    const supported = test.pairs.filter((p) => p.supported).length;
    if (supported > 0) result.anyPairSupported++;
    result.pairsSupported += supported;
    result.pairs += test.pairs.length;
    result.simulateMs += t1 - t0;
    result.analyseMs += t2 - t1;
  }
  return result;
}

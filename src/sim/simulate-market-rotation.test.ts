/** The planted-rotation option of simulateMarket: its tiers, its ground truth, and that the order test finds it. */
import { describe, expect, it } from 'vitest';
import { computeRotation } from '../analytics/rotation/rotation-indices.ts';
import { rotationOrderTest } from '../analytics/rotation/rotation-order-test.ts';
import { rotationPhases } from '../analytics/rotation/rotation-phase.ts';
import { assignSectors } from '../analytics/rotation/sector-labels.ts';
import { simulateMarket } from './simulate-market.ts';
import { simulatedInputs } from './simulated-inputs.ts';

describe('simulateMarket with a planted rotation', () => {
  it('sizes ETH and the tiers a decade apart, lists every alt from the first day, and records the ground truth', () => {
    const market = simulateMarket({ seed: 2, years: 2, assets: 70, rotation: { lagDays: 14, effect: 0.5 } });
    expect(market.alts[0]!.id).toBe('ethereum');
    expect(market.alts.every((a) => a.firstIndex === 0 && a.lastIndex === market.days.length - 1)).toBe(true);
    const cap = (i: number) => market.alts[i]!.marketCaps[0]!;
    const median = (from: number, to: number) => market.alts.slice(from, to).map((_, k) => cap(from + k)).sort((a, b) => a - b)[Math.floor((to - from) / 2)]!;
    expect(median(1, 10) / median(10, 50)).toBeGreaterThan(3);
    expect(median(10, 50) / median(50, 70)).toBeGreaterThan(3);
    expect(market.groundTruth.plantedRotation).toMatchObject({ lagDays: 14, effect: 0.5 });
    expect(market.groundTruth.generator).toContain('planted rotation');
  });

  it('leaves the market without the option as it was (no ETH, no planted rotation)', () => {
    const market = simulateMarket({ seed: 2, years: 2, assets: 70 });
    expect(market.alts.some((a) => a.id === 'ethereum')).toBe(false);
    expect(market.groundTruth.plantedRotation).toBeNull();
  });

  it('refuses a rotation without enough alts for the small caps', () => {
    expect(() => simulateMarket({ seed: 1, assets: 40, rotation: { lagDays: 14, effect: 0.5 } })).toThrow('a planted rotation needs at least 60 alts');
  });

  it('the order test recovers the planted 14-day (2-week) lag in each pair of seed 1', () => {
    const { panel } = simulatedInputs(simulateMarket({ seed: 1, years: 8, assets: 100, rotation: { lagDays: 14, effect: 0.5 } }));
    const series = computeRotation(panel, panel.firstDay!, panel.lastDay!, assignSectors(panel, []));
    const result = rotationOrderTest(series, rotationPhases(series), { replicates: 99 });
    expect(result.pairs.map((p) => p.scan.peakLagSteps)).toEqual([2, 2, 2]);
    expect(result.holds).toBe(true);
  });
});

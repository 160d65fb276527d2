import { describe, expect, it } from 'vitest';
import {
  cornishFisherValueAtRisk,
  gaussianValueAtRisk,
  historicalValueAtRisk,
  portfolioLosses,
  scaleLosses,
  valueAtRiskTable,
} from './value-at-risk.ts';

// Two assets, 60 daily returns, asset 2 missing on day 50; weights 60 % / 30 %; W = 40 days.
// Expected values: /usr/bin/python3 with numpy 1.24 / scipy 1.10 — np.prod(1 + r) − 1 per h-day
// window, np.quantile (linear, type 7), L[L ≥ VaR].mean(), scipy.stats.norm, scipy.stats.skew /
// kurtosis(bias=True) for Cornish–Fisher.
const T = 60;
const r1 = Float64Array.from({ length: T }, (_, t) => 0.03 * Math.sin(1.1 * t) + 0.01 * Math.cos(0.37 * t * t) - 0.004);
const r2 = Float64Array.from({ length: T }, (_, t) => (t === 50 ? Number.NaN : 0.05 * Math.cos(0.8 * t + 1) + 0.02 * Math.sin(2.9 * t)));
const W = [0.6, 0.3];
const OPTIONS = { window: 40 };

describe('historical VaR and CVaR', () => {
  it('matches numpy on 1-day and overlapping 5-day losses', () => {
    const daily = portfolioLosses(W, [r1, r2], OPTIONS);
    expect(daily.length, '40 days minus the one with a missing return').toBe(39);
    const at95 = historicalValueAtRisk(daily, 0.95)!;
    expect(at95.valueAtRisk).toBeCloseTo(0.026195210730655664, 15);
    expect(at95.conditionalValueAtRisk).toBeCloseTo(0.031179110467108067, 15);
    expect(historicalValueAtRisk(daily, 0.99)!.valueAtRisk).toBeCloseTo(0.03126160044197025, 15);
    expect(historicalValueAtRisk(daily, 0.99)!.conditionalValueAtRisk).toBeCloseTo(0.031522818695700505, 15);
    const fiveDay = portfolioLosses(W, [r1, r2], { ...OPTIONS, horizonDays: 5 });
    expect(fiveDay.length, '36 windows minus the 5 that contain day 50').toBe(31);
    expect(historicalValueAtRisk(fiveDay, 0.95)!.valueAtRisk).toBeCloseTo(0.04117813677226301, 15);
    expect(historicalValueAtRisk(fiveDay, 0.95)!.conditionalValueAtRisk).toBeCloseTo(0.045572330896025914, 15);
  });

  it('is exact on a hand example', () => {
    // Losses 1 … 10 %: type-7 quantile at 0.95 = 9 + 0.55 = 9.55 %; CVaR = the 10 % loss alone.
    const losses = Array.from({ length: 10 }, (_, i) => (i + 1) / 100);
    expect(historicalValueAtRisk(losses, 0.95)!.valueAtRisk).toBeCloseTo(0.0955, 15);
    expect(historicalValueAtRisk(losses, 0.95)!.conditionalValueAtRisk).toBeCloseTo(0.1, 15);
    expect(historicalValueAtRisk([], 0.95)).toBeNull();
    expect(() => historicalValueAtRisk(losses, 95)).toThrow(/confidence must be in/);
  });
});

describe('parametric VaR', () => {
  const dailyReturns = portfolioLosses(W, [r1, r2], OPTIONS).map((loss) => -loss);

  it('Gaussian: z·σ − μ and σφ(z)/(1 − α) − μ, √h-scaled', () => {
    const one = gaussianValueAtRisk(dailyReturns, 0.95)!;
    expect(one.valueAtRisk).toBeCloseTo(0.02820050809086818, 14);
    expect(one.conditionalValueAtRisk).toBeCloseTo(0.035205963683231666, 14);
    expect(gaussianValueAtRisk(dailyReturns, 0.99)!.valueAtRisk).toBeCloseTo(0.03962583486742436, 14);
    const ten = gaussianValueAtRisk(dailyReturns, 0.99, 10)!;
    expect(ten.valueAtRisk).toBeCloseTo(0.12957705348915666, 14);
    expect(ten.conditionalValueAtRisk).toBeCloseTo(0.14754237013554336, 14);
  });

  it('Cornish–Fisher: matches scipy moments (excess kurtosis) and reduces to Gaussian without skew and kurtosis', () => {
    expect(cornishFisherValueAtRisk(dailyReturns, 0.95)!.valueAtRisk).toBeCloseTo(0.028696118409050085, 13);
    expect(cornishFisherValueAtRisk(dailyReturns, 0.99)!.valueAtRisk).toBeCloseTo(0.036318654532419725, 13);
    const fiveDay = portfolioLosses(W, [r1, r2], { ...OPTIONS, horizonDays: 5 }).map((loss) => -loss);
    expect(cornishFisherValueAtRisk(fiveDay, 0.99)!.valueAtRisk).toBeCloseTo(0.05537922351868519, 13);
    // Symmetric two-point sample ±1: s = 0, m₄/m₂² = 1 → k = −2; with k = −2 check the formula by hand.
    const symmetric = [-1, 1, -1, 1];
    const z = -1.6448536269514722;
    const zcf = z + ((z ** 3 - 3 * z) * -2) / 24;
    expect(cornishFisherValueAtRisk(symmetric, 0.95)!.valueAtRisk).toBeCloseTo(-(zcf * Math.sqrt(4 / 3)), 8);
    expect(cornishFisherValueAtRisk([0.01, 0.01], 0.95)).toBeNull();
  });
});

describe('VaR table', () => {
  it('has every method × confidence × horizon, 95/99 % and 1/10 days by default', () => {
    const rows = valueAtRiskTable(W, [r1, r2], OPTIONS);
    expect(rows).toHaveLength(12);
    expect(rows.filter((r) => r.scaledFromDays !== null).map((r) => [r.method, r.horizonDays]), 'daily: only the Gaussian 10-day rows scale (√h)').toEqual([['gaussian', 10], ['gaussian', 10]]);
    const gaussian10 = rows.find((r) => r.method === 'gaussian' && r.horizonDays === 10 && r.confidence === 0.95)!;
    expect(gaussian10.valueAtRisk).toBeCloseTo(0.09344699786352942, 14);
    expect(gaussian10.conditionalValueAtRisk).toBeCloseTo(0.11560019358256213, 14);
    expect(rows.filter((r) => r.method === 'cornish-fisher').every((r) => r.conditionalValueAtRisk === null)).toBe(true);
    expect(() => portfolioLosses([1], [r1, r2])).toThrow(/1 weights for 2 return series/);
  });
});

describe('VaR from weekly returns (periodDays 7)', () => {
  // The same two series read as WEEKLY returns. Expected values: numpy 2.4 / scipy 1.17 —
  // L′ = √k(L − L̄) + kL̄ with k = h/7, np.quantile (type 7), L′[L′ ≥ VaR].mean(); Gaussian k·μ,
  // √k·σ (ddof 1); Cornish–Fisher with scipy.stats.skew / kurtosis(bias=True, fisher=True).
  const rows = valueAtRiskTable(W, [r1, r2], { ...OPTIONS, periodDays: 7, horizons: [1, 7, 10, 14] });
  const row = (method: string, confidence: number, horizonDays: number) => rows.find((r) => r.method === method && r.confidence === confidence && r.horizonDays === horizonDays)!;
  const EXPECTED: [number, number, number, number, number, number, number][] = [
    // h, α, historical VaR, historical CVaR, Gaussian VaR, Gaussian CVaR, Cornish–Fisher VaR
    [1, 0.95, 0.009754068754293254, 0.011637805791712308, 0.010511999914272773, 0.013159813245429981, 0.01069932300700233],
    [1, 0.99, 0.011668984071589639, 0.011767715291201193, 0.014830367528332042, 0.016977633571483332, 0.013580370855865536],
    [10, 0.95, 0.031454953877787885, 0.03741185342884992, 0.03385174265293662, 0.04222486359835108, 0.03444411028430895],
    [10, 0.99, 0.037510447806788486, 0.037822663336927284, 0.04750762008727088, 0.05429787152596634, 0.04355478353464524],
  ];

  it('carries 1- and 10-day figures from the weekly ones by the square-root-of-time rule, and says so', () => {
    for (const [h, a, hv, hc, gv, gc, cf] of EXPECTED) {
      expect(row('historical', a, h).valueAtRisk, `historical ${h}d ${a}`).toBeCloseTo(hv, 13);
      expect(row('historical', a, h).conditionalValueAtRisk, `historical CVaR ${h}d ${a}`).toBeCloseTo(hc, 13);
      expect(row('gaussian', a, h).valueAtRisk, `gaussian ${h}d ${a}`).toBeCloseTo(gv, 13);
      expect(row('gaussian', a, h).conditionalValueAtRisk, `gaussian CVaR ${h}d ${a}`).toBeCloseTo(gc, 13);
      expect(row('cornish-fisher', a, h).valueAtRisk, `Cornish–Fisher ${h}d ${a}`).toBeCloseTo(cf, 12);
      for (const method of ['historical', 'gaussian', 'cornish-fisher']) expect(row(method, a, h).scaledFromDays, `${method} ${h}d is scaled`).toBe(7);
      expect(row('historical', a, h).observations).toBe(39);
    }
  });

  it('computes a multiple of the period from overlapping multi-week returns, unscaled', () => {
    expect(row('historical', 0.95, 7).valueAtRisk, 'the 7-day row is the 1-day table of the weekly returns').toBe(valueAtRiskTable(W, [r1, r2], OPTIONS).find((r) => r.method === 'historical' && r.confidence === 0.95 && r.horizonDays === 1)!.valueAtRisk);
    expect(row('historical', 0.95, 7).scaledFromDays).toBeNull();
    const twoWeeks = row('historical', 0.95, 14);
    expect([twoWeeks.scaledFromDays, twoWeeks.observations], '39 two-week windows minus the 2 holding the missing week').toEqual([null, 37]);
    expect(twoWeeks.valueAtRisk).toBeCloseTo(0.04283879128452746, 14);
    expect(twoWeeks.conditionalValueAtRisk).toBeCloseTo(0.04548027972220713, 14);
    expect(row('gaussian', 0.95, 14).scaledFromDays, 'Gaussian always scales its moments').toBe(7);
  });

  it('scaleLosses: one period is the identity, and the map is affine in the mean and √k in the spread', () => {
    expect(Array.from(scaleLosses([0.01, 0.03], 1))).toEqual([0.01, 0.03]);
    const scaled = scaleLosses([0.01, 0.03], 4);
    expect(scaled[0]).toBeCloseTo(2 * (0.01 - 0.02) + 4 * 0.02, 15);
    expect(scaled[1]).toBeCloseTo(2 * (0.03 - 0.02) + 4 * 0.02, 15);
    expect(() => scaleLosses([0.01], 0)).toThrow(/periods must be a number > 0/);
  });
});

import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { DayNumber } from '../../domain/dates.ts';
import { evaluatePlan, type PlanSeries, type ProfitPlan } from './profit-plan.ts';

const D = (n: number) => n as DayNumber;
// Day 0 is the entry at 10; then the close rises 1 a day to 40 (day 30), then falls 2 a day.
const closeOn = (d: number) => (d <= 30 ? 10 + d : 40 - 2 * (d - 30));
// ASI: 50 until day 10, 90 on days 11–20 (a season), 80 on 21–25, 60 from day 26.
const asiOn = (d: number) => (d <= 10 ? 50 : d <= 20 ? 90 : d <= 25 ? 80 : 60);

function series(limit = Number.POSITIVE_INFINITY): PlanSeries {
  return {
    close: (_id, d) => (d > limit ? null : closeOn(d)),
    asi: (d) => (d > limit ? null : asiOn(d)),
  };
}

const position = { assetId: 'solana', quantity: new Decimal(100), cost: new Decimal(1000), entryDay: D(0) };

describe('evaluatePlan', () => {
  it('fires each price-target rung once, on the first close at or above its level, selling shares of Q₀', () => {
    const plan: ProfitPlan = {
      name: 'ladder',
      rules: [
        { id: 'r50', scope: 'alts', trigger: { type: 'gain', pct: 50 }, sell: 0.25 },
        { id: 'r100', scope: 'alts', trigger: { type: 'gain', pct: 100 }, sell: 0.25 },
        { id: 'r200', scope: 'alts', trigger: { type: 'gain', pct: 200 }, sell: 0.25 },
      ],
    };
    const e = evaluatePlan(plan, [position], series(), D(60));
    // entry 10: +50 % = 15 (day 5), +100 % = 20 (day 10), +200 % = 30 (day 20)
    expect(e.firings.map((f) => [f.ruleId, f.day, f.price, f.quantity.toString()])).toEqual([
      ['r50', 5, 15, '25'],
      ['r100', 10, 20, '25'],
      ['r200', 20, 30, '25'],
    ]);
    expect(e.remaining.get('solana')!.toString()).toBe('25');
    expect(e.firings[2]!.proceeds.toString()).toBe('750');
  });

  it('fires the ASI exit on the first close below the level after a peak, and a time exit after n days', () => {
    const plan: ProfitPlan = {
      name: 'exits',
      rules: [
        { id: 'asi', scope: 'alts', trigger: { type: 'asi-below', level: 75, afterPeakAbove: 85 }, sell: 0.5 },
        { id: 'time', scope: 'solana', trigger: { type: 'days', after: 40 }, sell: 1 },
      ],
    };
    const e = evaluatePlan(plan, [position], series(), D(60));
    expect(e.firings.map((f) => [f.ruleId, f.day, f.quantity.toString()])).toEqual([
      ['asi', 26, '50'],
      ['time', 40, '50'],
    ]);
  });

  it('never reads after the day: the firings up to t are the same with or without later data, and none is dated after t', () => {
    const plan: ProfitPlan = {
      name: 'all',
      rules: [
        { id: 'asi', scope: 'alts', trigger: { type: 'asi-below', level: 75, afterPeakAbove: 85 }, sell: 0.5 },
        { id: 'trail', scope: 'alts', trigger: { type: 'trailing-stop', atrMultiple: 2, atrPeriod: 5 }, sell: 0.5 },
      ],
    };
    for (const t of [20, 25, 26, 31, 33, 45]) {
      const full = evaluatePlan(plan, [position], series(), D(t));
      const cut = evaluatePlan(plan, [position], series(t), D(t));
      expect(full.firings.map((f) => [f.ruleId, f.day])).toEqual(cut.firings.map((f) => [f.ruleId, f.day]));
      expect(full.firings.every((f) => f.day <= t)).toBe(true);
    }
    expect(evaluatePlan(plan, [position], series(), D(25)).firings).toEqual([]);
  });

  it('trails a chandelier stop on closes: exits on the first close below the highest close − k·ATR', () => {
    const plan: ProfitPlan = { name: 'trail', rules: [{ id: 'trail', scope: 'alts', trigger: { type: 'trailing-stop', atrMultiple: 2, atrPeriod: 5 }, sell: 1 }] };
    const e = evaluatePlan(plan, [position], series(), D(60));
    // Bars from day 1: TR = 0 on the first (H − L of a close-only bar), then 1 a day while rising.
    // ATR(5) is seeded at day 5 with (0 + 1 + 1 + 1 + 1)/5 = 0.8, then ATRₙ = (4·ATRₙ₋₁ + 1)/5, so
    // 1 − ATR₃₀ = 0.2·0.8²⁵ and the stop at day 30 is 40 − 2·ATR₃₀ = 38 + 0.4·0.8²⁵. Day 31 closes 38,
    // just below it (that day's ATR rises to 1.2, which would lower the stop, but a stop never falls).
    expect(e.firings.map((f) => [f.day, f.price])).toEqual([[31, 38]]);
    expect(e.firings[0]!.limit).toBeCloseTo(38 + 0.4 * 0.8 ** 25, 10);
  });

  it('fires a rotation-phase exit on the first day of the phase and a readiness exit after its peak, and skips them without their series', () => {
    const plan: ProfitPlan = {
      name: 'indicators',
      rules: [
        { id: 'memes', scope: 'alts', trigger: { type: 'rotation-phase', phase: 'small-caps-and-memes' }, sell: 0.25 },
        { id: 'ready', scope: 'alts', trigger: { type: 'readiness-below', level: 40, afterPeakAbove: 70 }, sell: 0.25 },
      ],
    };
    // Phase: bitcoin-led until day 14, small caps and memes from day 15. Readiness: 30 (below 40, but no peak yet) until day 9, 75 on days 10–19, 35 from day 20.
    const withIndicators: PlanSeries = {
      ...series(),
      phase: (d) => (d < 15 ? 'bitcoin-led' : 'small-caps-and-memes'),
      readiness: (d) => (d < 10 ? 30 : d < 20 ? 75 : 35),
    };
    const e = evaluatePlan(plan, [position], withIndicators, D(60));
    expect(e.firings.map((f) => [f.ruleId, f.day])).toEqual([
      ['memes', 15],
      ['ready', 20],
    ]);
    const without = evaluatePlan(plan, [position], series(), D(60));
    expect(without.skipped.map((s) => s.reason)).toEqual(['no rotation phase series', 'no readiness series']);
  });

  it('skips a gain rule without a cost and leaves BTC out of the alt book', () => {
    const plan: ProfitPlan = { name: 'x', rules: [{ id: 'g', scope: 'alts', trigger: { type: 'gain', pct: 10 }, sell: 1 }] };
    const btc = { assetId: 'bitcoin', quantity: new Decimal(1), cost: new Decimal(1), entryDay: D(0) };
    const e = evaluatePlan(plan, [{ ...position, cost: null }, btc], series(), D(60));
    expect(e.firings).toEqual([]);
    expect(e.skipped).toEqual([{ ruleId: 'g', assetId: 'solana', reason: "needs the holding's cost" }]);
  });
});

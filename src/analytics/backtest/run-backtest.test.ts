import { describe, expect, it } from 'vitest';
import { parseDay, type DayNumber } from '../../domain/dates.ts';
import { makePanel } from '../../domain/make-panel.ts';
import { makeSeries } from '../../domain/series.ts';
import { BacktestData } from './backtest-data.ts';
import { LookAheadError } from './point-in-time-view.ts';
import { runBacktest } from './run-backtest.ts';
import type { StrategyDefinition, StrategyFunction } from './strategy.ts';

const D0 = parseDay('2021-01-01');
const day = (k: number) => (D0 + k) as DayNumber;

function strategy(decide: StrategyFunction): StrategyDefinition {
  return { id: 'test', description: 'test', parameters: [], warmupDays: () => 0, decide };
}

// BTC 100 → 110 → 99 → 99 → 108.9; ETH 100 → 90 → 99 → 99 → 99; CCC stops after day 2.
const panel = makePanel([
  { id: 'bitcoin', symbol: 'BTC', firstDay: '2021-01-01', price: [100, 110, 99, 99, 108.9], marketCap: [1e12, 1e12, 1e12, 1e12, 1e12] },
  { id: 'ethereum', symbol: 'ETH', firstDay: '2021-01-01', price: [100, 90, 99, 99, 99], marketCap: [5e11, 5e11, 5e11, 5e11, 5e11] },
  { id: 'ccc', symbol: 'CCC', firstDay: '2021-01-01', price: [10, 12, 6], marketCap: [1e9, 1e9, 1e9] },
]);
const data = new BacktestData({ panel }, { stalenessDays: 0 });

describe('runBacktest', () => {
  it('charges the fee on the first purchase and compounds the held returns', () => {
    const run = runBacktest(data, strategy(() => ({ BTC: 1 })), {}, { from: day(0), to: day(4), costs: { feesBps: 10 } });
    expect(run.turnover[0]).toBeCloseTo(1, 12);
    expect(run.returns[0]).toBeCloseTo(0.999 * 1.1 - 1, 12);
    expect(run.returns[1]).toBeCloseTo(99 / 110 - 1, 12);
    expect(run.turnover[1]).toBe(0);
    expect(run.equity[4]).toBeCloseTo(0.999 * 1.089, 12);
  });

  it('rebalances drifted weights back to target and pays fees on the difference', () => {
    // Day 1: BTC +10 %, ETH −10 % → drifted 0.55 / 0.45, turnover 0.1 back to 50/50.
    const run = runBacktest(data, strategy(() => ({ bitcoin: 0.5, ethereum: 0.5 })), {}, { from: day(0), to: day(2), costs: { feesBps: 10, slippageBps: 5 } });
    expect(run.driftedExposure[1]).toBeCloseTo(1, 12);
    expect(run.turnover[1]).toBeCloseTo(0.1, 12);
    expect(run.returns[0]).toBeCloseTo((1 - 0.0015) * 1.0 - 1, 12);
    // Day 2: BTC −10 %, ETH +10 % on 50/50 after the rebalance at cost 0.1 × 15 bps.
    expect(run.returns[1]).toBeCloseTo((1 - 0.1 * 0.0015) * (1 + 0.5 * -0.1 + 0.5 * 0.1) - 1, 12);
  });

  it('sells a coin that stops trading at its last price, paying the fee on the sale', () => {
    const run = runBacktest(data, strategy((view) => (view.step === 0 ? { ccc: 0.5, bitcoin: 0.5 } : null)), {}, { from: day(0), to: day(4), costs: { feesBps: 10 } });
    // Day 1: 0.5·0.2 + 0.5·0.1; day 2: drifted CCC 0.6/1.15, BTC 0.55/1.15.
    const wc = 0.6 / 1.15;
    const wb = 0.55 / 1.15;
    expect(run.returns[0]).toBeCloseTo(0.999 * 1.15 - 1, 12);
    expect(run.returns[1]).toBeCloseTo(wc * -0.5 + wb * -0.1, 12);
    // Day 3: CCC has no price: return 0 on it, then sold (turnover = its drifted weight).
    const g2 = 1 + wc * -0.5 + wb * -0.1;
    const wcDrift = (wc * 0.5) / g2;
    expect(run.returns[2]).toBeCloseTo(0, 12);
    expect(run.delistings).toEqual([{ date: '2021-01-04', asset: 'ccc', weight: expect.closeTo(wcDrift, 12), rule: 'sold at its last price' }]);
    expect(run.turnover[3]).toBeCloseTo(wcDrift, 12);
    expect(run.exposure[3]).toBeCloseTo(1 - wcDrift, 12);
    // Day 4: only BTC (+10 %) on 1 − wcDrift, the rest in cash, after the sale's fee.
    expect(run.returns[3]).toBeCloseTo((1 - wcDrift * 0.001) * (1 + (1 - wcDrift) * 0.1) - 1, 12);
  });

  it('marks a coin that stops trading to zero under the collapse rule', () => {
    const run = runBacktest(data, strategy((view) => (view.step === 0 ? { ccc: 1 } : null)), {}, { from: day(0), to: day(4), costs: { feesBps: 0, delisting: 'zero' } });
    expect(run.equity[2]).toBeCloseTo(0.6, 12);
    expect(run.equity[3]).toBe(0);
    expect(run.delistings[0]!.rule).toBe('marked to zero');
  });

  it('holds cash for weights below 1 and rejects shorts, unknown assets and leverage', () => {
    const run = runBacktest(data, strategy(() => ({ BTC: 0.25 })), {}, { from: day(0), to: day(1), costs: { feesBps: 0 } });
    expect(run.returns[0]).toBeCloseTo(0.025, 12);
    expect(() => runBacktest(data, strategy(() => ({ BTC: -1 })), {}, { from: day(0), to: day(1) })).toThrow(/long-only/);
    expect(() => runBacktest(data, strategy(() => ({ DOGE: 1 })), {}, { from: day(0), to: day(1) })).toThrow(/no asset "DOGE"/);
    expect(() => runBacktest(data, strategy(() => ({ BTC: 1, ETH: 0.5 })), {}, { from: day(0), to: day(1) })).toThrow(/gross limit 1/);
    expect(() => runBacktest(data, strategy(() => ({ ccc: 1 })), {}, { from: day(2), to: day(4) })).toThrow(/ccc has no price/);
  });

  it('makes data after t unreachable: a strategy reading t+1 fails', () => {
    const peek = strategy((view) => ({ BTC: (view.price('BTC', -1) ?? 0) > 0 ? 1 : 0 }));
    expect(() => runBacktest(data, peek, {}, { from: day(0), to: day(3) })).toThrow(LookAheadError);
    const byDate = strategy((view) => ({ BTC: view.daysAgo('2021-01-03') >= 0 ? 1 : 0 }));
    expect(() => runBacktest(data, byDate, {}, { from: day(0), to: day(3) })).toThrow(/after 2021-01-01/);
    // Histories are copies ending at t: no buffer reaches tomorrow.
    const seen: number[] = [];
    runBacktest(data, strategy((view) => { const h = view.prices('BTC', 2); seen.push(h.length, h.buffer.byteLength); return {}; }), {}, { from: day(0), to: day(1) });
    expect(seen).toEqual([2, 16]);
  });

  it('switches parameters on a schedule (walk-forward folds)', () => {
    const s: StrategyDefinition = { ...strategy((_v, p) => ({ BTC: Number(p.w) })), parameters: [] };
    const run = runBacktest(data, s, [{ fromDay: day(0), parameters: { w: 1 } }, { fromDay: day(2), parameters: { w: 0 } }], { from: day(0), to: day(4), costs: { feesBps: 0 } });
    expect(Array.from(run.exposure)).toEqual([1, 1, 0, 0]);
  });
});

describe('runBacktest funding', () => {
  it('charges the day’s funding on gross exposure above 1', () => {
    const funding = makeSeries('funding', [day(1), day(2)], [0.001, -0.0005]);
    const levered = new BacktestData({ panel, fundingDaily: funding }, { stalenessDays: 0 });
    const run = runBacktest(levered, strategy(() => ({ BTC: 1.5 })), {}, { from: day(0), to: day(2), costs: { feesBps: 0, funding: true, maxGross: 2 } });
    // Day 1: 1.5 × 10 % − 0.5 × 0.1 % funding.
    expect(run.funding[0]).toBeCloseTo(0.0005, 12);
    expect(run.returns[0]).toBeCloseTo(0.15 - 0.0005, 12);
    // Drifted 1.5·1.1/1.1495 ≈ 1.435, rebalanced back to 1.5; day 2: BTC −10 %, funding received.
    expect(run.returns[1]).toBeCloseTo(1.5 * -0.1 + 0.5 * 0.0005, 12);
    const none = new BacktestData({ panel }, { stalenessDays: 0 });
    expect(() => runBacktest(none, strategy(() => ({ BTC: 1.5 })), {}, { from: day(0), to: day(2), costs: { funding: true, maxGross: 2 } })).toThrow(/needs the day's BTC funding rate/);
  });
});

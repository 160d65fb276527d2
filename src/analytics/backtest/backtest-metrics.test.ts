import { describe, expect, it } from 'vitest';
import { parseDay } from '../../domain/dates.ts';
import { computeMetrics, maxDrawdownOf } from './backtest-metrics.ts';
import { DEFAULT_COSTS } from './costs.ts';
import type { BacktestRun } from './run-backtest.ts';

function runOf(returns: number[], turnover: number[], exposure: number[]): BacktestRun {
  const from = parseDay('2022-01-01');
  const equity = [1];
  for (const r of returns) equity.push(equity[equity.length - 1]! * (1 + r));
  return {
    strategyId: 't',
    from,
    to: (from + returns.length) as typeof from,
    costs: DEFAULT_COSTS,
    days: Int32Array.from(equity, (_, k) => from + k),
    equity: Float64Array.from(equity),
    returns: Float64Array.from(returns),
    grossReturns: Float64Array.from(returns),
    turnover: Float64Array.from(turnover),
    costsPaid: Float64Array.from(turnover, (x) => x * 0.001),
    exposure: Float64Array.from(exposure),
    driftedExposure: Float64Array.from(exposure),
    funding: new Float64Array(returns.length),
    positions: null,
    delistings: [],
  };
}

describe('computeMetrics', () => {
  // Equity 1 → 1.1 → 0.99 → 1.089 → 1.2 (peak 1.1 on day 1, trough 0.99 on day 2, recovered day 4).
  const returns = [0.1, -0.1, 0.1, 1.2 / 1.089 - 1];
  const run = runOf(returns, [1, 0, 2, 0.05], [1, 1, 0, 1]);

  it('computes each figure with its sample size', () => {
    const m = computeMetrics(run, runOf([0, 0, 0, 0.1], [1, 0, 0, 0], [1, 1, 1, 1]));
    const mean = returns.reduce((a, b) => a + b, 0) / 4;
    const sd = Math.sqrt(returns.reduce((a, b) => a + (b - mean) ** 2, 0) / 3);
    expect(m.totalReturn).toEqual({ value: expect.closeTo(0.2, 12), sampleSize: 4 });
    expect(m.annualisedReturn.value).toBeCloseTo(1.2 ** (365 / 4) - 1, 6);
    expect(m.sharpe.value).toBeCloseTo((mean / sd) * Math.sqrt(365), 10);
    expect(m.sortino.value).toBeCloseTo((mean / Math.sqrt(0.01 / 4)) * Math.sqrt(365), 10);
    expect(m.maxDrawdown).toMatchObject({ value: expect.closeTo(0.1, 12), peakDate: '2022-01-02', troughDate: '2022-01-03', recoveryDate: '2022-01-05' });
    expect(m.turnover.value).toBeCloseTo(3.05, 12);
    expect(m.exposure).toEqual({ value: 0.75, sampleSize: 4 });
    // Trades: days 0 and 2 (turnover ≥ 10 %); day 2 goes to cash, so one holding period counts: days 1–2 (1.1 × 0.9 < 1).
    expect(m.trades).toEqual({ value: 2, sampleSize: 4 });
    expect(m.hitRate).toEqual({ value: 0, sampleSize: 1 });
    expect(m.excessReturnVsBtc.value).toBeCloseTo(0.2 - 0.1, 12);
  });

  it('is null where undefined', () => {
    const flat = computeMetrics(runOf([0, 0], [0, 0], [0, 0]));
    expect(flat.sharpe).toEqual({ value: null, sampleSize: 2 });
    expect(flat.sortino.value).toBeNull();
    expect(flat.calmar.value).toBeNull();
    expect(flat.hitRate).toEqual({ value: null, sampleSize: 0 });
    expect(flat.excessReturnVsBtc.value).toBeNull();
    expect(maxDrawdownOf(Float64Array.of(1, 2, 3), Int32Array.of(0, 1, 2))).toEqual({ depth: 0, peakDate: null, troughDate: null, recoveryDate: null });
  });
});

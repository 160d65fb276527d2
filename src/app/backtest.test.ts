import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { describeWithSharedData } from '../../test/shared-data.ts';
import { parseDay } from '../domain/dates.ts';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import type { Store } from '../data/store/store.ts';
import { simulateMarket } from '../sim/simulate-market.ts';
import { writeSimulatedMarket } from '../sim/write-simulated-market.ts';
import { parseSweepAxis } from '../analytics/backtest/parameter-grid.ts';
import { backtest } from './backtest.ts';
import { BacktestResultSchema } from './contracts/backtest.ts';
import { readContext } from './read-context.ts';

describe('backtest use case (simulated market)', () => {
  let store: Store;
  const today = parseDay('2020-06-01');
  beforeAll(async () => {
    store = SqliteStore.open(':memory:');
    await writeSimulatedMarket(store, simulateMarket({ seed: 11, years: 3, assets: 25 }));
  });
  afterAll(() => store.close());
  const context = () => readContext(store, { today });

  it('runs one configuration beside BTC buy-and-hold, with the luck statistics, in the contract', async () => {
    const result = await backtest(context(), { strategy: 'asi-regime', parameters: { threshold: 60, window: 30, top: 10 } });
    expect(BacktestResultSchema.parse(result)).toEqual(result);
    expect(result.simulated).toBe(true);
    expect(result.headline).toBe('single');
    expect(result.parameters).toEqual({ threshold: 60, window: 30, top: 10, exit: 'btc' });
    expect(result.curve).toHaveLength(result.metrics.days + 1);
    expect(result.curve[0]).toMatchObject({ equity: 1, btcEquity: 1 });
    expect(result.benchmark.strategy).toBe('hold asset=BTC');
    expect(result.honesty.verdict[0]).toMatch(/^asi-regime \(threshold=60 window=30 top=10 exit=btc\) is (indistinguishable from luck|unlikely to be luck alone)/);
    expect(result.honesty.sharpeInterval!.lower).toBeLessThan(result.honesty.sharpeInterval!.upper);
    expect(Object.keys(result.honesty.explanations)).toEqual(expect.arrayContaining(['probabilisticSharpe', 'deflatedSharpe', 'pbo']));
    // The first day is the warm-up after the first price.
    expect(result.from).toBe('2017-01-31');
  });

  it('sweeps vectorised, deflates the best by the configurations tried and reports PBO', async () => {
    const result = await backtest(context(), { strategy: 'asi-regime', sweep: [parseSweepAxis('threshold=40..80:10'), parseSweepAxis('window=20,40')], parameters: { top: 5 } });
    const sweep = result.sweep!;
    expect(sweep.configurations).toBe(10);
    expect(sweep.evaluation).toBe('vectorised');
    const best = Math.max(...sweep.rows.map((r) => r.sharpe ?? -Infinity));
    expect(sweep.best!.sharpe).toBe(best);
    expect(result.parameters).toEqual(sweep.best!.parameters);
    expect(result.headline).toBe('sweep-best');
    expect(result.honesty.sweep!.trials).toBe(10);
    expect(result.honesty.sweep!.pboSplits).toBe(12870);
    expect(sweep.heatmap!.sharpe).toHaveLength(5);
    expect(Math.max(...sweep.heatmap!.sharpe.flat().map((v) => v ?? -Infinity))).toBe(best);
  });

  it('makes the stitched out-of-sample curve the headline under walk-forward', async () => {
    const result = await backtest(context(), { strategy: 'asi-regime', sweep: [parseSweepAxis('threshold=50,70')], walkForward: { train: 240, test: 120 } });
    expect(result.headline).toBe('walk-forward');
    const wf = result.walkForward!;
    expect(wf.folds.length).toBeGreaterThan(3);
    expect(result.from).toBe(wf.folds[0]!.testFrom);
    expect(result.honesty.verdict[0]).toMatch(/^The stitched out-of-sample curve of asi-regime/);
  });

  it('says clearly what is missing or wrong', async () => {
    await expect(backtest(context(), { strategy: 'sector-momentum' })).rejects.toThrow(/no sectors in the store/);
    await expect(backtest(context(), { strategy: 'momentum' })).rejects.toThrow(/no built-in strategy "momentum"; built-ins: asi-regime/);
    await expect(backtest(context(), { strategy: 'hold', from: parseDay('2030-01-01') })).rejects.toThrow(/from 2030-01-01 is outside the data: the stored prices cover 2017-01-01/);
    await expect(backtest(context(), { strategy: 'hold', parameters: { asset: 'DOGE' } })).rejects.toThrow(/hold asset: expected one of BTC, ETH, alts, btc-eth/);
  });
});

describeWithSharedData('backtest use case on ../shared/data', () => {
  let store: Store;
  beforeAll(() => {
    // test/global-setup.ts imports all of ../shared/data once per run.
    const path = inject('realDataDb');
    if (path === null) throw new Error('the global setup did not build the real-data store');
    store = SqliteStore.open(path, { readOnly: true });
  });
  afterAll(() => store.close());
  const context = () => readContext(store, { today: parseDay('2025-08-01') });

  it('BTC buy-and-hold over 2021 is the close ratio after the 10 bps purchase', async () => {
    const result = await backtest(context(), { strategy: 'hold', from: parseDay('2021-01-01'), to: parseDay('2021-12-31') });
    const panel = await context().panel();
    const btc = panel.assets.find((a) => a.id === 'bitcoin')!;
    const close = (iso: string) => btc.price[parseDay(iso) - btc.firstDay]!;
    expect(result.metrics.totalReturn.value).toBeCloseTo(0.999 * (close('2021-12-31') / close('2021-01-01')) - 1, 6);
    expect(result.benchmark.metrics.totalReturn.value).toBe(result.metrics.totalReturn.value);
    expect(result.metrics.days).toBe(364);
  });

  it('the vectorised sweep ranks the same Sharpe ratios as one engine run per configuration', async () => {
    const range = { from: parseDay('2021-01-01'), to: parseDay('2023-06-30') };
    const swept = await backtest(context(), { strategy: 'asi-regime', sweep: [parseSweepAxis('threshold=60,75')], parameters: { window: 30, top: 20 }, ...range });
    expect(swept.sweep!.evaluation).toBe('vectorised');
    for (const row of swept.sweep!.rows) {
      const single = await backtest(context(), { strategy: 'asi-regime', parameters: row.parameters, ...range });
      expect(single.metrics.sharpe.value).toBeCloseTo(row.sharpe!, 3);
    }
    // The 2021+ universe is the weekly point-in-time top 100: no survivors-only note for 2021-2023.
    expect(swept.notes.some((n) => n.startsWith('survivorship'))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { DayNumber } from '../../domain/dates.ts';
import { makePanel } from '../../domain/make-panel.ts';
import type { Panel } from '../../domain/panel.ts';
import { makeSeries, type DailySeries } from '../../domain/series.ts';
import { simulateMarket } from '../../sim/simulate-market.ts';
import { simulatedInputs } from '../../sim/simulated-inputs.ts';
import { seededRandom } from '../stats/seeded-random.ts';
import { BacktestData, type BacktestInputs } from './backtest-data.ts';
import { BUILTIN_STRATEGIES, findBuiltinStrategy } from './builtin-strategies.ts';
import { runBacktest } from './run-backtest.ts';
import { resolveParameters } from './strategy.ts';

const SECTORS = ['defi', 'layer1', 'meme', 'gaming-metaverse'];

function market(): BacktestInputs {
  const sim = simulateMarket({ seed: 7, years: 3, assets: 24 });
  const { panel, russell } = simulatedInputs(sim);
  const labelled = makePanel(
    panel.assets.map((a, i) => ({
      id: a.id,
      symbol: a.symbol,
      categories: a.id === 'bitcoin' ? [] : [SECTORS[i % SECTORS.length]!],
      firstDay: a.firstDay,
      price: Array.from(a.price),
      marketCap: Array.from(a.marketCap),
    })),
  );
  const btc = labelled.assets.find((a) => a.id === 'bitcoin')!;
  // BTC dominance from the simulated caps (any point-in-time series will do here).
  const days: number[] = [];
  const values: number[] = [];
  for (let d = labelled.firstDay!; d <= labelled.lastDay!; d++) {
    let total = 0;
    for (const a of labelled.assets) {
      const v = a.marketCap[d - a.firstDay];
      if (v !== undefined && Number.isFinite(v)) total += v;
    }
    days.push(d);
    values.push((100 * btc.marketCap[d - btc.firstDay]!) / total);
  }
  return { panel: labelled, russell, btcDominance: makeSeries('btcd', days, values) };
}

/** The same market with every observation after `cut` scrambled. */
function perturbAfter(inputs: BacktestInputs, cut: number): BacktestInputs {
  const random = seededRandom(99);
  const scramble = (v: number) => v * Math.exp(random.normal() * 0.5);
  const panel: Panel = makePanel(
    inputs.panel.assets.map((a) => ({
      id: a.id,
      symbol: a.symbol,
      categories: [...a.categories],
      firstDay: a.firstDay,
      price: Array.from(a.price, (v, i) => (a.firstDay + i > cut ? scramble(v) : v)),
      marketCap: Array.from(a.marketCap, (v, i) => (a.firstDay + i > cut ? scramble(v) : v)),
    })),
  );
  const series = (s: DailySeries) => makeSeries(s.name, s.days, Array.from(s.values, (v, i) => (s.days[i]! > cut ? scramble(v) : v)));
  return { panel, russell: series(inputs.russell!), btcDominance: series(inputs.btcDominance!) };
}

describe('built-in strategies', () => {
  const inputs = market();
  const from = (inputs.panel.firstDay! + 120) as DayNumber;
  const to = inputs.panel.lastDay!;
  const cut = from + 300;
  const perturbed = perturbAfter(inputs, cut);

  const cases: [string, Record<string, number | string>][] = [
    ['asi-regime', { threshold: 60, window: 30, top: 10 }],
    ['dominance-breakdown', { level: 90, average: 20 }],
    ['rut-breakout', { drawdown: 5, hold: 30 }],
    ['sector-momentum', { k: 2, lookback: 20, rebalance: 5 }],
    ['hold', { asset: 'alts' }],
  ];

  it.each(cases)('%s: perturbing the data after t leaves every position and equity value at or before t unchanged', (id, given) => {
    const strategy = findBuiltinStrategy(id)!;
    const parameters = resolveParameters(strategy, given);
    const a = runBacktest(new BacktestData(inputs), strategy, parameters, { from, to, recordPositions: true });
    const b = runBacktest(new BacktestData(perturbed), strategy, parameters, { from, to, recordPositions: true });
    const k = cut - from;
    expect(b.positions!.slice(0, k + 1)).toEqual(a.positions!.slice(0, k + 1));
    expect(Array.from(b.equity.subarray(0, k + 1))).toEqual(Array.from(a.equity.subarray(0, k + 1)));
    // …and the perturbation did change something afterwards (the test can fail).
    expect(Array.from(b.equity.subarray(k + 1))).not.toEqual(Array.from(a.equity.subarray(k + 1)));
    // Each strategy trades something in this market.
    expect(a.exposure.some((x) => x > 0)).toBe(true);
  });

  it('asi-regime holds the top-N basket when the ASI is at or above the threshold, else the exit', () => {
    const data = new BacktestData(inputs);
    const strategy = findBuiltinStrategy('asi-regime')!;
    const p = resolveParameters(strategy, { threshold: 50, window: 30, top: 5, exit: 'cash' });
    const run = runBacktest(data, strategy, p, { from, to, recordPositions: true });
    const asi = data.asi(30);
    run.positions!.forEach((w, k) => {
      const value = asi[data.indexOf(from + k)]!;
      const ids = Object.keys(w);
      if (Number.isFinite(value) && value >= 50) {
        expect(ids.length).toBe(5);
        expect(ids).not.toContain('bitcoin');
        for (const x of Object.values(w)) expect(x).toBeCloseTo(0.2, 12);
      } else expect(ids).toEqual([]);
    });
  });

  it('rejects unknown parameters and out-of-range values, naming them', () => {
    const strategy = findBuiltinStrategy('asi-regime')!;
    expect(() => resolveParameters(strategy, { treshold: 5 })).toThrow(/no parameter "treshold"; its parameters are: threshold, window, top, exit/);
    expect(() => resolveParameters(strategy, { threshold: 150 })).toThrow(/threshold: expected 0 … 100/);
    expect(() => resolveParameters(strategy, { exit: 'eth' })).toThrow(/expected one of btc, cash/);
    expect(BUILTIN_STRATEGIES.map((s) => s.id)).toEqual(['asi-regime', 'dominance-breakdown', 'rut-breakout', 'sector-momentum', 'hold']);
  });
});

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

describe('built-in strategies on a hand-made market', () => {
  const days = 8;
  const flat = (v: number) => Array.from({ length: days }, () => v);
  const panel = makePanel([
    { id: 'bitcoin', symbol: 'BTC', firstDay: '2022-01-03', price: flat(100), marketCap: flat(1e12) },
    { id: 'aaa', symbol: 'AAA', firstDay: '2022-01-03', price: flat(1), marketCap: flat(3e9) },
    { id: 'bbb', symbol: 'BBB', firstDay: '2022-01-03', price: flat(1), marketCap: flat(2e9) },
    { id: 'tether', symbol: 'USDT', firstDay: '2022-01-03', price: flat(1), marketCap: flat(5e9) },
  ]);
  const d0 = panel.firstDay!;
  const run = (id: string, given: Record<string, number | string>, inputs: Partial<BacktestInputs>) => {
    const strategy = findBuiltinStrategy(id)!;
    return runBacktest(new BacktestData({ panel, ...inputs }), strategy, resolveParameters(strategy, given), { from: d0, to: (d0 + days - 1) as DayNumber, recordPositions: true }).positions!;
  };
  const holdsAlts = (w: Record<string, number>) => Object.keys(w).sort().join(',') === 'aaa,bbb';

  it('rut-breakout holds alts from the breakout day for `hold` days, then BTC', () => {
    // Record 100 (day 0), a 20 % drawdown to 80, then 101 on day 3 (Thursday): the breakout.
    const russell = makeSeries('^RUT', [d0, d0 + 1, d0 + 2, d0 + 3, d0 + 4], [100, 80, 90, 101, 102]);
    const positions = run('rut-breakout', { drawdown: 15, hold: 2 }, { russell });
    expect(positions.map(holdsAlts)).toEqual([false, false, false, true, true, false, false]);
    expect(positions[0]).toEqual({ bitcoin: 1 });
    // The basket leaves USDT out (a stablecoin) and weights the two alts equally.
    expect(positions[3]).toEqual({ aaa: 0.5, bbb: 0.5 });
    // A deeper required drawdown: no breakout, BTC throughout.
    expect(run('rut-breakout', { drawdown: 25, hold: 2 }, { russell }).some(holdsAlts)).toBe(false);
  });

  it('dominance-breakdown holds alts while BTC.D is below the level and below its moving average', () => {
    // BTC.D 60, 52, 48, 46, 47, 49, 51, 45 with a 3-day average (including the day).
    const btcDominance = makeSeries('btcd', Array.from({ length: days }, (_, i) => d0 + i), [60, 52, 48, 46, 47, 49, 51, 45]);
    const positions = run('dominance-breakdown', { level: 50, average: 3 }, { btcDominance });
    // Day 2: 48 < 50 and < mean(60, 52, 48) = 53.3 → alts; day 4: 47 < mean(48, 46, 47) = 47 is false → BTC.
    expect(positions.map(holdsAlts)).toEqual([false, false, true, true, false, false, false]);
  });
});

describe('sector-momentum on a hand-made market', () => {
  it('rebalances every `rebalance` days into the k sectors strongest against BTC, equal weight per sector and coin', () => {
    const n = 7;
    const path = (start: number, step: number) => Array.from({ length: n }, (_, i) => start * (1 + step) ** i);
    const panel = makePanel([
      { id: 'bitcoin', symbol: 'BTC', firstDay: '2022-01-03', price: path(100, 0.01), marketCap: path(1e12, 0) },
      { id: 'aaa', symbol: 'AAA', categories: ['defi'], firstDay: '2022-01-03', price: path(1, 0.05), marketCap: path(3e9, 0) },
      { id: 'ccc', symbol: 'CCC', categories: ['defi', 'layer1'], firstDay: '2022-01-03', price: path(1, 0.03), marketCap: path(2e9, 0) },
      { id: 'bbb', symbol: 'BBB', categories: ['meme'], firstDay: '2022-01-03', price: path(1, -0.02), marketCap: path(1e9, 0) },
    ]);
    const strategy = findBuiltinStrategy('sector-momentum')!;
    const d0 = panel.firstDay!;
    const run = runBacktest(new BacktestData({ panel }), strategy, resolveParameters(strategy, { k: 2, lookback: 2, rebalance: 3 }), { from: d0, to: (d0 + n - 1) as DayNumber, recordPositions: true, costs: { feesBps: 0 } });
    const positions = run.positions!;
    // Step 0: no 2-day history yet → BTC. Steps 1, 2: no rebalance, BTC kept.
    expect(positions.slice(0, 3)).toEqual([{ bitcoin: 1 }, { bitcoin: 1 }, { bitcoin: 1 }]);
    // Step 3: defi (mean of +10.25 % and +6.09 %) and layer1 (+6.09 %) beat meme; ½ per sector, split over its coins (CCC is in both).
    expect(positions[3]).toEqual({ aaa: 0.25, ccc: 0.75 });
    expect(run.turnover[3]).toBeCloseTo(2, 12);
    // Step 4: the drifted weights are kept (no trade).
    expect(run.turnover[4]).toBe(0);
    expect(Object.keys(positions[4]!).sort()).toEqual(['aaa', 'ccc']);
    // With one primary sector per coin (sector rotation's labels), CCC counts for layer1 only.
    const primary: Record<string, string> = { aaa: 'defi', bbb: 'meme', bitcoin: 'unclassified', ccc: 'layer1' };
    const labelled = new BacktestData({ panel, sectorLabels: panel.assets.map((a) => primary[a.id]!) });
    const again = runBacktest(labelled, strategy, resolveParameters(strategy, { k: 2, lookback: 2, rebalance: 3 }), { from: d0, to: (d0 + n - 1) as DayNumber, recordPositions: true, costs: { feesBps: 0 } });
    expect(again.positions![3]).toEqual({ aaa: 0.5, ccc: 0.5 });
  });
});

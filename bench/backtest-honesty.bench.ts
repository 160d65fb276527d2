/**
 * Does the sweep's honesty hold? asi-regime is swept (threshold × window × top, 66 configurations)
 * on simulated markets, and the deflated Sharpe ratio of the best configuration is computed as
 * `altseason backtest --sweep` does (N = configurations tried):
 *
 *  1. No edge: every coin's daily simple return is zero-mean noise around a common factor
 *     (P_t = P_{t−1}·(1 + ε)), so every configuration's true Sharpe is 0 (no fees). The best
 *     configuration's DSR must not be significant (≥ 95 %) in at least 95 % of the seeds; its raw
 *     PSR, which ignores the selection, is shown beside it.
 *  2. A planted edge: alts drift up in persistent "alt seasons" and down otherwise (a two-state
 *     Markov regime, mean length 120 days); the ASI sees a season once it has run a while. The
 *     sweep's best should be found significant.
 *
 * `npm run bench -- backtest-honesty`. Prints figures only.
 */
import { asiRegimeEvaluator } from '../src/analytics/backtest/asi-regime-sweep.ts';
import { BacktestData } from '../src/analytics/backtest/backtest-data.ts';
import { ASI_REGIME } from '../src/analytics/backtest/builtin-strategies.ts';
import { ParameterGrid, parseSweepAxis } from '../src/analytics/backtest/parameter-grid.ts';
import { runSweep } from '../src/analytics/backtest/sweep.ts';
import { probabilityOfBacktestOverfitting } from '../src/analytics/stats/backtest-overfitting.ts';
import { seededRandom } from '../src/analytics/stats/seeded-random.ts';
import { deflatedSharpeRatio, probabilisticSharpeRatio, sharpeEstimate, varianceOfSharpes } from '../src/analytics/stats/sharpe-statistics.ts';
import type { DayNumber } from '../src/domain/dates.ts';
import { makePanel, type PanelAssetSpec } from '../src/domain/make-panel.ts';
import type { Panel } from '../src/domain/panel.ts';

const NO_EDGE_SEEDS = 100;
const EDGE_SEEDS = 20;
/** Planted alt drift per day, ± by regime. */
const EDGES = [0.004, 0.008];
const PBO_SEEDS = 10;
const ALTS = 60;
const DAYS = 1500;
const AXES = ['threshold=40..90:5', 'window=30,60,90', 'top=5,10'];

/** One market; `edge` > 0 plants the alt-season drift (per day, ± edge). */
function market(seed: number, edge: number): Panel {
  const random = seededRandom(seed);
  const factor = Array.from({ length: DAYS }, () => 0.02 * random.normal());
  const regime: number[] = [];
  let season = random.uniform() < 0.5 ? 1 : -1;
  for (let d = 0; d < DAYS; d++) {
    if (random.uniform() < 1 / 120) season = -season;
    regime.push(season);
  }
  const coin = (id: string, symbol: string, volatility: number, supply: number, drift: (d: number) => number): PanelAssetSpec => {
    let price = 1;
    const prices = factor.map((f, d) => (price *= Math.max(0.05, 1 + f + volatility * random.normal() + drift(d))));
    return { id, symbol, firstDay: '2019-01-01', price: prices, marketCap: prices.map((p) => p * supply) };
  };
  const specs = [coin('bitcoin', 'BTC', 0.01, 1e12, () => 0)];
  for (let i = 0; i < ALTS; i++) specs.push(coin(`alt${i}`, `A${i}`, 0.01 + 0.03 * random.uniform(), 10 ** (8 + 3 * random.uniform()), (d) => edge * regime[d]!));
  return makePanel(specs);
}

interface Trial {
  dsr: number | null;
  psr: number | null;
  bestSharpe: number;
  pbo: number | null;
}

function trial(seed: number, edge: number, withPbo: boolean): Trial {
  const data = new BacktestData({ panel: market(seed, edge) });
  const grid = new ParameterGrid(ASI_REGIME, { exit: 'cash' }, AXES.map((a) => parseSweepAxis(a)));
  const from = (data.firstDay + 90) as DayNumber;
  const evaluator = asiRegimeEvaluator(data, grid, from, data.lastDay, { feesBps: 0 });
  const summary = runSweep(evaluator, grid.count, { keep: withPbo ? grid.count : 0 });
  const best = new Float64Array(evaluator.length);
  evaluator.evaluate(summary.best, best);
  const estimate = sharpeEstimate(best)!;
  const V = varianceOfSharpes(Array.from(summary.sharpe, (s) => (Number.isFinite(s) ? s : null)))!;
  return {
    dsr: deflatedSharpeRatio(estimate, { trials: grid.count, varianceOfTrialSharpes: V })?.deflatedSharpe ?? null,
    psr: probabilisticSharpeRatio(estimate),
    bestSharpe: estimate.sharpe * Math.sqrt(365),
    pbo: withPbo ? probabilityOfBacktestOverfitting(summary.kept).pbo : null,
  };
}

const share = (xs: readonly boolean[]) => `${((100 * xs.filter(Boolean).length) / xs.length).toFixed(0)} %`;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export default function run(): string[] {
  const grid = new ParameterGrid(ASI_REGIME, { exit: 'cash' }, AXES.map((a) => parseSweepAxis(a)));
  const lines = [`asi-regime sweep ${AXES.join(' ')} exit=cash: ${grid.count} configurations; markets of BTC + ${ALTS} alts over ${DAYS} days, no fees`];
  const started = performance.now();
  const none = Array.from({ length: NO_EDGE_SEEDS }, (_, s) => trial(1000 + s, 0, s < PBO_SEEDS));
  const dsrSignificant = none.map((t) => (t.dsr ?? 0) >= 0.95);
  const psrSignificant = none.map((t) => (t.psr ?? 0) >= 0.95);
  lines.push(`no edge, ${NO_EDGE_SEEDS} seeds: best configuration's DSR significant (≥ 95 %) in ${share(dsrSignificant)} of seeds (not significant in ${share(dsrSignificant.map((x) => !x))}; target ≥ 95 %)`);
  lines.push(`  its raw PSR (ignoring the ${grid.count} trials) would call ${share(psrSignificant)} significant; mean best annual Sharpe ${mean(none.map((t) => t.bestSharpe)).toFixed(2)}; mean PBO over ${PBO_SEEDS} seeds ${mean(none.slice(0, PBO_SEEDS).map((t) => t.pbo!)).toFixed(2)}`);
  for (const edge of EDGES) {
    const planted = Array.from({ length: EDGE_SEEDS }, (_, s) => trial(5000 + s, edge, s < PBO_SEEDS));
    lines.push(
      `planted edge (alts ±${(edge * 100).toFixed(1)} %/day by regime), ${EDGE_SEEDS} seeds: best configuration's DSR significant in ${share(planted.map((t) => (t.dsr ?? 0) >= 0.95))}; mean best annual Sharpe ${mean(planted.map((t) => t.bestSharpe)).toFixed(2)}; mean PBO over ${PBO_SEEDS} seeds ${mean(planted.slice(0, PBO_SEEDS).map((t) => t.pbo!)).toFixed(2)}`,
    );
  }
  lines.push(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return lines;
}

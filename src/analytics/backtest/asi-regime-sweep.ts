/**
 * asi-regime over a grid, vectorised. A configuration (threshold θ, window W, top N, exit) is each
 * day in one of three states: the top-N basket (B), BTC (X) or cash (C). Everything that does not
 * depend on θ is computed once: the ASI per window; per N, one engine run of "always the top-N
 * basket" (its gross return per day, its daily re-weighting turnover, its gross weight before and
 * after each trade); one run of BTC. A configuration is then a pass over typed arrays:
 *   state(t) = ASI_W(t) ≥ θ ? B : exit;  r(t+1) = (1 − c·τ(t)) · (1 + G_state(t)(t+1)) − 1,
 * with the turnover τ of each transition taken from the precomputed runs (B→B the basket's
 * re-weighting, B→X its drifted weight + 1, X→B 1 + the new basket's weight, …). The result is the
 * engine's own (tested equal to runBacktest per configuration, fees, delistings and all).
 */
import type { DayNumber } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import type { BacktestData } from './backtest-data.ts';
import { ASI_REGIME, HOLD } from './builtin-strategies.ts';
import { costPerTurnover, resolveCosts, type CostOptions } from './costs.ts';
import type { ParameterGrid } from './parameter-grid.ts';
import { equalWeights } from './point-in-time-view.ts';
import { runBacktest, type BacktestRun } from './run-backtest.ts';
import type { StrategyDefinition } from './strategy.ts';
import type { SweepEvaluator } from './sweep.ts';

const B = 0;
const X = 1;
const C = 2;

function basketStrategy(top: number): StrategyDefinition {
  return { id: `top-${top} basket`, description: '', parameters: [], warmupDays: () => 0, decide: (view) => equalWeights(view.topAlts(top)) };
}

interface BasketArrays {
  gross: Float64Array;
  turnover: Float64Array;
  exposure: Float64Array;
  drifted: Float64Array;
}

function arraysOf(run: BacktestRun): BasketArrays {
  return { gross: run.grossReturns, turnover: run.turnover, exposure: run.exposure, drifted: run.driftedExposure };
}

export interface AsiRegimePrecomputed {
  from: DayNumber;
  to: DayNumber;
  length: number;
  /** ASI per decision day (from … to − 1) for each window. */
  asi: Map<number, Float64Array>;
  baskets: Map<number, BasketArrays>;
  btc: Float64Array;
  rate: number;
}

/** Precomputes what asi-regime's configurations share (the ASI per window, one run per basket size). */
export function precomputeAsiRegime(data: BacktestData, windows: readonly number[], tops: readonly number[], from: DayNumber, to: DayNumber, costs: Partial<CostOptions>): AsiRegimePrecomputed {
  const resolved = resolveCosts(costs);
  if (resolved.funding || resolved.maxGross !== 1) throw new InvalidInputError('asi-regime sweep: funding and leverage do not apply (the strategy is never leveraged)');
  const T = to - from;
  const start = data.indexOf(from);
  const series = data.asiSeries(windows);
  const asi = new Map<number, Float64Array>();
  windows.forEach((w, k) => asi.set(w, series[k]!.slice(start, start + T)));
  const baskets = new Map<number, BasketArrays>();
  for (const top of tops) baskets.set(top, arraysOf(runBacktest(data, basketStrategy(top), {}, { from, to, costs })));
  const btc = runBacktest(data, HOLD, { asset: 'BTC' }, { from, to, costs }).grossReturns;
  return { from, to, length: T, asi, baskets, btc, rate: costPerTurnover(resolved) };
}

/**
 * Fills `out` with the daily returns of one configuration. `states` is scratch space (length T).
 */
export function asiRegimeReturns(pre: AsiRegimePrecomputed, threshold: number, window: number, top: number, exit: 'btc' | 'cash', out: Float64Array): void {
  const asi = pre.asi.get(window)!;
  const basket = pre.baskets.get(top)!;
  const { gross, turnover, exposure, drifted } = basket;
  const btc = pre.btc;
  const rate = pre.rate;
  const exitState = exit === 'btc' ? X : C;
  let previous = C;
  for (let t = 0; t < pre.length; t++) {
    // NaN ≥ θ is false: an undefined ASI holds the exit.
    const state = asi[t]! >= threshold ? B : exitState;
    let tau: number;
    if (state === B) {
      tau = previous === B ? turnover[t]! : previous === X ? 1 + exposure[t]! : exposure[t]!;
      out[t] = (1 - rate * tau) * (1 + gross[t]!) - 1;
    } else {
      if (previous === B) tau = drifted[t]! + (state === X ? 1 : 0);
      else tau = previous === state ? 0 : 1;
      out[t] = state === X ? (1 - rate * tau) * (1 + btc[t]!) - 1 : -rate * tau;
    }
    previous = state;
  }
}

/** The windows and basket sizes an asi-regime grid needs precomputed. */
export function asiRegimeGridValues(grid: ParameterGrid, name: string): number[] {
  const axis = grid.axes.find((a) => a.name === name);
  if (axis) return axis.values.map(Number);
  return [Number(grid.parameters(0)[name])];
}

/** The vectorised evaluator of an asi-regime grid. */
export function asiRegimeEvaluator(data: BacktestData, grid: ParameterGrid, from: DayNumber, to: DayNumber, costs: Partial<CostOptions>): SweepEvaluator {
  if (grid.strategy.id !== ASI_REGIME.id) throw new InvalidInputError(`vectorised sweep: only for ${ASI_REGIME.id}, not ${grid.strategy.id}`);
  return asiRegimeGridEvaluator(precomputeAsiRegime(data, asiRegimeGridValues(grid, 'window'), asiRegimeGridValues(grid, 'top'), from, to, costs), grid);
}

/**
 * The vectorised evaluator over a precomputation (plain typed arrays and maps: a worker thread
 * receives it by structured clone and evaluates its part of the grid without the panel).
 */
export function asiRegimeGridEvaluator(pre: AsiRegimePrecomputed, grid: ParameterGrid): SweepEvaluator {
  if (grid.strategy.id !== ASI_REGIME.id) throw new InvalidInputError(`vectorised sweep: only for ${ASI_REGIME.id}, not ${grid.strategy.id}`);
  // Resolving parameters per configuration costs more than the pass itself: decode the grid here.
  const axisOf = (name: string) => grid.axes.findIndex((a) => a.name === name);
  const defaults = grid.parameters(0);
  const axes = ['threshold', 'window', 'top', 'exit'].map(axisOf);
  return {
    length: pre.length,
    evaluate(index, out) {
      const c = grid.coordinates(index);
      const pick = (k: number, name: string) => (axes[k]! >= 0 ? grid.axes[axes[k]!]!.values[c[axes[k]!]!]! : defaults[name]!);
      asiRegimeReturns(pre, Number(pick(0, 'threshold')), Number(pick(1, 'window')), Number(pick(2, 'top')), String(pick(3, 'exit')).toLowerCase() === 'cash' ? 'cash' : 'btc', out);
    },
  };
}

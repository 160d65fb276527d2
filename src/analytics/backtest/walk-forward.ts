/**
 * Rolling walk-forward with a stitched out-of-sample curve (METHODS.md). Fold k: in-sample
 * [t_k − L_is, t_k), out-of-sample [t_k, t_k + L_oos), t_{k+1} = t_k + L_oos, so the test windows
 * tile. Per fold the configuration with the best in-sample Sharpe is chosen from the in-sample
 * returns only (every configuration is run once over the whole span; its returns on days up to t_k
 * depend on data up to t_k only, the engine's point-in-time guarantee), frozen, and traded on the
 * test window. The stitched run is ONE engine run whose parameters change at each t_k: equity
 * compounds across folds, positions the new parameters keep are kept, others are rebalanced with
 * costs. The holding horizon is one day, so no in-sample label reaches into a test window (no
 * purge or embargo is needed beyond the fold boundary). The headline is the stitched curve, never
 * the in-sample best.
 */
import { addDays, isoDateOf, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import type { BacktestData } from './backtest-data.ts';
import { DAYS_PER_YEAR } from './backtest-metrics.ts';
import type { CostOptions } from './costs.ts';
import type { ParameterGrid } from './parameter-grid.ts';
import { runBacktest, type BacktestRun, type ScheduledParameters } from './run-backtest.ts';
import type { StrategyParameters } from './strategy.ts';
import type { SweepRunOptions } from './sweep.ts';

export interface WalkForwardFold {
  trainFrom: string;
  trainTo: string;
  testFrom: string;
  testTo: string;
  /** Index of the chosen configuration and its parameters. */
  chosen: number;
  parameters: StrategyParameters;
  /** Per-period Sharpe and annualised return of the chosen configuration in-sample. */
  inSampleSharpe: number | null;
  inSampleAnnualReturn: number | null;
  /** The same on the test window (of the stitched run). */
  outOfSampleSharpe: number | null;
  outOfSampleAnnualReturn: number | null;
  /** Configurations evaluated in-sample (N_k). */
  trials: number;
}

export interface WalkForwardPlan {
  train: number;
  test: number;
  /** Fold k's boundary t_k, and the end of the last test window. */
  boundaries: DayNumber[];
  end: DayNumber;
}

/** Parses "365:90" (TRAIN:TEST days). */
export function parseWalkForward(text: string, flag = '--walk-forward'): { train: number; test: number } {
  const match = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(text);
  if (!match) throw new InvalidInputError(`${flag}: expected TRAIN:TEST in days, e.g. 365:90, got ${JSON.stringify(text)}`);
  const train = Number(match[1]);
  const test = Number(match[2]);
  if (train < 30 || test < 7) throw new InvalidInputError(`${flag}: expected at least 30 training and 7 test days, got ${train}:${test}`);
  return { train, test };
}

export function planWalkForward(from: DayNumber, to: DayNumber, train: number, test: number): WalkForwardPlan {
  const boundaries: DayNumber[] = [];
  for (let t = addDays(from, train); t < to; t = addDays(t, test)) boundaries.push(t);
  if (boundaries.length === 0) {
    throw new InvalidInputError(`--walk-forward ${train}:${test}: the range ${isoDateOf(from)} … ${isoDateOf(to)} (${to - from} days) is shorter than one training window plus a test day`);
  }
  return { train, test, boundaries, end: to };
}

/** Per fold: the chosen configuration, its in-sample Sharpe and annualised return. */
export interface FoldChoices {
  bestIndex: Int32Array;
  bestSharpe: Float64Array;
  bestAnnualReturn: Float64Array;
}

/**
 * Per-fold in-sample selection, fed one configuration at a time (SweepRunOptions.onConfiguration
 * of the sweep over from … to).
 */
export class FoldSelector {
  private readonly prefix: Float64Array;
  private readonly prefixSquares: Float64Array;
  private readonly prefixLog: Float64Array;
  readonly bestIndex: Int32Array;
  readonly bestSharpe: Float64Array;
  readonly bestAnnualReturn: Float64Array;

  constructor(
    private readonly from: DayNumber,
    private readonly plan: WalkForwardPlan,
    length: number,
  ) {
    this.prefix = new Float64Array(length + 1);
    this.prefixSquares = new Float64Array(length + 1);
    this.prefixLog = new Float64Array(length + 1);
    const folds = plan.boundaries.length;
    this.bestIndex = new Int32Array(folds).fill(-1);
    this.bestSharpe = new Float64Array(folds).fill(Number.NEGATIVE_INFINITY);
    this.bestAnnualReturn = new Float64Array(folds).fill(Number.NaN);
  }

  /** The in-sample return indices of fold k: days t_k − train + 1 … t_k. */
  private window(k: number): [number, number] {
    const t = this.plan.boundaries[k]! - this.from;
    return [Math.max(0, t - this.plan.train), t];
  }

  /** What this selector chose per fold so far (a worker's part of the sweep sends it back). */
  choices(): FoldChoices {
    return { bestIndex: this.bestIndex, bestSharpe: this.bestSharpe, bestAnnualReturn: this.bestAnnualReturn };
  }

  /**
   * Takes another selector's choices over later configurations (parts absorbed in index order):
   * a fold's choice changes only on a strictly higher Sharpe, so the first configuration keeps a
   * tie, exactly as when one selector sees every configuration.
   */
  absorb(later: FoldChoices): void {
    for (let k = 0; k < this.bestIndex.length; k++) {
      if (later.bestSharpe[k]! > this.bestSharpe[k]!) {
        this.bestSharpe[k] = later.bestSharpe[k]!;
        this.bestIndex[k] = later.bestIndex[k]!;
        this.bestAnnualReturn[k] = later.bestAnnualReturn[k]!;
      }
    }
  }

  readonly onConfiguration: NonNullable<SweepRunOptions['onConfiguration']> = (index, returns) => {
    for (let t = 0; t < returns.length; t++) {
      const r = returns[t]!;
      this.prefix[t + 1] = this.prefix[t]! + r;
      this.prefixSquares[t + 1] = this.prefixSquares[t]! + r * r;
      this.prefixLog[t + 1] = this.prefixLog[t]! + Math.log1p(Math.max(r, -1 + 1e-15));
    }
    for (let k = 0; k < this.plan.boundaries.length; k++) {
      const [a, b] = this.window(k);
      const n = b - a;
      const sum = this.prefix[b]! - this.prefix[a]!;
      const mean = sum / n;
      const variance = (this.prefixSquares[b]! - this.prefixSquares[a]! - sum * mean) / (n - 1);
      const sharpe = variance > 1e-300 ? mean / Math.sqrt(variance) : Number.NaN;
      if (sharpe > this.bestSharpe[k]!) {
        this.bestSharpe[k] = sharpe;
        this.bestIndex[k] = index;
        this.bestAnnualReturn[k] = Math.exp(((this.prefixLog[b]! - this.prefixLog[a]!) * DAYS_PER_YEAR) / n) - 1;
      }
    }
  };
}

export interface WalkForwardResult {
  plan: WalkForwardPlan;
  folds: WalkForwardFold[];
  /** The stitched out-of-sample run (from the first t_k to the end). */
  stitched: BacktestRun;
  /** Annualised stitched OOS return / mean annualised in-sample return of the chosen; null when IS ≤ 0. */
  efficiency: number | null;
  /** Trials per fold (the largest N_k), for the stitched curve's DSR. */
  trials: number;
}

function sliceStats(returns: Float64Array, a: number, b: number): { sharpe: number | null; annual: number | null } {
  const n = b - a;
  if (n < 2) return { sharpe: null, annual: null };
  let sum = 0;
  let ss = 0;
  let log = 0;
  for (let t = a; t < b; t++) {
    sum += returns[t]!;
    ss += returns[t]! ** 2;
    log += Math.log1p(returns[t]!);
  }
  const mean = sum / n;
  const variance = (ss - sum * mean) / (n - 1);
  return { sharpe: variance > 1e-300 ? mean / Math.sqrt(variance) : null, annual: Number.isFinite(log) ? Math.exp((log * DAYS_PER_YEAR) / n) - 1 : null };
}

/** Stitches the folds chosen by `selector` into one out-of-sample run. */
export function stitchWalkForward(data: BacktestData, grid: ParameterGrid, selector: FoldSelector, plan: WalkForwardPlan, costs: Partial<CostOptions>): WalkForwardResult {
  const schedule: ScheduledParameters[] = plan.boundaries.map((t, k) => ({ fromDay: t, parameters: grid.parameters(Math.max(0, selector.bestIndex[k]!)) }));
  const start = plan.boundaries[0]!;
  const stitched = runBacktest(data, grid.strategy, schedule, { from: start, to: plan.end, costs, recordPositions: false });
  const iso = (d: number) => isoDateOf(d as DayNumber);
  const folds = plan.boundaries.map((t, k): WalkForwardFold => {
    const testEnd = Math.min(t + plan.test, plan.end);
    const oos = sliceStats(stitched.returns, t - start, testEnd - start);
    return {
      trainFrom: iso(t - plan.train),
      trainTo: iso(t - 1),
      testFrom: iso(t),
      testTo: iso(testEnd),
      chosen: selector.bestIndex[k]!,
      parameters: schedule[k]!.parameters,
      inSampleSharpe: Number.isFinite(selector.bestSharpe[k]!) ? selector.bestSharpe[k]! : null,
      inSampleAnnualReturn: Number.isFinite(selector.bestAnnualReturn[k]!) ? selector.bestAnnualReturn[k]! : null,
      outOfSampleSharpe: oos.sharpe,
      outOfSampleAnnualReturn: oos.annual,
      trials: grid.count,
    };
  });
  const isReturns = folds.map((f) => f.inSampleAnnualReturn).filter((x): x is number => x !== null);
  const meanIs = isReturns.length ? isReturns.reduce((a, b) => a + b, 0) / isReturns.length : null;
  const whole = sliceStats(stitched.returns, 0, stitched.returns.length);
  const efficiency = meanIs !== null && meanIs > 0 && whole.annual !== null ? whole.annual / meanIs : null;
  return { plan, folds, stitched, efficiency, trials: grid.count };
}

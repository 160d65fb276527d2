/**
 * Whether a backtest's result could be luck. For one series: the probabilistic Sharpe ratio
 * PSR(0), the minimum track record length, and block-bootstrap intervals for the Sharpe ratio and
 * the excess return over BTC. For a sweep, on top: the deflated Sharpe ratio of the best
 * configuration (N = the configurations tried, V = the variance of their per-period Sharpe
 * ratios), the effective number of trials on the kept sample of series, and the probability of
 * backtest overfitting by CSCV. Formulas: ../shared/METHODS.md; the statistics themselves live in
 * analytics/stats (sharpe-statistics, backtest-overfitting, block-bootstrap).
 */
import { overfittingFromBlocks, probabilityOfBacktestOverfitting, type BacktestOverfitting } from '../stats/backtest-overfitting.ts';
import { blockBootstrapInterval, type BootstrapInterval } from '../stats/block-bootstrap.ts';
import {
  deflatedSharpeRatio,
  effectiveNumberOfTrials,
  minimumTrackRecordLength,
  probabilisticSharpeRatio,
  sharpeEstimate,
  varianceOfSharpes,
  type DeflatedSharpe,
  type SharpeEstimate,
} from '../stats/sharpe-statistics.ts';
import { formatPercent, formatReturn } from '../../domain/units.ts';
import { DAYS_PER_YEAR } from './backtest-metrics.ts';
import type { SweepSummary } from './sweep.ts';

export const SIGNIFICANT = 0.95;
/** The effective number of trials clusters at most this many of the kept series (O(n²) correlations). */
export const EFFECTIVE_TRIALS_SAMPLE = 200;

export interface SeriesHonesty {
  estimate: SharpeEstimate | null;
  /** PSR(0): probability that the true Sharpe is above 0. */
  psr: number | null;
  /** Days of track record needed for PSR(0) ≥ 95 % at this Sharpe, skewness and kurtosis. */
  minTrackRecordDays: number | null;
  /** Block-bootstrap interval of the per-period Sharpe ratio and of the mean daily excess return over BTC. */
  sharpeInterval: BootstrapInterval | null;
  excessInterval: BootstrapInterval | null;
}

export interface SweepHonesty {
  trials: number;
  effectiveTrials: { value: number; basedOn: number } | null;
  varianceOfTrialSharpes: number | null;
  deflated: DeflatedSharpe | null;
  pbo: BacktestOverfitting | null;
  /** Why PBO is missing (too few configurations or days), or that it covers an evenly spaced sample of a grid above PBO_MAX_CONFIGURATIONS. */
  pboNote: string | null;
}

export interface HonestyOptions {
  seed?: number;
  replicates?: number;
  blocks?: number;
  /** PBO already ranked from the summary's block sums (on several threads); else it is ranked here. */
  overfitting?: BacktestOverfitting | null;
}

export function seriesHonesty(returns: Float64Array, btcReturns: Float64Array | null, options: HonestyOptions = {}): SeriesHonesty {
  const estimate = sharpeEstimate(returns);
  const bootstrap = { seed: options.seed ?? 1, replicates: options.replicates ?? 2000 };
  let excessInterval: BootstrapInterval | null = null;
  if (btcReturns) {
    const excess = new Float64Array(returns.length);
    for (let i = 0; i < returns.length; i++) excess[i] = returns[i]! - btcReturns[i]!;
    excessInterval = blockBootstrapInterval(excess, { ...bootstrap, statistic: 'mean' });
  }
  return {
    estimate,
    psr: estimate ? probabilisticSharpeRatio(estimate) : null,
    minTrackRecordDays: estimate ? minimumTrackRecordLength(estimate) : null,
    sharpeInterval: blockBootstrapInterval(returns, { ...bootstrap, statistic: 'sharpe' }),
    excessInterval,
  };
}

export function sweepHonesty(summary: SweepSummary, bestReturns: Float64Array, options: HonestyOptions = {}): SweepHonesty {
  const sharpes = Array.from(summary.sharpe, (s) => (Number.isFinite(s) ? s : null));
  const V = summary.configurations >= 2 ? varianceOfSharpes(sharpes) : null;
  const estimate = sharpeEstimate(bestReturns);
  const deflated = estimate && V !== null ? deflatedSharpeRatio(estimate, { trials: summary.configurations, varianceOfTrialSharpes: V }) : null;
  let effectiveTrials: SweepHonesty['effectiveTrials'] = null;
  if (summary.kept.length >= 2) {
    const step = Math.ceil(summary.kept.length / EFFECTIVE_TRIALS_SAMPLE);
    const sample = summary.kept.filter((_, k) => k % step === 0);
    effectiveTrials = { value: effectiveNumberOfTrials(sample).effective, basedOn: sample.length };
  }
  let pbo: BacktestOverfitting | null = null;
  let pboNote: string | null = null;
  const blocks = options.blocks ?? 16;
  if (summary.configurations < 2) pboNote = 'PBO needs at least 2 configurations';
  else if (summary.cscv && summary.cscv.blocks === blocks) {
    pbo = options.overfitting ?? overfittingFromBlocks(summary.cscv);
    pboNote = summary.cscvNote; // set when the grid was sampled
  }
  else if (summary.cscvNote) pboNote = summary.cscvNote;
  else if (summary.kept.length < 2) pboNote = 'PBO needs at least 2 configurations';
  else {
    try {
      // Block sums for another S were not kept: the sample of kept series is all there is.
      pbo = probabilityOfBacktestOverfitting(summary.kept, { blocks });
    } catch (error) {
      pboNote = error instanceof Error ? error.message : String(error);
    }
  }
  return { trials: summary.configurations, effectiveTrials, varianceOfTrialSharpes: V, deflated, pbo, pboNote };
}

export interface Verdict {
  /** True when nothing says the result is more than luck. */
  indistinguishableFromLuck: boolean;
  /** Plain sentences, the first one the headline. */
  lines: string[];
}

const pct = (x: number) => formatPercent(x * 100, 1);
const annualSharpe = (perPeriod: number) => (perPeriod * Math.sqrt(DAYS_PER_YEAR)).toFixed(2).replace(/^-/, '−');

/** The plain statement a report leads with. */
export function verdictOf(series: SeriesHonesty, sweep: SweepHonesty | null, subject: string): Verdict {
  const lines: string[] = [];
  const reasons: string[] = [];
  const sharpeLow = series.sharpeInterval ? series.sharpeInterval.lower : null;
  if (sweep) {
    const dsr = sweep.deflated?.deflatedSharpe ?? null;
    if (dsr === null) reasons.push('its deflated Sharpe ratio is undefined');
    else if (dsr < SIGNIFICANT) reasons.push(`its deflated Sharpe ratio is ${pct(dsr)} (< 95 %) after ${sweep.trials} configurations tried`);
    if (sweep.pbo && sweep.pbo.pbo > 0.5) reasons.push(`the probability of backtest overfitting is ${pct(sweep.pbo.pbo)}`);
  } else if (series.psr === null || series.psr < SIGNIFICANT) reasons.push(`its probabilistic Sharpe ratio is ${series.psr === null ? 'undefined' : pct(series.psr)} (< 95 %)`);
  const excess = series.excessInterval;
  const beatsBtcUnclear = excess !== null && excess.lower <= 0 && excess.upper >= 0 && !(excess.lower === 0 && excess.upper === 0);
  if (sharpeLow !== null && sharpeLow <= 0) reasons.push(`the 95 % bootstrap interval of its Sharpe ratio (${annualSharpe(sharpeLow)} … ${annualSharpe(series.sharpeInterval!.upper)} a year) includes 0`);
  if (beatsBtcUnclear) reasons.push('the 95 % bootstrap interval of its excess return over BTC buy-and-hold includes 0');
  const luck = reasons.length > 0;
  lines.push(
    luck
      ? `${subject} is indistinguishable from luck: ${reasons.join('; ')}.`
      : `${subject} is unlikely to be luck alone: ${sweep ? `deflated Sharpe ${pct(sweep.deflated!.deflatedSharpe)} after ${sweep.trials} configurations` : `PSR ${pct(series.psr!)}`}, bootstrap intervals of its Sharpe ratio and of its excess over BTC above 0.`,
  );
  if (series.excessInterval) {
    const { lower, upper } = series.excessInterval;
    lines.push(`Excess return over BTC: 95 % interval ${formatReturn(lower * DAYS_PER_YEAR)} … ${formatReturn(upper * DAYS_PER_YEAR)} a year (mean daily excess × 365)${beatsBtcUnclear ? ', which includes 0' : ''}.`);
  }
  return { indistinguishableFromLuck: luck, lines };
}

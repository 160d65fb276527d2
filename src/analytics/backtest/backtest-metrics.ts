/**
 * Performance figures of a backtest run, each with its sample size and null where the data do not
 * define it (a Sharpe ratio of a constant series, a Calmar ratio without a drawdown). Daily
 * returns; annualised for display with 365 days (crypto trades every day): return
 * (1 + total)^(365/T) − 1, volatility σ·√365, Sharpe μ/σ·√365, Sortino μ/σ₋·√365 with the downside
 * deviation σ₋ = √(mean(min(r, 0)²)). A trade is a decision day whose turnover is at least 10 % of
 * equity (a switch, not the basket's daily re-weighting); the hit rate is the share of trades whose
 * holding period (to the next trade) had a positive compounded return.
 */
import { isoDateOf, type DayNumber } from '../../domain/dates.ts';
import type { BacktestRun } from './run-backtest.ts';

export const DAYS_PER_YEAR = 365;
export const TRADE_TURNOVER = 0.1;

export interface Figure {
  value: number | null;
  /** Observations behind the figure (days, trades). */
  sampleSize: number;
}

export interface Drawdown {
  /** Largest peak-to-trough fall of equity, as a positive fraction (0.4 = −40 %). */
  depth: number;
  peakDate: string | null;
  troughDate: string | null;
  /** First close back at the peak, null when not recovered. */
  recoveryDate: string | null;
}

export interface BacktestMetrics {
  days: number;
  totalReturn: Figure;
  annualisedReturn: Figure;
  volatility: Figure;
  sharpe: Figure;
  sortino: Figure;
  maxDrawdown: Figure & Drawdown;
  calmar: Figure;
  /** Σ turnover over the run and per year. */
  turnover: Figure;
  annualTurnover: Figure;
  /** Share of decision days with any exposure; mean gross weight. */
  exposure: Figure;
  meanGross: Figure;
  trades: Figure;
  hitRate: Figure;
  /** Total return minus BTC buy-and-hold's over the same days (null without the benchmark). */
  excessReturnVsBtc: Figure;
  annualisedExcessVsBtc: Figure;
  costsPaid: Figure;
}

const fig = (value: number | null, sampleSize: number): Figure => ({ value: value !== null && Number.isFinite(value) ? value : null, sampleSize });

/** Mean and sample standard deviation (n − 1) of a typed array, null when undefined. */
export function meanAndDeviation(values: ArrayLike<number>): { mean: number | null; sd: number | null } {
  const n = values.length;
  if (n === 0) return { mean: null, sd: null };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  if (n < 2) return { mean, sd: null };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}

export function maxDrawdownOf(equity: Float64Array, days: Int32Array): Drawdown {
  let peak = equity[0] ?? 1;
  let peakAt = 0;
  let depth = 0;
  let worstPeak = -1;
  let worstTrough = -1;
  for (let i = 1; i < equity.length; i++) {
    const e = equity[i]!;
    if (e > peak) {
      peak = e;
      peakAt = i;
    } else {
      const d = 1 - e / peak;
      if (d > depth) {
        depth = d;
        worstPeak = peakAt;
        worstTrough = i;
      }
    }
  }
  let recovery = -1;
  if (worstPeak >= 0) {
    for (let i = worstTrough + 1; i < equity.length; i++) {
      if (equity[i]! >= equity[worstPeak]!) {
        recovery = i;
        break;
      }
    }
  }
  const iso = (i: number) => (i < 0 ? null : isoDateOf(days[i]! as DayNumber));
  return { depth, peakDate: iso(worstPeak), troughDate: iso(worstTrough), recoveryDate: iso(recovery) };
}

/** Sharpe ratio per period (μ/σ), null for fewer than 2 returns or no variation. */
export function periodSharpe(returns: ArrayLike<number>): number | null {
  const { mean, sd } = meanAndDeviation(returns);
  return mean === null || sd === null || !(sd > 0) ? null : mean / sd;
}

export function computeMetrics(run: BacktestRun, benchmark: BacktestRun | null = null): BacktestMetrics {
  const r = run.returns;
  const T = r.length;
  const total = run.equity[T]! - 1;
  const years = T / DAYS_PER_YEAR;
  const annualised = T > 0 && total > -1 ? (1 + total) ** (1 / years) - 1 : null;
  const { mean, sd } = meanAndDeviation(r);
  let downside = 0;
  for (let i = 0; i < T; i++) if (r[i]! < 0) downside += r[i]! ** 2;
  const downsideDeviation = T > 0 ? Math.sqrt(downside / T) : 0;
  const drawdown = maxDrawdownOf(run.equity, run.days);
  let turnover = 0;
  let costs = 0;
  let exposed = 0;
  let gross = 0;
  const decisions = run.turnover.length;
  const tradeAt: number[] = [];
  for (let k = 0; k < decisions; k++) {
    turnover += run.turnover[k]!;
    costs += run.costsPaid[k]!;
    if (run.exposure[k]! > 1e-12) exposed++;
    gross += run.exposure[k]!;
    if (run.turnover[k]! >= TRADE_TURNOVER) tradeAt.push(k);
  }
  // Holding period of trade j: from its decision day to the next trade (returns k+1 … next).
  let hits = 0;
  let periods = 0;
  for (let j = 0; j < tradeAt.length; j++) {
    const start = tradeAt[j]!;
    if (run.exposure[start]! <= 1e-12) continue;
    const end = j + 1 < tradeAt.length ? tradeAt[j + 1]! : decisions;
    let growth = 1;
    for (let k = start; k < end; k++) growth *= 1 + r[k]!;
    periods++;
    if (growth > 1) hits++;
  }
  const benchmarkTotal = benchmark ? benchmark.equity[benchmark.equity.length - 1]! - 1 : null;
  const benchmarkAnnualised = benchmarkTotal !== null && benchmarkTotal > -1 && T > 0 ? (1 + benchmarkTotal) ** (1 / years) - 1 : null;
  return {
    days: T,
    totalReturn: fig(T > 0 ? total : null, T),
    annualisedReturn: fig(annualised, T),
    volatility: fig(sd === null ? null : sd * Math.sqrt(DAYS_PER_YEAR), T),
    sharpe: fig(mean !== null && sd !== null && sd > 0 ? (mean / sd) * Math.sqrt(DAYS_PER_YEAR) : null, T),
    sortino: fig(mean !== null && downsideDeviation > 0 ? (mean / downsideDeviation) * Math.sqrt(DAYS_PER_YEAR) : null, T),
    maxDrawdown: { ...fig(T > 0 ? drawdown.depth : null, T), ...drawdown },
    calmar: fig(annualised !== null && drawdown.depth > 0 ? annualised / drawdown.depth : null, T),
    turnover: fig(decisions > 0 ? turnover : null, decisions),
    annualTurnover: fig(decisions > 0 ? (turnover / decisions) * DAYS_PER_YEAR : null, decisions),
    exposure: fig(decisions > 0 ? exposed / decisions : null, decisions),
    meanGross: fig(decisions > 0 ? gross / decisions : null, decisions),
    trades: fig(tradeAt.length, decisions),
    hitRate: fig(periods > 0 ? hits / periods : null, periods),
    excessReturnVsBtc: fig(benchmarkTotal === null || T === 0 ? null : total - benchmarkTotal, T),
    annualisedExcessVsBtc: fig(annualised === null || benchmarkAnnualised === null ? null : annualised - benchmarkAnnualised, T),
    costsPaid: fig(decisions > 0 ? costs : null, decisions),
  };
}

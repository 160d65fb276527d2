/**
 * Granger causality (Granger 1969): does the past of x improve the prediction of y beyond y's own
 * past? Unrestricted: y[t] = c + Σ_{i=1..p} a_i y[t−i] + Σ_{i=1..p} b_i x[t−i] + e; restricted: the
 * same without the x terms. F = ((RSS_r − RSS_u) / p) / (RSS_u / (n − 2p − 1)) ~ F(p, n − 2p − 1)
 * under H0 (all b_i = 0) with homoskedastic errors (Hamilton, Time Series Analysis §11.2).
 *
 * The lag order p is chosen by AIC or BIC on the unrestricted equation over 1 … maxLag, all fitted
 * on the same sample (the rows complete for maxLag lags) so the criteria are comparable; the test
 * is then refitted at the chosen p on every row complete for p lags. A lead at a long lag (20
 * days) with nothing in between is exactly what BIC tends to miss: the cross-correlation scan is
 * the main lead-lag test, Granger the second opinion.
 */
import { fSurvival } from './f-distribution.ts';
import { ordinaryLeastSquares } from './ordinary-least-squares.ts';

export type InformationCriterion = 'aic' | 'bic';

export interface GrangerOptions {
  /** Largest lag considered by the selection (or the fixed lag when `lag` is given). */
  maxLag: number;
  /** Use this lag and skip the selection. */
  lag?: number;
  /** Default 'bic'. */
  criterion?: InformationCriterion;
}

export interface GrangerResult {
  /** The lag order used. */
  lag: number;
  criterion: InformationCriterion | 'fixed';
  /** Criterion value per lag 1 … maxLag (index 0 is lag 1); null for a fixed lag. */
  criterionByLag: (number | null)[] | null;
  fStatistic: number | null;
  numeratorDf: number;
  denominatorDf: number;
  /** P(F > fStatistic) under H0: small means x's past helps predict y. */
  pValue: number | null;
  /** Observations in the test regression. */
  n: number;
  rssRestricted: number | null;
  rssUnrestricted: number | null;
}

/** Rows t whose y[t], y[t−1…t−p] and x[t−1…t−p] are all finite, from `firstRow` on. */
function completeRows(x: ArrayLike<number>, y: ArrayLike<number>, p: number, firstRow: number): number[] {
  const rows: number[] = [];
  outer: for (let t = Math.max(p, firstRow); t < y.length; t++) {
    if (!Number.isFinite(y[t]!)) continue;
    for (let i = 1; i <= p; i++) if (!Number.isFinite(y[t - i]!) || !Number.isFinite(x[t - i]!)) continue outer;
    rows.push(t);
  }
  return rows;
}

function design(x: ArrayLike<number>, y: ArrayLike<number>, rows: number[], p: number, withX: boolean): { columns: Float64Array[]; target: Float64Array } {
  const columns: Float64Array[] = [new Float64Array(rows.length).fill(1)];
  for (let i = 1; i <= p; i++) columns.push(Float64Array.from(rows, (t) => y[t - i]!));
  if (withX) for (let i = 1; i <= p; i++) columns.push(Float64Array.from(rows, (t) => x[t - i]!));
  return { columns, target: Float64Array.from(rows, (t) => y[t]!) };
}

/** Tests whether x Granger-causes y. Series are aligned by index; NaN rows are dropped. */
export function grangerCausality(x: ArrayLike<number>, y: ArrayLike<number>, options: GrangerOptions): GrangerResult {
  if (x.length !== y.length) throw new RangeError(`grangerCausality: x and y must be aligned, got lengths ${x.length} and ${y.length}`);
  const maxLag = options.maxLag;
  if (!(Number.isInteger(maxLag) && maxLag >= 1)) throw new RangeError(`grangerCausality: maxLag must be a whole number ≥ 1, got ${maxLag}`);
  let lag = options.lag ?? 0;
  let criterionByLag: (number | null)[] | null = null;
  const criterion = options.criterion ?? 'bic';
  if (options.lag === undefined) {
    const rows = completeRows(x, y, maxLag, 0);
    criterionByLag = [];
    let best = Number.POSITIVE_INFINITY;
    for (let p = 1; p <= maxLag; p++) {
      const k = 2 * p + 1;
      if (rows.length <= k + 1) {
        criterionByLag.push(null);
        continue;
      }
      const { columns, target } = design(x, y, rows, p, true);
      const { residualSumOfSquares } = ordinaryLeastSquares(columns, target);
      const n = rows.length;
      const penalty = criterion === 'aic' ? 2 * k : k * Math.log(n);
      const value = n * Math.log(residualSumOfSquares / n) + penalty;
      criterionByLag.push(value);
      if (value < best) {
        best = value;
        lag = p;
      }
    }
  }
  const empty: GrangerResult = {
    lag,
    criterion: options.lag === undefined ? criterion : 'fixed',
    criterionByLag,
    fStatistic: null,
    numeratorDf: lag,
    denominatorDf: 0,
    pValue: null,
    n: 0,
    rssRestricted: null,
    rssUnrestricted: null,
  };
  if (lag < 1) return empty;
  const rows = completeRows(x, y, lag, 0);
  const denominatorDf = rows.length - 2 * lag - 1;
  if (denominatorDf < 1) return { ...empty, n: rows.length };
  const unrestricted = design(x, y, rows, lag, true);
  const restricted = design(x, y, rows, lag, false);
  const rssUnrestricted = ordinaryLeastSquares(unrestricted.columns, unrestricted.target).residualSumOfSquares;
  const rssRestricted = ordinaryLeastSquares(restricted.columns, restricted.target).residualSumOfSquares;
  const fStatistic = rssUnrestricted > 0 ? Math.max(0, (rssRestricted - rssUnrestricted) / lag / (rssUnrestricted / denominatorDf)) : null;
  return {
    ...empty,
    fStatistic,
    denominatorDf,
    pValue: fStatistic === null ? null : fSurvival(fStatistic, lag, denominatorDf),
    n: rows.length,
    rssRestricted,
    rssUnrestricted,
  };
}

export interface GrangerBothWaysResult {
  xCausesY: GrangerResult;
  yCausesX: GrangerResult;
}

export function grangerBothWays(x: ArrayLike<number>, y: ArrayLike<number>, options: GrangerOptions): GrangerBothWaysResult {
  return { xCausesY: grangerCausality(x, y, options), yCausesX: grangerCausality(y, x, options) };
}

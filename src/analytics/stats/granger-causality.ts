/**
 * Granger causality (Granger 1969): does the past of x improve the prediction of y beyond y's own
 * past? Unrestricted: y[t] = c + Σ_{i=1..p} a_i y[t−i] + Σ_{i=1..p} b_i x[t−i] + e; restricted: the
 * same without the x terms. F = ((RSS_r − RSS_u) / p) / (RSS_u / (n − 2p − 1)) ~ F(p, n − 2p − 1)
 * under H0 (all b_i = 0) with homoskedastic errors (Hamilton, Time Series Analysis §11.2).
 *
 * The lag order p is chosen by AIC or BIC on the unrestricted equation over 1 … maxLag, all fitted
 * on the same sample (the rows complete for maxLag lags) so the criteria are comparable; the test
 * is then refitted at the chosen p on every row complete for p lags. A lead at a long lag (20
 * days) with nothing in between is exactly what BIC misses (it picks 1), so `driverLags` lets x
 * enter only at chosen lags (the thesis passes the lag its cross-correlation scan found) with y's
 * own p lags kept. Every result carries the classical F test, an HC3 heteroskedasticity-robust
 * Wald test of the same hypothesis (hc3-wald-test.ts) and the sign of the summed x coefficients.
 */
import { InvalidInputError } from '../../domain/errors.ts';
import { fSurvival } from './f-distribution.ts';
import { hc3WaldTest } from './hc3-wald-test.ts';
import { ordinaryLeastSquares } from './ordinary-least-squares.ts';

export type InformationCriterion = 'aic' | 'bic';

export interface GrangerOptions {
  /** Largest lag considered by the selection (or the fixed lag when `lag` is given). */
  maxLag: number;
  /** Use this many own lags of y (and, without `driverLags`, of x) and skip the selection. */
  lag?: number;
  /** Default 'bic'. */
  criterion?: InformationCriterion;
  /**
   * The lags at which x enters (e.g. [20], the lag a cross-correlation scan pointed to); default
   * 1 … p, the classical Granger test. y's own lags are always 1 … p.
   */
  driverLags?: readonly number[];
}

export interface GrangerResult {
  /** The number of own lags of y (and of x lags, for the classical test). */
  lag: number;
  /** The lags of x in the unrestricted equation. */
  driverLags: number[];
  criterion: InformationCriterion | 'fixed';
  /** Criterion value per lag 1 … maxLag (index 0 is lag 1); null for a fixed lag. */
  criterionByLag: (number | null)[] | null;
  /** Classical (homoskedastic) F statistic. */
  fStatistic: number | null;
  numeratorDf: number;
  denominatorDf: number;
  /** P(F > fStatistic) under H0 with homoskedastic errors: small means x's past helps predict y. */
  pValue: number | null;
  /** The same hypothesis by an HC3 heteroskedasticity-robust Wald test (F form); null when it cannot be computed. */
  robustFStatistic: number | null;
  robustPValue: number | null;
  /** Σ b_i, the summed coefficients of x's lags: > 0 means x's past rises with y's future. */
  coefficientSum: number | null;
  /** Observations in the test regression. */
  n: number;
  rssRestricted: number | null;
  rssUnrestricted: number | null;
}

/** Rows t whose y[t], y[t−1…t−p] and x at every driver lag are finite, from `firstRow` on. */
function completeRows(x: ArrayLike<number>, y: ArrayLike<number>, p: number, driverLags: readonly number[], firstRow: number): number[] {
  const rows: number[] = [];
  const deepest = Math.max(p, ...driverLags);
  outer: for (let t = Math.max(deepest, firstRow); t < y.length; t++) {
    if (!Number.isFinite(y[t]!)) continue;
    for (let i = 1; i <= p; i++) if (!Number.isFinite(y[t - i]!)) continue outer;
    for (const lag of driverLags) if (!Number.isFinite(x[t - lag]!)) continue outer;
    rows.push(t);
  }
  return rows;
}

function design(x: ArrayLike<number>, y: ArrayLike<number>, rows: number[], p: number, driverLags: readonly number[] | null): { columns: Float64Array[]; target: Float64Array } {
  const columns: Float64Array[] = [new Float64Array(rows.length).fill(1)];
  for (let i = 1; i <= p; i++) columns.push(Float64Array.from(rows, (t) => y[t - i]!));
  if (driverLags) for (const lag of driverLags) columns.push(Float64Array.from(rows, (t) => x[t - lag]!));
  return { columns, target: Float64Array.from(rows, (t) => y[t]!) };
}

function isConstant(values: ArrayLike<number>): boolean {
  let first = Number.NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (Number.isNaN(first)) first = v;
    else if (v !== first) return false;
  }
  return true;
}

const range = (p: number) => Array.from({ length: p }, (_, i) => i + 1);

/**
 * Tests whether x Granger-causes y. Series are aligned by index; NaN rows are dropped. Null when
 * the test is undefined: x or y constant (no variation to explain or to explain with) or a design
 * that is otherwise rank deficient.
 */
export function grangerCausality(x: ArrayLike<number>, y: ArrayLike<number>, options: GrangerOptions): GrangerResult | null {
  if (x.length !== y.length) throw new RangeError(`grangerCausality: x and y must be aligned, got lengths ${x.length} and ${y.length}`);
  const maxLag = options.maxLag;
  if (!(Number.isInteger(maxLag) && maxLag >= 1)) throw new RangeError(`grangerCausality: maxLag must be a whole number ≥ 1, got ${maxLag}`);
  const fixedDriverLags = options.driverLags ? [...options.driverLags] : null;
  if (fixedDriverLags && (fixedDriverLags.length === 0 || fixedDriverLags.some((l) => !(Number.isInteger(l) && l >= 1)))) {
    throw new RangeError(`grangerCausality: driverLags must be whole numbers ≥ 1, got ${JSON.stringify(fixedDriverLags)}`);
  }
  if (isConstant(x) || isConstant(y)) return null;
  const driverLagsFor = (p: number) => fixedDriverLags ?? range(p);
  try {
    let lag = options.lag ?? 0;
    let criterionByLag: (number | null)[] | null = null;
    const criterion = options.criterion ?? 'bic';
    if (options.lag === undefined) {
      const rows = completeRows(x, y, maxLag, fixedDriverLags ? fixedDriverLags : range(maxLag), 0);
      criterionByLag = [];
      let best = Number.POSITIVE_INFINITY;
      for (let p = 1; p <= maxLag; p++) {
        const k = 1 + p + driverLagsFor(p).length;
        if (rows.length <= k + 1) {
          criterionByLag.push(null);
          continue;
        }
        const { columns, target } = design(x, y, rows, p, driverLagsFor(p));
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
    const driverLags = lag >= 1 ? driverLagsFor(lag) : [];
    const empty: GrangerResult = {
      lag,
      driverLags,
      criterion: options.lag === undefined ? criterion : 'fixed',
      criterionByLag,
      fStatistic: null,
      numeratorDf: driverLags.length,
      denominatorDf: 0,
      pValue: null,
      robustFStatistic: null,
      robustPValue: null,
      coefficientSum: null,
      n: 0,
      rssRestricted: null,
      rssUnrestricted: null,
    };
    if (lag < 1) return empty;
    const rows = completeRows(x, y, lag, driverLags, 0);
    const denominatorDf = rows.length - 1 - lag - driverLags.length;
    if (denominatorDf < 1) return { ...empty, n: rows.length };
    if (isConstant(Float64Array.from(rows, (t) => y[t]!))) return null;
    const unrestricted = design(x, y, rows, lag, driverLags);
    const restricted = design(x, y, rows, lag, null);
    const fit = ordinaryLeastSquares(unrestricted.columns, unrestricted.target);
    const rssUnrestricted = fit.residualSumOfSquares;
    const rssRestricted = ordinaryLeastSquares(restricted.columns, restricted.target).residualSumOfSquares;
    const q = driverLags.length;
    const fStatistic = rssUnrestricted > 0 ? Math.max(0, (rssRestricted - rssUnrestricted) / q / (rssUnrestricted / denominatorDf)) : null;
    const testedColumns = driverLags.map((_, i) => 1 + lag + i);
    const robust = hc3WaldTest(unrestricted.columns, fit, testedColumns);
    return {
      ...empty,
      fStatistic,
      denominatorDf,
      pValue: fStatistic === null ? null : fSurvival(fStatistic, q, denominatorDf),
      robustFStatistic: robust?.fStatistic ?? null,
      robustPValue: robust?.pValue ?? null,
      coefficientSum: testedColumns.reduce((acc, column) => acc + fit.coefficients[column]!, 0),
      n: rows.length,
      rssRestricted,
      rssUnrestricted,
    };
  } catch (error) {
    // A rank-deficient design (a series constant over the complete rows, or collinear lags) has no test.
    if (error instanceof InvalidInputError && /rank deficient/.test(error.message)) return null;
    throw error;
  }
}

export interface GrangerBothWaysResult {
  xCausesY: GrangerResult | null;
  yCausesX: GrangerResult | null;
}

export function grangerBothWays(x: ArrayLike<number>, y: ArrayLike<number>, options: GrangerOptions): GrangerBothWaysResult {
  return { xCausesY: grangerCausality(x, y, options), yCausesX: grangerCausality(y, x, options) };
}

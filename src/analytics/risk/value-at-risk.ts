/**
 * Value at risk and conditional value at risk of a portfolio (METHODS.md "VaR and CVaR"). Losses are
 * positive fractions of equity; confidence α ∈ (0, 1) (0.95, 0.99); weights w are today's signed
 * fractions of equity applied to history; returns are daily SIMPLE returns, NaN = missing.
 *
 * - Historical: Lₜ = −Σᵢ wᵢ Rᵢ,ₜ over the last W days (default 365), where Rᵢ,ₜ is the asset's
 *   h-day return Π(1 + r) − 1 over days t−h+1 … t (overlapping windows; h = 1: the daily return).
 *   VaR = type-7 quantile of L at α (Hyndman & Fan 1996); CVaR = mean of the Lₜ ≥ VaR (Rockafellar &
 *   Uryasev 2000; Acerbi & Tasche 2002). A day on which a held asset has no return is skipped.
 * - Gaussian: μ, σ (T − 1) of the daily portfolio returns −Lₜ; μ_h = h·μ, σ_h = √h·σ (√h scaling
 *   only here); z = Φ⁻¹(α); VaR = z·σ_h − μ_h; CVaR = σ_h·φ(z)/(1 − α) − μ_h.
 * - Cornish–Fisher (Favre & Galeano 2002): from the h-day portfolio returns (as historical), with
 *   z = Φ⁻¹(1 − α) < 0, sample skewness s = m₃/m₂^{3/2} and EXCESS kurtosis k = m₄/m₂² − 3:
 *   z_cf = z + (z² − 1)s/6 + (z³ − 3z)k/24 − (2z³ − 5z)s²/36; VaR = −(μ + z_cf·σ). No CVaR.
 *
 * Returns of p days (p = 7 where only weekly closes are stored) and a horizon of h days: when h is a
 * multiple of p the h-day figures come from overlapping (h/p)-period returns as above; otherwise
 * (1 or 10 days from weekly returns) from the p-day figures by the square-root-of-time rule with
 * k = h/p: the mean scales by k and the dispersion by √k — Gaussian μ_h = k·μ, σ_h = √k·σ;
 * Cornish–Fisher VaR = −(k·μ + z_cf·√k·σ) with the p-day skewness and kurtosis; historical losses
 * L′ = √k·(L − L̄) + k·L̄ (L̄ the mean p-day loss), so VaR and CVaR are the p-day ones de-meaned,
 * scaled by √k and re-meaned by k. The rule assumes independent, identically distributed returns;
 * such rows say which p they were scaled from.
 */
import { InvalidInputError } from '../../domain/errors.ts';
import { quantileOfSorted } from '../stats/descriptive.ts';
import { normalQuantile } from '../stats/normal-distribution.ts';
import { sampleMoments } from '../stats/sharpe-statistics.ts';

export interface PortfolioLossOptions {
  /** h, days per return (default 1). */
  horizonDays?: number;
  /** W, the trailing days of history used (default 365). */
  window?: number;
}

/**
 * Losses Lₜ = −Σ wᵢ Rᵢ,ₜ with h-day asset returns over the last `window` days of `assetReturns`
 * (one daily series per asset, aligned, oldest first), in time order.
 */
export function portfolioLosses(weights: readonly number[], assetReturns: readonly ArrayLike<number>[], options: PortfolioLossOptions = {}): Float64Array {
  const h = options.horizonDays ?? 1;
  const window = options.window ?? 365;
  if (weights.length !== assetReturns.length) {
    throw new InvalidInputError(`value at risk: ${weights.length} weights for ${assetReturns.length} return series`);
  }
  if (!(Number.isInteger(h) && h >= 1)) throw new InvalidInputError(`value at risk: horizonDays must be an integer ≥ 1, got ${h}`);
  if (!(Number.isInteger(window) && window >= 1)) throw new InvalidInputError(`value at risk: window must be an integer ≥ 1, got ${window}`);
  const length = assetReturns.length === 0 ? 0 : Math.min(...assetReturns.map((r) => r.length));
  const start = Math.max(0, length - window);
  const held = weights.map((w, i) => [w, i] as const).filter(([w]) => w !== 0);
  const losses: number[] = [];
  for (let end = start + h - 1; end < length; end++) {
    let loss = 0;
    let complete = true;
    for (const [w, i] of held) {
      let growth = 1;
      for (let t = end - h + 1; t <= end; t++) {
        const r = assetReturns[i]![t]!;
        if (!Number.isFinite(r)) {
          complete = false;
          break;
        }
        growth *= 1 + r;
      }
      if (!complete) break;
      loss -= w * (growth - 1);
    }
    if (complete) losses.push(loss);
  }
  return Float64Array.from(losses);
}

export interface RiskEstimate {
  /** VaR_α, a positive number is a loss (fraction of equity). */
  valueAtRisk: number;
  /** CVaR_α (expected shortfall); null for Cornish–Fisher. */
  conditionalValueAtRisk: number | null;
  /** Loss or return observations behind the estimate. */
  observations: number;
}

function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) throw new InvalidInputError(`value at risk: confidence must be in (0, 1), got ${confidence}`);
}

/** Historical VaR and CVaR of the losses at `confidence`; null with no finite loss. */
export function historicalValueAtRisk(losses: ArrayLike<number>, confidence: number): RiskEstimate | null {
  checkConfidence(confidence);
  const sorted = Float64Array.from(Array.from(losses).filter(Number.isFinite)).sort();
  if (sorted.length === 0) return null;
  const valueAtRisk = quantileOfSorted(sorted, confidence)!;
  let sum = 0;
  let count = 0;
  for (const loss of sorted) {
    if (loss >= valueAtRisk) {
      sum += loss;
      count++;
    }
  }
  return { valueAtRisk, conditionalValueAtRisk: sum / count, observations: sorted.length };
}

/**
 * p-day losses carried to k = h/p periods by the square-root-of-time rule: L′ = √k·(L − L̄) + k·L̄,
 * L̄ the mean loss (an increasing affine map, so quantiles and tail means map the same way).
 */
export function scaleLosses(losses: ArrayLike<number>, periods: number): Float64Array {
  if (!(periods > 0 && Number.isFinite(periods))) throw new InvalidInputError(`value at risk: periods must be a number > 0, got ${periods}`);
  const finite = Array.from(losses).filter(Number.isFinite);
  const mean = finite.length === 0 ? 0 : finite.reduce((a, b) => a + b, 0) / finite.length;
  return Float64Array.from(finite, (loss) => Math.sqrt(periods) * (loss - mean) + periods * mean);
}

/** φ(z), the standard normal density. */
function normalDensity(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/**
 * Gaussian VaR and CVaR from per-period (daily, or weekly) portfolio returns, scaled to `horizonDays`
 * periods (fractional allowed: 1 day of weekly returns is 1/7) by h·μ and √h·σ.
 * null with fewer than 2 returns.
 */
export function gaussianValueAtRisk(dailyReturns: ArrayLike<number>, confidence: number, horizonDays = 1): RiskEstimate | null {
  checkConfidence(confidence);
  const m = sampleMoments(dailyReturns);
  if (m.mean === null || m.standardDeviation === null) return null;
  const mu = horizonDays * m.mean;
  const sigma = Math.sqrt(horizonDays) * m.standardDeviation;
  const z = normalQuantile(confidence);
  return {
    valueAtRisk: z * sigma - mu,
    conditionalValueAtRisk: (sigma * normalDensity(z)) / (1 - confidence) - mu,
    observations: m.count,
  };
}

/**
 * Cornish–Fisher (modified) VaR from portfolio returns of the horizon's length (use h-day returns
 * for an h-day VaR), or of p days scaled to k = h/p periods by `periods` (mean × k, σ × √k).
 * null with fewer than 2 returns or constant returns.
 */
export function cornishFisherValueAtRisk(returns: ArrayLike<number>, confidence: number, periods = 1): RiskEstimate | null {
  checkConfidence(confidence);
  const m = sampleMoments(returns);
  if (m.mean === null || m.standardDeviation === null || m.skewness === null || m.excessKurtosis === null) return null;
  const z = normalQuantile(1 - confidence);
  const s = m.skewness;
  const k = m.excessKurtosis;
  const zcf = z + ((z * z - 1) * s) / 6 + ((z ** 3 - 3 * z) * k) / 24 - ((2 * z ** 3 - 5 * z) * s * s) / 36;
  return { valueAtRisk: -(periods * m.mean + zcf * Math.sqrt(periods) * m.standardDeviation), conditionalValueAtRisk: null, observations: m.count };
}

export type ValueAtRiskMethod = 'historical' | 'gaussian' | 'cornish-fisher';

export interface ValueAtRiskRow extends RiskEstimate {
  method: ValueAtRiskMethod;
  confidence: number;
  /** h, in days. */
  horizonDays: number;
  /** p when the row is a p-day figure carried to h days by the square-root-of-time rule; null when computed from h-day returns. */
  scaledFromDays: number | null;
}

export interface ValueAtRiskTableOptions {
  confidences?: readonly number[];
  /** Horizons in days (default 1 and 10). */
  horizons?: readonly number[];
  /** Trailing periods of returns used (default 365). */
  window?: number;
  /** p, days per return period of `assetReturns` (default 1; 7 for weekly returns). */
  periodDays?: number;
}

/**
 * VaR (and CVaR) of today's weights by every method, confidence and horizon (defaults 95/99 % ×
 * 1/10 days, W = 365 periods). Rows whose estimate is undefined are left out.
 */
export function valueAtRiskTable(weights: readonly number[], assetReturns: readonly ArrayLike<number>[], options: ValueAtRiskTableOptions = {}): ValueAtRiskRow[] {
  const confidences = options.confidences ?? [0.95, 0.99];
  const horizons = options.horizons ?? [1, 10];
  const window = options.window ?? 365;
  const p = options.periodDays ?? 1;
  if (!(Number.isInteger(p) && p >= 1)) throw new InvalidInputError(`value at risk: periodDays must be an integer ≥ 1, got ${p}`);
  const periodLosses = portfolioLosses(weights, assetReturns, { window });
  const periodReturns = periodLosses.map((loss) => -loss);
  const rows: ValueAtRiskRow[] = [];
  for (const horizonDays of horizons) {
    if (!(horizonDays > 0 && Number.isFinite(horizonDays))) throw new InvalidInputError(`value at risk: a horizon must be a number of days > 0, got ${horizonDays}`);
    const direct = Number.isInteger(horizonDays / p);
    const k = horizonDays / p;
    const losses = direct ? portfolioLosses(weights, assetReturns, { window, horizonDays: k }) : scaleLosses(periodLosses, k);
    const scaledFromDays = direct ? null : p;
    for (const confidence of confidences) {
      const estimates: [ValueAtRiskMethod, RiskEstimate | null, number | null][] = [
        ['historical', historicalValueAtRisk(losses, confidence), scaledFromDays],
        ['gaussian', gaussianValueAtRisk(periodReturns, confidence, k), k === 1 ? null : p],
        ['cornish-fisher', direct ? cornishFisherValueAtRisk(losses.map((loss) => -loss), confidence) : cornishFisherValueAtRisk(periodReturns, confidence, k), scaledFromDays],
      ];
      for (const [method, estimate, from] of estimates) if (estimate !== null) rows.push({ method, confidence, horizonDays, scaledFromDays: from, ...estimate });
    }
  }
  return rows;
}

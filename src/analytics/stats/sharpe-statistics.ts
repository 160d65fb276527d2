/**
 * Sharpe-ratio statistics on **per-period** returns (METHODS.md, "Probabilistic Sharpe ratio" and
 * "Deflated Sharpe ratio"): sample moments with RAW kurtosis, the per-period Sharpe ratio, the
 * probabilistic Sharpe ratio (PSR) and minimum track record length (Bailey & López de Prado, "The
 * Sharpe Ratio Efficient Frontier", Journal of Risk 15(2), 2012), the expected maximum Sharpe of N
 * unskilled trials and the deflated Sharpe ratio (Bailey & López de Prado, "The Deflated Sharpe
 * Ratio", Journal of Portfolio Management 40(5), 2014), and an effective number of trials from
 * clustering the trials' return series by correlation.
 *
 * Conventions: non-finite inputs (NaN marks a missing period) are skipped; every statistic the data
 * do not define is `null`, never 0. Nothing here annualises: multiply a Sharpe by √365 (crypto) only
 * for display.
 */
import { agnes } from 'ml-hclust';
import { normalCdf, normalQuantile } from './normal-distribution.ts';
import { pearsonCorrelation } from './pearson-correlation.ts';
import { variance } from './descriptive.ts';

/** Sample moments of x₁..x_T with mₖ = mean((x − μ̂)ᵏ). */
export interface SampleMoments {
  /** T: finite values used. */
  count: number;
  /** μ̂; null when T = 0. */
  mean: number | null;
  /** σ̂ with divisor T − 1; null when T < 2. */
  standardDeviation: number | null;
  /** γ₃ = m₃ / m₂^{3/2}; null when T < 2 or m₂ = 0. */
  skewness: number | null;
  /** RAW kurtosis γ₄ = m₄ / m₂² (normal = 3); null when T < 2 or m₂ = 0. */
  kurtosis: number | null;
  /** γ₄ − 3; null with γ₄. */
  excessKurtosis: number | null;
}

/** What PSR, MinTRL and DSR need of one return series (per period). */
export interface SharpeEstimate {
  /** SR̂ = μ̂ / σ̂ of per-period (excess) returns. */
  sharpe: number;
  /** T, the number of returns. */
  count: number;
  /** γ₃. */
  skewness: number;
  /** RAW kurtosis γ₄ (normal = 3) — not the excess kurtosis. */
  kurtosis: number;
}

/** Euler–Mascheroni constant γ. */
export const EULER_MASCHERONI = 0.5772156649015329;

/** Sample moments (mean, σ̂ with T − 1, skewness, RAW kurtosis) of the finite values. */
export function sampleMoments(values: ArrayLike<number>): SampleMoments {
  let count = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (Number.isFinite(value)) {
      count++;
      sum += value;
    }
  }
  if (count === 0) return { count, mean: null, standardDeviation: null, skewness: null, kurtosis: null, excessKurtosis: null };
  const center = sum / count;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!Number.isFinite(value)) continue;
    const d = value - center;
    const d2 = d * d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  if (count < 2) return { count, mean: center, standardDeviation: null, skewness: null, kurtosis: null, excessKurtosis: null };
  const m2 = s2 / count;
  const standardDeviation = Math.sqrt(s2 / (count - 1));
  if (!(m2 > 0)) return { count, mean: center, standardDeviation, skewness: null, kurtosis: null, excessKurtosis: null };
  const skewness = s3 / count / m2 ** 1.5;
  const kurtosis = s4 / count / (m2 * m2);
  return { count, mean: center, standardDeviation, skewness, kurtosis, excessKurtosis: kurtosis - 3 };
}

/**
 * Per-period Sharpe ratio μ̂/σ̂ (σ̂ with T − 1) of `returns` minus the per-period risk-free rate.
 * null when T < 2 or σ̂ = 0.
 */
export function sharpeRatio(returns: ArrayLike<number>, riskFreePerPeriod = 0): number | null {
  const m = sampleMoments(returns);
  if (m.mean === null || m.standardDeviation === null || !(m.standardDeviation > 0)) return null;
  return (m.mean - riskFreePerPeriod) / m.standardDeviation;
}

/**
 * SR̂, T, γ₃ and raw γ₄ of per-period returns (excess of `riskFreePerPeriod`), the input of PSR,
 * MinTRL and DSR. null when T < 2 or the returns are constant.
 */
export function sharpeEstimate(returns: ArrayLike<number>, riskFreePerPeriod = 0): SharpeEstimate | null {
  const m = sampleMoments(returns);
  if (m.mean === null || m.standardDeviation === null || m.skewness === null || m.kurtosis === null) return null;
  return { sharpe: (m.mean - riskFreePerPeriod) / m.standardDeviation, count: m.count, skewness: m.skewness, kurtosis: m.kurtosis };
}

/** 1 − γ₃·SR̂ + ((γ₄ − 1)/4)·SR̂², the non-normality factor of the Sharpe ratio's variance. */
function sharpeVarianceFactor(estimate: SharpeEstimate): number {
  const { sharpe, skewness, kurtosis } = estimate;
  return 1 - skewness * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
}

/**
 * PSR(SR*) = Φ((SR̂ − SR*)·√(T − 1) / √(1 − γ₃·SR̂ + ((γ₄ − 1)/4)·SR̂²)), the probability that the
 * true per-period Sharpe exceeds `benchmarkSharpe` (per period, default 0). null when T < 2 or the
 * variance factor is not positive.
 */
export function probabilisticSharpeRatio(estimate: SharpeEstimate, benchmarkSharpe = 0): number | null {
  const factor = sharpeVarianceFactor(estimate);
  if (!(estimate.count >= 2) || !(factor > 0) || !Number.isFinite(estimate.sharpe)) return null;
  return normalCdf(((estimate.sharpe - benchmarkSharpe) * Math.sqrt(estimate.count - 1)) / Math.sqrt(factor));
}

/**
 * Minimum track record length (periods) for SR̂ to exceed `benchmarkSharpe` at `confidence`:
 * 1 + (1 − γ₃·SR̂ + ((γ₄ − 1)/4)·SR̂²)·(z / (SR̂ − SR*))², z = Φ⁻¹(confidence). null when
 * SR̂ ≤ SR* (no track record is long enough) or the variance factor is not positive.
 */
export function minimumTrackRecordLength(estimate: SharpeEstimate, benchmarkSharpe = 0, confidence = 0.95): number | null {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`minimumTrackRecordLength: confidence must be in (0, 1), got ${confidence}`);
  const factor = sharpeVarianceFactor(estimate);
  const gap = estimate.sharpe - benchmarkSharpe;
  if (!(gap > 0) || !(factor > 0)) return null;
  const z = normalQuantile(confidence);
  return 1 + factor * (z / gap) ** 2;
}

/**
 * Expected maximum per-period Sharpe of `trials` unskilled trials (true Sharpe 0):
 * SR₀ = √V·[(1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))]; V = variance across trials of their
 * per-period Sharpe ratios. The trial mean is NOT added (METHODS.md). null when N < 2 or V < 0.
 */
export function expectedMaxSharpe(trials: number, varianceOfTrialSharpes: number): number | null {
  if (!(trials >= 2) || !(varianceOfTrialSharpes >= 0) || !Number.isFinite(varianceOfTrialSharpes)) return null;
  const g = EULER_MASCHERONI;
  return (
    Math.sqrt(varianceOfTrialSharpes) *
    ((1 - g) * normalQuantile(1 - 1 / trials) + g * normalQuantile(1 - 1 / (trials * Math.E)))
  );
}

/** Sample variance (divisor N − 1) of the trials' per-period Sharpe ratios, skipping null/NaN. */
export function varianceOfSharpes(sharpes: readonly (number | null)[]): number | null {
  return variance(sharpes.map((s) => (s === null ? Number.NaN : s)));
}

export interface DeflatedSharpe {
  /** DSR = PSR(SR₀); ≥ 0.95 reads "significant at 5 %". */
  deflatedSharpe: number;
  /** SR₀, the expected maximum Sharpe of the unskilled trials (per period). */
  expectedMaxSharpe: number;
  /** N used for SR₀ (raw, or the effective N when given). */
  trials: number;
  varianceOfTrialSharpes: number;
}

/**
 * Deflated Sharpe ratio of the selected trial: PSR(SR₀) with SR₀ = expectedMaxSharpe(N, V) and
 * SR̂, T, γ₃, γ₄ of the selected trial. Pass the effective N (see `effectiveNumberOfTrials`) as
 * `trials` to deflate by independent trials. null when N < 2, V undefined or PSR undefined.
 */
export function deflatedSharpeRatio(
  selected: SharpeEstimate,
  options: { trials: number; varianceOfTrialSharpes: number },
): DeflatedSharpe | null {
  const benchmark = expectedMaxSharpe(options.trials, options.varianceOfTrialSharpes);
  if (benchmark === null) return null;
  const dsr = probabilisticSharpeRatio(selected, benchmark);
  if (dsr === null) return null;
  return { deflatedSharpe: dsr, expectedMaxSharpe: benchmark, trials: options.trials, varianceOfTrialSharpes: options.varianceOfTrialSharpes };
}

export interface EffectiveTrials {
  /** Number of trials given. */
  raw: number;
  /** Number of correlation clusters (≥ 1 when there is a trial). */
  effective: number;
  /** Cluster number (0-based, in order of first appearance) of each trial. */
  clusterOf: number[];
  /** The correlation threshold used. */
  correlationThreshold: number;
  /** 'complete-linkage' up to `COMPLETE_LINKAGE_LIMIT` trials, 'leader' above. */
  method: 'complete-linkage' | 'leader';
}

/** Above this many trials the O(n²)-memory, O(n³)-time complete linkage gives way to leader clustering. */
export const COMPLETE_LINKAGE_LIMIT = 300;

/**
 * Effective number of trials: the number of clusters of the trials' return series (same dates,
 * NaN = missing) by correlation, cut at `correlationThreshold` (default 0.8). A simplification of
 * López de Prado & Lewis (2019), who choose the number of clusters by silhouette scores (ONC).
 *
 * - Up to `COMPLETE_LINKAGE_LIMIT` trials: complete linkage (ml-hclust) on d = √(½(1 − ρ)) with
 *   pairwise-complete Pearson ρ, cut at the threshold's distance, so every two trials in one
 *   cluster correlate at ≥ the threshold. Complete linkage keeps N_eff high, i.e. the deflation
 *   conservative. A pair without a correlation (constant series, < 3 common periods) counts as ρ = 0.
 * - More trials (large sweeps): leader clustering in input order — a trial joins the first
 *   cluster whose leader (first trial) it correlates with at ≥ the threshold, else leads a new one;
 *   cost O(trials × clusters × T). Correlations use series standardised over their own present
 *   values with missing values at 0 (exact without gaps).
 */
export function effectiveNumberOfTrials(trialReturns: readonly ArrayLike<number>[], correlationThreshold = 0.8): EffectiveTrials {
  if (!(correlationThreshold > -1 && correlationThreshold <= 1)) {
    throw new RangeError(`effectiveNumberOfTrials: correlationThreshold must be in (−1, 1], got ${correlationThreshold}`);
  }
  const n = trialReturns.length;
  if (n > COMPLETE_LINKAGE_LIMIT) return leaderClusters(trialReturns, correlationThreshold);
  if (n <= 1) return { raw: n, effective: n, clusterOf: n === 1 ? [0] : [], correlationThreshold, method: 'complete-linkage' };
  const distance: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const r = pearsonCorrelation(trialReturns[i]!, trialReturns[j]!).r ?? 0;
      distance[i]![j] = distance[j]![i] = Math.sqrt(Math.max(0, 0.5 * (1 - r)));
    }
  }
  const cutAt = Math.sqrt(0.5 * (1 - correlationThreshold));
  const tree = agnes(distance, { method: 'complete', isDistanceMatrix: true });
  const labels = new Array<number>(n).fill(-1);
  const clusters = tree.cut(cutAt + 1e-12).map((cluster) => cluster.indices());
  // Number clusters in order of their first trial so the labels are stable.
  clusters.sort((a, b) => Math.min(...a) - Math.min(...b));
  clusters.forEach((members, label) => members.forEach((member) => (labels[member] = label)));
  return { raw: n, effective: clusters.length, clusterOf: labels, correlationThreshold, method: 'complete-linkage' };
}

function leaderClusters(trialReturns: readonly ArrayLike<number>[], correlationThreshold: number): EffectiveTrials {
  const n = trialReturns.length;
  const T = Math.max(...trialReturns.map((series) => series.length));
  // z-scores over each series' own present values, so ρ = Σ zᵢzⱼ / (T_eff − 1) with gaps at 0.
  const standardised = (series: ArrayLike<number>): Float64Array | null => {
    const m = sampleMoments(series);
    if (m.mean === null || m.standardDeviation === null || !(m.standardDeviation > 0)) return null;
    const z = new Float64Array(T);
    for (let t = 0; t < series.length; t++) {
      const value = series[t]!;
      z[t] = Number.isFinite(value) ? (value - m.mean) / (m.standardDeviation * Math.sqrt(m.count - 1)) : 0;
    }
    return z;
  };
  const leaders: Float64Array[] = [];
  const clusterOf = new Array<number>(n);
  let unclustered = 0;
  for (let i = 0; i < n; i++) {
    const z = standardised(trialReturns[i]!);
    let label = -1;
    if (z !== null) {
      for (let k = 0; k < leaders.length && label < 0; k++) {
        const leader = leaders[k]!;
        let dot = 0;
        for (let t = 0; t < T; t++) dot += z[t]! * leader[t]!;
        if (dot >= correlationThreshold) label = k;
      }
      if (label < 0) {
        label = leaders.length;
        leaders.push(z);
      }
    }
    clusterOf[i] = label;
    if (label < 0) unclustered++;
  }
  // A constant trial correlates with nothing: it is its own cluster.
  let next = leaders.length;
  for (let i = 0; i < n; i++) if (clusterOf[i]! < 0) clusterOf[i] = next++;
  return { raw: n, effective: leaders.length + unclustered, clusterOf, correlationThreshold, method: 'leader' };
}

export interface SweepDeflatedSharpe {
  /** Index of the trial with the highest per-period Sharpe (the selected one). */
  selected: number;
  estimate: SharpeEstimate;
  probabilisticSharpe: number | null;
  /** V: sample variance of the trials' per-period Sharpe ratios. */
  varianceOfTrialSharpes: number;
  /** DSR with N = the number of trials with a defined Sharpe. */
  raw: DeflatedSharpe | null;
  /** DSR with N = the effective number of trials (correlation clusters); null when N_eff < 2. */
  effective: DeflatedSharpe | null;
  effectiveTrials: EffectiveTrials;
}

/**
 * DSR of the best trial of a sweep: SR̂ of each trial's per-period returns, n* = argmax, V = their
 * sample variance, DSR with the raw N and with the effective N of `effectiveNumberOfTrials`
 * (report both). null when fewer than 2 trials have a defined Sharpe.
 */
export function deflatedSharpeOfSweep(trialReturns: readonly ArrayLike<number>[], correlationThreshold = 0.8): SweepDeflatedSharpe | null {
  const estimates = trialReturns.map((returns) => sharpeEstimate(returns));
  const defined = estimates.map((e, i) => [e, i] as const).filter((pair): pair is readonly [SharpeEstimate, number] => pair[0] !== null);
  if (defined.length < 2) return null;
  let [estimate, selected] = defined[0]!;
  for (const [e, i] of defined) if (e.sharpe > estimate.sharpe) [estimate, selected] = [e, i];
  const varianceOfTrialSharpes = varianceOfSharpes(defined.map(([e]) => e.sharpe))!;
  const effectiveTrials = effectiveNumberOfTrials(defined.map(([, i]) => trialReturns[i]!), correlationThreshold);
  return {
    selected,
    estimate,
    probabilisticSharpe: probabilisticSharpeRatio(estimate),
    varianceOfTrialSharpes,
    raw: deflatedSharpeRatio(estimate, { trials: defined.length, varianceOfTrialSharpes }),
    effective: effectiveTrials.effective >= 2 ? deflatedSharpeRatio(estimate, { trials: effectiveTrials.effective, varianceOfTrialSharpes }) : null,
    effectiveTrials,
  };
}

/**
 * Correlation and covariance of holdings' per-period returns, correlation clusters and beta to a
 * benchmark (BTC). Pure; NaN marks a missing return.
 *
 * - `correlationMatrix`: pairwise Pearson r over the periods where both series are present
 *   (pearson-correlation.ts), for display; null where undefined.
 * - `covarianceMatrix`: sample covariance (divisor n − 1) over the periods where EVERY series is
 *   present, so the matrix is positive semi-definite (what σ_p, ENB and HRP need).
 * - Clusters (METHODS.md "Correlation clusters"): assets joined by a chain of pairs with ρ above
 *   the threshold (default 0.8) share one cluster — connected components, i.e. single linkage cut.
 * - Beta to the benchmark b: β = cov(a, b)/var(b) over complete pairs (OLS slope of a on b).
 */
import { pearsonCorrelation } from '../stats/pearson-correlation.ts';

export interface CorrelationMatrix {
  /** r[i][j]; 1 on the diagonal for a non-constant series, null where undefined. */
  r: (number | null)[][];
  /** Complete pairs behind each r[i][j]. */
  n: number[][];
}

/** Pairwise Pearson correlation of every two series (complete pairs). */
export function correlationMatrix(series: readonly ArrayLike<number>[]): CorrelationMatrix {
  const k = series.length;
  const r: (number | null)[][] = Array.from({ length: k }, () => new Array<number | null>(k).fill(null));
  const n: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const c = pearsonCorrelation(series[i]!, series[j]!);
      const value = i === j && c.r !== null ? 1 : c.r;
      r[i]![j] = r[j]![i] = value;
      n[i]![j] = n[j]![i] = c.n;
    }
  }
  return { r, n };
}

export interface CovarianceMatrix {
  /** Σ[i][j], sample covariance with divisor rows − 1. */
  covariance: number[][];
  /** Periods where every series is present. */
  rows: number;
}

/** Sample covariance over the periods where all series are finite; null with fewer than 2 such periods. */
export function covarianceMatrix(series: readonly ArrayLike<number>[]): CovarianceMatrix | null {
  const k = series.length;
  if (k === 0) return null;
  const length = Math.min(...series.map((s) => s.length));
  const complete: number[] = [];
  for (let t = 0; t < length; t++) if (series.every((s) => Number.isFinite(s[t]!))) complete.push(t);
  const rows = complete.length;
  if (rows < 2) return null;
  const means = series.map((s) => complete.reduce((sum, t) => sum + s[t]!, 0) / rows);
  const covariance: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let acc = 0;
      for (const t of complete) acc += (series[i]![t]! - means[i]!) * (series[j]![t]! - means[j]!);
      covariance[i]![j] = covariance[j]![i] = acc / (rows - 1);
    }
  }
  return { covariance, rows };
}

/** ρᵢⱼ = Σᵢⱼ/√(ΣᵢᵢΣⱼⱼ); null where a variance is 0. */
export function correlationFromCovariance(covariance: readonly (readonly number[])[]): (number | null)[][] {
  return covariance.map((row, i) =>
    row.map((value, j) => {
      const scale = Math.sqrt(covariance[i]![i]! * covariance[j]![j]!);
      return scale > 0 ? Math.max(-1, Math.min(1, value / scale)) : null;
    }),
  );
}

export interface CorrelationClusters {
  /** Cluster number of each asset (0-based, in order of each cluster's first asset). */
  clusterOf: number[];
  /** Members of each cluster, ascending. */
  clusters: number[][];
  threshold: number;
}

/**
 * Assets linked by chains of pairs with ρ > `threshold` (default 0.8) form one cluster (single
 * linkage); an undefined ρ links nothing.
 */
export function correlationClusters(correlation: readonly (readonly (number | null)[])[], threshold = 0.8): CorrelationClusters {
  const k = correlation.length;
  const clusterOf = new Array<number>(k).fill(-1);
  const clusters: number[][] = [];
  for (let start = 0; start < k; start++) {
    if (clusterOf[start] !== -1) continue;
    const label = clusters.length;
    const members: number[] = [];
    const stack = [start];
    clusterOf[start] = label;
    while (stack.length > 0) {
      const i = stack.pop()!;
      members.push(i);
      for (let j = 0; j < k; j++) {
        const r = correlation[i]![j];
        if (clusterOf[j] === -1 && j !== i && r !== null && r !== undefined && r > threshold) {
          clusterOf[j] = label;
          stack.push(j);
        }
      }
    }
    clusters.push(members.sort((a, b) => a - b));
  }
  return { clusterOf, clusters, threshold };
}

export interface Beta {
  /** cov(a, b)/var(b); null when fewer than 3 complete pairs or b is constant. */
  beta: number | null;
  /** Pearson r of a and b over the same pairs. */
  correlation: number | null;
  /** Complete pairs. */
  n: number;
}

/** Beta (and correlation) of `asset` returns to `benchmark` returns (e.g. BTC), same periods. */
export function betaTo(asset: ArrayLike<number>, benchmark: ArrayLike<number>): Beta {
  const { r, n } = pearsonCorrelation(asset, benchmark);
  if (n < 3) return { beta: null, correlation: r, n };
  let sa = 0;
  let sb = 0;
  const length = Math.min(asset.length, benchmark.length);
  for (let t = 0; t < length; t++) {
    if (Number.isFinite(asset[t]!) && Number.isFinite(benchmark[t]!)) {
      sa += asset[t]!;
      sb += benchmark[t]!;
    }
  }
  const ma = sa / n;
  const mb = sb / n;
  let sab = 0;
  let sbb = 0;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < length; t++) {
    if (Number.isFinite(asset[t]!) && Number.isFinite(benchmark[t]!)) {
      sab += (asset[t]! - ma) * (benchmark[t]! - mb);
      sbb += (benchmark[t]! - mb) ** 2;
      low = Math.min(low, benchmark[t]!);
      high = Math.max(high, benchmark[t]!);
    }
  }
  // A constant benchmark has no variance, whatever rounding leaves in sbb.
  return { beta: high > low && sbb > 0 ? sab / sbb : null, correlation: r, n };
}

export interface ShrunkCovariance {
  /** δ·F + (1 − δ)·S, with S the sample covariance with divisor T (as in the paper). */
  covariance: number[][];
  /** δ ∈ [0, 1], the shrinkage intensity. */
  shrinkage: number;
  /** r̄, the average sample correlation of the constant-correlation target F. */
  averageCorrelation: number;
  /** Periods where every series is present. */
  rows: number;
}

/**
 * Ledoit–Wolf shrinkage towards the constant-correlation target (Ledoit & Wolf, "Honey, I Shrunk
 * the Sample Covariance Matrix", Journal of Portfolio Management 30(4), 2004, transcribing the
 * authors' covCor.m): F = r̄·√(sᵢᵢsⱼⱼ) off the diagonal, sᵢᵢ on it; δ = max(0, min(1, κ/T)),
 * κ = (π̂ − ρ̂)/γ̂ with π̂ = Σᵢⱼ π̂ᵢⱼ, π̂ᵢⱼ = mean((yᵢyⱼ − sᵢⱼ)²), ρ̂ = Σᵢ π̂ᵢᵢ + r̄ Σ_{i≠j} √(sⱼⱼ/sᵢᵢ)·ϑᵢⱼ,
 * ϑᵢⱼ = mean((yᵢ² − sᵢᵢ)(yᵢyⱼ − sᵢⱼ)), γ̂ = ‖F − S‖²_F; y = demeaned returns over the periods where
 * all series are present, S with divisor T. null with fewer than 2 such periods, fewer than 2
 * series, or a constant series.
 */
export function ledoitWolfCovariance(series: readonly ArrayLike<number>[]): ShrunkCovariance | null {
  const n = series.length;
  if (n < 2) return null;
  const length = Math.min(...series.map((s) => s.length));
  const complete: number[] = [];
  for (let t = 0; t < length; t++) if (series.every((s) => Number.isFinite(s[t]!))) complete.push(t);
  const T = complete.length;
  if (T < 2) return null;
  const y = series.map((s) => {
    const center = complete.reduce((sum, t) => sum + s[t]!, 0) / T;
    return Float64Array.from(complete, (t) => s[t]! - center);
  });
  const dot = (a: Float64Array, b: Float64Array): number => a.reduce((sum, value, t) => sum + value * b[t]!, 0);
  const sample = y.map((yi) => y.map((yj) => dot(yi, yj) / T));
  const sd = sample.map((row, i) => Math.sqrt(row[i]!));
  if (sd.some((s) => !(s > 0))) return null;
  let correlationSum = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) correlationSum += sample[i]![j]! / (sd[i]! * sd[j]!);
  const averageCorrelation = correlationSum / (n * (n - 1));
  const prior = sample.map((row, i) => row.map((value, j) => (i === j ? value : averageCorrelation * sd[i]! * sd[j]!)));
  // π̂ᵢⱼ = mean over t of (yᵢyⱼ − sᵢⱼ)².
  let pi = 0;
  let piDiagonal = 0;
  const piMatrix = sample.map((row, i) =>
    row.map((s, j) => {
      let acc = 0;
      for (let t = 0; t < T; t++) acc += (y[i]![t]! * y[j]![t]! - s) ** 2;
      return acc / T;
    }),
  );
  for (let i = 0; i < n; i++) {
    piDiagonal += piMatrix[i]![i]!;
    for (let j = 0; j < n; j++) pi += piMatrix[i]![j]!;
  }
  // ϑᵢⱼ = mean over t of (yᵢ² − sᵢᵢ)(yᵢyⱼ − sᵢⱼ).
  const theta = (i: number, j: number): number => {
    let acc = 0;
    for (let t = 0; t < T; t++) acc += (y[i]![t]! ** 2 - sample[i]![i]!) * (y[i]![t]! * y[j]![t]! - sample[i]![j]!);
    return acc / T;
  };
  let rhoOff = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) rhoOff += (sd[j]! / sd[i]!) * theta(i, j);
  const rho = piDiagonal + averageCorrelation * rhoOff;
  let gamma = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) gamma += (sample[i]![j]! - prior[i]![j]!) ** 2;
  const shrinkage = gamma > 0 ? Math.max(0, Math.min(1, (pi - rho) / gamma / T)) : 0;
  const covariance = sample.map((row, i) => row.map((s, j) => shrinkage * prior[i]![j]! + (1 - shrinkage) * s));
  return { covariance, shrinkage, averageCorrelation, rows: T };
}

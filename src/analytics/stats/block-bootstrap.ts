/**
 * Block-bootstrap confidence intervals for a statistic of a dependent series (per-period Sharpe,
 * mean excess return, or any function of a sample), seeded and reproducible (seeded-random.ts).
 *
 * - Stationary bootstrap (default): Politis & Romano, "The Stationary Bootstrap", JASA 89(428),
 *   1994. Each resampled index continues the current block (circularly) with probability 1 − 1/b
 *   and jumps to a uniform random start with probability 1/b: blocks of geometric length, mean b.
 * - Moving-block bootstrap: Künsch, "The Jackknife and the Bootstrap for General Stationary
 *   Observations", Annals of Statistics 17(3), 1989: blocks of fixed length b starting uniformly in
 *   0 … T − b, concatenated and cut to T.
 * - Block length rule (when not given): the automatic rule of Politis & White, "Automatic
 *   Block-Length Selection for the Dependent Bootstrap", Econometric Reviews 23(1), 2004, with the
 *   correction of Patton, Politis & White (2009): b = (2Ĝ²/D̂)^{1/3}·T^{1/3}, Ĝ = Σ_{|k|≤M} λ(k/M)|k|R̂(k),
 *   D̂_SB = 2ĝ², D̂_CB = (4/3)ĝ² (used for the moving block), ĝ = Σ_{|k|≤M} λ(k/M)R̂(k), flat-top λ,
 *   M = 2m̂ where m̂ is the smallest lag after which K_N = 5 autocorrelations are all below
 *   2√(log₁₀T / T). Because a Sharpe ratio depends on the variance as well as the mean, the default
 *   takes the larger of the rule applied to x and to (x − x̄)² (volatility clustering), rounded up,
 *   within [1, min(3√T, T/3)].
 * - Interval: percentile interval, type-7 quantiles of the replicates at (1 ∓ confidence)/2.
 *
 * Non-finite values are dropped before resampling (the series is compacted).
 */
import { InvalidInputError } from '../../domain/errors.ts';
import { autocorrelation } from './autocorrelation.ts';
import { mean, quantileOfSorted, standardDeviation } from './descriptive.ts';
import { seededRandom } from './seeded-random.ts';
import { sharpeRatio } from './sharpe-statistics.ts';

export type BootstrapStatistic = 'sharpe' | 'mean' | ((sample: Float64Array) => number | null);
export type BootstrapMethod = 'stationary' | 'moving-block';

export interface BlockBootstrapOptions {
  /** 'sharpe' (per-period μ̂/σ̂, default), 'mean', or a function of a resampled series. */
  statistic?: BootstrapStatistic;
  method?: BootstrapMethod;
  /** Expected (stationary) or fixed (moving-block) block length; default: the Politis–White rule. */
  blockLength?: number;
  /** Number of bootstrap replicates (default 2,000). */
  replicates?: number;
  /** Two-sided confidence level of the percentile interval (default 0.95). */
  confidence?: number;
  /** Seed of the generator (default 1). */
  seed?: number;
}

export interface BootstrapInterval {
  /** The statistic on the original series. */
  estimate: number;
  lower: number;
  upper: number;
  confidence: number;
  /** Standard deviation of the replicates. */
  standardError: number | null;
  method: BootstrapMethod;
  blockLength: number;
  /** How the block length was set: 'given' or 'politis-white'. */
  blockLengthRule: 'given' | 'politis-white';
  /** Replicates whose statistic was defined (the others are dropped). */
  replicates: number;
  /** Observations resampled (finite values). */
  count: number;
  seed: number;
}

export interface OptimalBlockLength {
  /** For the stationary bootstrap. */
  stationary: number;
  /** For the circular / moving-block bootstrap. */
  circular: number;
}

/**
 * Politis–White (2004; Patton, Politis & White 2009) optimal block lengths of one series (not
 * rounded, within [1, min(3√T, T/3)]). null with fewer than 8 finite values or a constant series.
 */
export function optimalBlockLength(values: ArrayLike<number>): OptimalBlockLength | null {
  const x = finite(values);
  const T = x.length;
  if (T < 8) return null;
  const kN = Math.max(5, Math.ceil(Math.sqrt(Math.log10(T))));
  const mMax = Math.ceil(Math.sqrt(T)) + kN;
  const rho = autocorrelation(x, Math.min(mMax + kN, T - 1));
  if (Number.isNaN(rho[0]!)) return null;
  const critical = 2 * Math.sqrt(Math.log10(T) / T);
  const at = (k: number): number => (k < rho.length ? rho[k]! : 0);
  let mHat = mMax;
  for (let m = 0; m <= mMax; m++) {
    let insignificant = true;
    for (let k = 1; k <= kN && insignificant; k++) if (!(Math.abs(at(m + k)) < critical)) insignificant = false;
    if (insignificant) {
      mHat = m;
      break;
    }
  }
  const M = Math.min(2 * mHat, mMax);
  // ρ instead of R̂ = ρ·R̂(0): the rule is a ratio, free of scale.
  let g = 1;
  let G = 0;
  for (let k = 1; k <= M; k++) {
    const t = k / M;
    const weight = t <= 0.5 ? 1 : 2 * (1 - t);
    g += 2 * weight * at(k);
    G += 2 * weight * k * at(k);
  }
  const bMax = Math.min(3 * Math.sqrt(T), T / 3);
  const clamp = (b: number): number => (Number.isFinite(b) ? Math.min(bMax, Math.max(1, b)) : 1);
  const ratio = (G * G) / (g * g);
  return {
    stationary: clamp(Math.cbrt(ratio) * Math.cbrt(T)),
    circular: clamp(Math.cbrt(1.5 * ratio) * Math.cbrt(T)),
  };
}

/**
 * Percentile block-bootstrap interval of `statistic` on `values`. null when fewer than 3 finite
 * values, the statistic is undefined on the series, or fewer than 2 replicates are defined.
 */
export function blockBootstrapInterval(values: ArrayLike<number>, options: BlockBootstrapOptions = {}): BootstrapInterval | null {
  const method = options.method ?? 'stationary';
  const replicates = options.replicates ?? 2000;
  const confidence = options.confidence ?? 0.95;
  const seed = options.seed ?? 1;
  if (!(Number.isInteger(replicates) && replicates >= 2)) throw new InvalidInputError(`bootstrap: replicates must be an integer ≥ 2, got ${replicates}`);
  if (!(confidence > 0 && confidence < 1)) throw new InvalidInputError(`bootstrap: confidence must be in (0, 1), got ${confidence}`);
  if (options.blockLength !== undefined && !(options.blockLength >= 1)) {
    throw new InvalidInputError(`bootstrap: blockLength must be ≥ 1, got ${options.blockLength}`);
  }
  const statistic = statisticFunction(options.statistic ?? 'sharpe');
  const x = finite(values);
  const T = x.length;
  if (T < 3) return null;
  const estimate = statistic(x);
  if (estimate === null || !Number.isFinite(estimate)) return null;

  let blockLength: number;
  if (options.blockLength !== undefined) blockLength = Math.min(options.blockLength, T);
  else blockLength = defaultBlockLength(x, method);
  if (method === 'moving-block') blockLength = Math.max(1, Math.round(blockLength));

  const random = seededRandom(seed);
  const sample = new Float64Array(T);
  const results: number[] = [];
  for (let r = 0; r < replicates; r++) {
    if (method === 'stationary') {
      const restart = 1 / blockLength;
      let index = random.integer(T);
      for (let t = 0; t < T; t++) {
        if (t > 0) index = random.uniform() < restart ? random.integer(T) : (index + 1) % T;
        sample[t] = x[index]!;
      }
    } else {
      const starts = T - blockLength + 1;
      for (let t = 0; t < T; ) {
        const start = random.integer(starts);
        for (let k = 0; k < blockLength && t < T; k++) sample[t++] = x[start + k]!;
      }
    }
    const value = statistic(sample);
    if (value !== null && Number.isFinite(value)) results.push(value);
  }
  if (results.length < 2) return null;
  const sorted = Float64Array.from(results).sort();
  const tail = (1 - confidence) / 2;
  return {
    estimate,
    lower: quantileOfSorted(sorted, tail)!,
    upper: quantileOfSorted(sorted, 1 - tail)!,
    confidence,
    standardError: standardDeviation(sorted),
    method,
    blockLength,
    blockLengthRule: options.blockLength === undefined ? 'politis-white' : 'given',
    replicates: results.length,
    count: T,
    seed,
  };
}

/** max(rule(x), rule((x − x̄)²)), rounded up; 1 when the rule is undefined. */
function defaultBlockLength(x: Float64Array, method: BootstrapMethod): number {
  const center = mean(x)!;
  const squares = x.map((value) => (value - center) ** 2);
  const pick = (b: OptimalBlockLength | null): number => (b === null ? 1 : method === 'stationary' ? b.stationary : b.circular);
  return Math.ceil(Math.max(pick(optimalBlockLength(x)), pick(optimalBlockLength(squares))));
}

function statisticFunction(statistic: BootstrapStatistic): (sample: Float64Array) => number | null {
  if (statistic === 'sharpe') return (sample) => sharpeRatio(sample);
  if (statistic === 'mean') return (sample) => mean(sample);
  return statistic;
}

function finite(values: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) out.push(values[i]!);
  return Float64Array.from(out);
}

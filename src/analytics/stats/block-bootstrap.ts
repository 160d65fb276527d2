/**
 * Block bootstraps for dependent data. Resampling single days would destroy autocorrelation and
 * understate the uncertainty of anything computed from returns with volatility clustering or
 * regimes; resampling blocks keeps the dependence within each block.
 *
 * - 'stationary' (Politis & Romano 1994): blocks of geometric length with mean `blockLength`
 *   starting at uniform positions, wrapping around the end; the resampled series is stationary.
 * - 'moving-block' (Künsch 1989): blocks of fixed length starting at uniform positions that fit.
 * - 'circular-block' (Politis & Romano 1992): fixed length, wrapping around the end.
 */
import { InvalidInputError } from '../../domain/errors.ts';
import { quantileOfSorted, standardDeviation } from './descriptive.ts';
import { seededRandom, type SeededRandom } from './seeded-random.ts';

export type BlockBootstrapMethod = 'stationary' | 'moving-block' | 'circular-block';

/** A rule-of-thumb block length ⌈n^(1/3)⌉ (Hall, Horowitz & Jing 1995 give the n^(1/3) rate). */
export function defaultBlockLength(n: number): number {
  return Math.max(1, Math.ceil(Math.cbrt(n)));
}

/** Indices 0 … n − 1 of one block-bootstrap resample of length n. */
export function blockBootstrapIndices(n: number, blockLength: number, method: BlockBootstrapMethod, random: SeededRandom): Int32Array {
  if (!(Number.isInteger(n) && n >= 1)) throw new InvalidInputError(`block bootstrap: n must be a whole number ≥ 1, got ${n}`);
  if (!(blockLength >= 1)) throw new InvalidInputError(`block bootstrap: block length must be ≥ 1, got ${blockLength}`);
  const out = new Int32Array(n);
  let filled = 0;
  if (method === 'stationary') {
    const restart = 1 / blockLength;
    let position = random.integer(n);
    while (filled < n) {
      out[filled++] = position;
      position = random.uniform() < restart ? random.integer(n) : (position + 1) % n;
    }
    return out;
  }
  const length = Math.min(Math.round(blockLength), n);
  while (filled < n) {
    const start = method === 'moving-block' ? random.integer(n - length + 1) : random.integer(n);
    for (let i = 0; i < length && filled < n; i++) out[filled++] = (start + i) % n;
  }
  return out;
}

export interface BlockBootstrapOptions {
  seed: number;
  /** Default 2000. */
  replicates?: number;
  /** Default ⌈n^(1/3)⌉. */
  blockLength?: number;
  /** Default 'stationary'. */
  method?: BlockBootstrapMethod;
  /** Default 0.95. */
  confidence?: number;
}

export interface BlockBootstrapResult {
  estimate: number | null;
  /** Standard deviation of the replicates. */
  standardError: number | null;
  /** Percentile interval of the replicates. */
  interval: [number, number] | null;
  /** Replicates where the statistic was defined, sorted ascending. */
  replicates: Float64Array;
  blockLength: number;
  method: BlockBootstrapMethod;
  confidence: number;
  seed: number;
}

/**
 * Bootstraps `statistic` over resamples of the row indices 0 … n − 1 (pass the indices to the
 * statistic, which picks its rows from as many aligned series as it needs).
 */
export function blockBootstrap(n: number, statistic: (indices: Int32Array) => number | null, options: BlockBootstrapOptions): BlockBootstrapResult {
  const replicates = options.replicates ?? 2000;
  const blockLength = options.blockLength ?? defaultBlockLength(n);
  const method = options.method ?? 'stationary';
  const confidence = options.confidence ?? 0.95;
  const random = seededRandom(options.seed);
  const identity = Int32Array.from({ length: n }, (_, i) => i);
  const estimate = statistic(identity);
  const values: number[] = [];
  for (let b = 0; b < replicates; b++) {
    const value = statistic(blockBootstrapIndices(n, blockLength, method, random));
    if (value !== null && Number.isFinite(value)) values.push(value);
  }
  const sorted = Float64Array.from(values).sort();
  const tail = (1 - confidence) / 2;
  const lower = quantileOfSorted(sorted, tail);
  const upper = quantileOfSorted(sorted, 1 - tail);
  return {
    estimate,
    standardError: standardDeviation(sorted),
    interval: lower === null || upper === null ? null : [lower, upper],
    replicates: sorted,
    blockLength,
    method,
    confidence,
    seed: options.seed,
  };
}

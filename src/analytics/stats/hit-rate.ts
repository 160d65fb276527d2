/**
 * Hit rate: after an event, how often a condition (ASI ≥ 75) held on at least one of the next h
 * days, against the base rate of the same over all days. The event rate's interval is Wilson's
 * score interval (which ignores the dependence between clustered events, so read it as a
 * lower bound on the uncertainty); the p-value of the difference comes from cluster-keeping
 * placebo dates (placebo-events.ts), which accounts for that dependence.
 */
import { InvalidInputError } from '../../domain/errors.ts';
import { normalQuantile } from './normal-distribution.ts';
import { drawPlaceboEvents } from './placebo-events.ts';
import { seededRandom } from './seeded-random.ts';
import { resolvePlaceboOptions, type PlaceboOptions } from './placebo-options.ts';

export type HitRateOptions = PlaceboOptions;

export interface HitRateResult {
  horizon: number;
  events: number;
  eventsDropped: number;
  hits: number;
  /** hits / events; null without events. */
  rate: number | null;
  /** Wilson score interval of the rate. */
  interval: [number, number] | null;
  /** Share of all eligible days followed by a hit within the horizon. */
  baseRate: number | null;
  baseDays: number;
  /** rate − baseRate. */
  difference: number | null;
  pValue: number | null;
  replicates: number;
  seed: number;
}

/** Wilson score interval for a binomial proportion (Wilson 1927). */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): [number, number] | null {
  if (trials <= 0) return null;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / trials;
  const denominator = 1 + (z * z) / trials;
  const center = (p + (z * z) / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials))) / denominator;
  return [Math.max(0, center - half), Math.min(1, center + half)];
}

/** `condition`: 1 where it holds, 0 where not, NaN where unknown; `eventIndices`: indices into it. */
export function hitRate(condition: ArrayLike<number>, eventIndices: ArrayLike<number>, options: HitRateOptions): HitRateResult {
  const { horizon, seed, replicates, confidence, clusterGap } = resolvePlaceboOptions('hit rate', options);
  const n = condition.length;
  const trueCount = new Int32Array(n + 1);
  const unknownCount = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const value = condition[i]!;
    trueCount[i + 1] = trueCount[i]! + (value === 1 ? 1 : 0);
    unknownCount[i + 1] = unknownCount[i]! + (Number.isFinite(value) ? 0 : 1);
  }
  const eligible: number[] = [];
  const hitAt: number[] = [];
  const positionOf = new Int32Array(n).fill(-1);
  for (let t = 0; t + horizon < n; t++) {
    if (unknownCount[t + horizon + 1]! - unknownCount[t + 1]! > 0) continue;
    positionOf[t] = eligible.length;
    eligible.push(t);
    hitAt.push(trueCount[t + horizon + 1]! - trueCount[t + 1]! > 0 ? 1 : 0);
  }
  const positions: number[] = [];
  let eventsDropped = 0;
  for (const t of Array.from(eventIndices).sort((a, b) => a - b)) {
    if (!Number.isInteger(t) || t < 0 || t >= n) throw new InvalidInputError(`hit rate: event index ${t} is outside the condition series (0 … ${n - 1})`);
    if (positionOf[t]! >= 0) positions.push(positionOf[t]!);
    else eventsDropped++;
  }
  const baseHits = hitAt.reduce((acc, value) => acc + value, 0);
  const baseRate = eligible.length > 0 ? baseHits / eligible.length : null;
  const hits = positions.reduce((acc, p) => acc + hitAt[p]!, 0);
  const rate = positions.length > 0 ? hits / positions.length : null;
  const difference = rate !== null && baseRate !== null ? rate - baseRate : null;
  let pValue: number | null = null;
  if (difference !== null && replicates > 0) {
    const random = seededRandom(seed);
    let extreme = 0;
    for (let b = 0; b < replicates; b++) {
      const placebo = drawPlaceboEvents(eligible.length, positions, clusterGap, random);
      let placeboHits = 0;
      for (const p of placebo) placeboHits += hitAt[p]!;
      if (Math.abs(placeboHits / placebo.length - baseRate!) >= Math.abs(difference) - 1e-12) extreme++;
    }
    pValue = (1 + extreme) / (replicates + 1);
  }
  return {
    horizon,
    events: positions.length,
    eventsDropped,
    hits,
    rate,
    interval: wilsonInterval(hits, positions.length, confidence),
    baseRate,
    baseDays: eligible.length,
    difference,
    pValue,
    replicates,
    seed,
  };
}

/**
 * Event study: the cumulative target (e.g. alt-minus-BTC log return) over the h days after each
 * event (a Russell 2000 breakout), against the same forward sum over all days.
 *
 *   effect = mean over events of S(t, h) − mean over all eligible days of S(t, h),
 *   S(t, h) = y[t+1] + … + y[t+h]   (the event day's own return is excluded: no look-ahead)
 *
 * Forward windows of nearby days overlap, so S is strongly autocorrelated and a naive t-test
 * would be badly overconfident. Inference uses a placebo distribution instead: B sets of random
 * dates, as many as the events, with the events' clusters kept together (placebo-events.ts), on
 * the real target series. p-value: (1 + #{|placebo effect| ≥ |effect|}) / (B + 1). Interval: the
 * placebo quantiles turned around the estimate, [effect − q(1 − a/2), effect − q(a/2)], which
 * assumes an effect shifts the distribution without changing its shape.
 */
import { InvalidInputError } from '../../domain/errors.ts';
import { mean, quantileOfSorted } from './descriptive.ts';
import { drawPlaceboEvents } from './placebo-events.ts';
import { seededRandom } from './seeded-random.ts';
import { resolvePlaceboOptions, type PlaceboOptions } from './placebo-options.ts';

export type EventStudyOptions = PlaceboOptions;

export interface EventStudyResult {
  horizon: number;
  /** Events with a complete forward window (the n of the study). */
  events: number;
  /** Events dropped because their forward window runs past the data or has gaps. */
  eventsDropped: number;
  /** Indices into the target of the events used (ascending), so reports can name exactly those. */
  eventIndices: number[];
  /** Mean forward sum after events; null without events. */
  eventMean: number | null;
  /** Mean forward sum over all eligible days. */
  baselineMean: number | null;
  baselineDays: number;
  effect: number | null;
  interval: [number, number] | null;
  pValue: number | null;
  replicates: number;
  confidence: number;
  seed: number;
  /** Mean cumulative excess (events minus baseline) after 1 … h days, with the placebo band. */
  path: { day: number; excess: number | null; placeboLower: number | null; placeboUpper: number | null }[];
}

/** `target`: daily values aligned by index (NaN = missing); `eventIndices`: indices into target. */
export function eventStudy(target: ArrayLike<number>, eventIndices: ArrayLike<number>, options: EventStudyOptions): EventStudyResult {
  const { horizon, seed, replicates, confidence, clusterGap } = resolvePlaceboOptions('event study', options);
  const n = target.length;
  // Prefix sums over present values and prefix counts of gaps make each S(t, k) O(1).
  const prefix = new Float64Array(n + 1);
  const gaps = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const value = target[i]!;
    const present = Number.isFinite(value);
    prefix[i + 1] = prefix[i]! + (present ? value : 0);
    gaps[i + 1] = gaps[i]! + (present ? 0 : 1);
  }
  // S(t, k) = prefix[t + k + 1] − prefix[t + 1].
  const forward = (t: number, k: number): number => prefix[t + k + 1]! - prefix[t + 1]!;
  const eligible: number[] = [];
  const positionOf = new Int32Array(n).fill(-1);
  for (let t = 0; t + horizon < n; t++) {
    if (gaps[t + horizon + 1]! - gaps[t + 1]! === 0) {
      positionOf[t] = eligible.length;
      eligible.push(t);
    }
  }
  const eventPositions: number[] = [];
  let eventsDropped = 0;
  const sortedEvents = Array.from(eventIndices).sort((a, b) => a - b);
  for (const t of sortedEvents) {
    if (!Number.isInteger(t) || t < 0 || t >= n) throw new InvalidInputError(`event study: event index ${t} is outside the target (0 … ${n - 1})`);
    if (positionOf[t]! >= 0) eventPositions.push(positionOf[t]!);
    else eventsDropped++;
  }
  const baselinePath = new Float64Array(horizon + 1);
  for (const t of eligible) for (let k = 1; k <= horizon; k++) baselinePath[k] = baselinePath[k]! + forward(t, k);
  for (let k = 1; k <= horizon; k++) baselinePath[k] = baselinePath[k]! / Math.max(1, eligible.length);
  const baselineMean = eligible.length > 0 ? baselinePath[horizon]! : null;
  const base: EventStudyResult = {
    horizon,
    events: eventPositions.length,
    eventsDropped,
    eventIndices: eventPositions.map((p) => eligible[p]!),
    eventMean: null,
    baselineMean,
    baselineDays: eligible.length,
    effect: null,
    interval: null,
    pValue: null,
    replicates,
    confidence,
    seed,
    path: Array.from({ length: horizon }, (_, i) => ({ day: i + 1, excess: null, placeboLower: null, placeboUpper: null })),
  };
  if (eventPositions.length === 0 || baselineMean === null) return base;

  const excessPath = (positions: ArrayLike<number>): Float64Array => {
    const path = new Float64Array(horizon + 1);
    for (let i = 0; i < positions.length; i++) {
      const t = eligible[positions[i]!]!;
      for (let k = 1; k <= horizon; k++) path[k] = path[k]! + forward(t, k);
    }
    for (let k = 1; k <= horizon; k++) path[k] = path[k]! / positions.length - baselinePath[k]!;
    return path;
  };
  const observed = excessPath(eventPositions);
  const effect = observed[horizon]!;
  const random = seededRandom(seed);
  const placeboByDay = Array.from({ length: horizon + 1 }, () => new Float64Array(replicates));
  let atLeastAsExtreme = 0;
  for (let b = 0; b < replicates; b++) {
    const placebo = excessPath(drawPlaceboEvents(eligible.length, eventPositions, clusterGap, random));
    for (let k = 1; k <= horizon; k++) placeboByDay[k]![b] = placebo[k]!;
    if (Math.abs(placebo[horizon]!) >= Math.abs(effect) - 1e-15) atLeastAsExtreme++;
  }
  const tail = (1 - confidence) / 2;
  const path = base.path.map((point) => {
    const sorted = placeboByDay[point.day]!.slice().sort();
    return { day: point.day, excess: observed[point.day]!, placeboLower: quantileOfSorted(sorted, tail), placeboUpper: quantileOfSorted(sorted, 1 - tail) };
  });
  const lastBand = path[horizon - 1]!;
  return {
    ...base,
    eventMean: mean(eventPositions.map((p) => forward(eligible[p]!, horizon))),
    effect,
    interval: replicates > 0 ? [effect - lastBand.placeboUpper!, effect - lastBand.placeboLower!] : null,
    pValue: replicates > 0 ? (1 + atLeastAsExtreme) / (replicates + 1) : null,
    path,
  };
}

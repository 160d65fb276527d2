/**
 * What happened after Russell 2000 breakouts: the event study of forward alt-minus-BTC log returns
 * (30/60/90/180 days, against all days, cluster-keeping placebo dates) and the hit rates of
 * "ASI ≥ threshold within h days" against the base rate. Events are breakout days on the crypto
 * calendar; the breakout day's own return is excluded from the forward window (no look-ahead).
 */
import { isoDateOf, type DayNumber } from '../../domain/dates.ts';
import { eventStudy } from '../stats/event-study.ts';
import { hitRate } from '../stats/hit-rate.ts';
import { minimumDetectableEffect } from '../stats/power.ts';
import { normalQuantile } from '../stats/normal-distribution.ts';
import type { EventStudySummary, HitRateSummary, TargetId } from './thesis-report.ts';

export interface BreakoutAnalysisOptions {
  seed: number;
  replicates: number;
  alpha: number;
  eventHorizons: readonly number[];
  hitHorizons: readonly number[];
  threshold: number;
}

/** Indices of the breakout days in the calendar that starts at `from` (outside ones dropped). */
export function eventIndices(breakoutDays: readonly number[], from: number, length: number): number[] {
  return breakoutDays.map((day) => day - from).filter((i) => i >= 0 && i < length);
}

export function runEventStudies(
  days: Int32Array,
  targets: Partial<Record<TargetId, Float64Array>>,
  events: readonly number[],
  options: BreakoutAnalysisOptions,
): EventStudySummary[] {
  const z = normalQuantile(0.975);
  const out: EventStudySummary[] = [];
  let offset = 0;
  for (const [target, values] of Object.entries(targets) as [TargetId, Float64Array][]) {
    for (const horizon of options.eventHorizons) {
      // Each study gets its own seed derived from the report's, so adding one does not change the others.
      const result = eventStudy(values, events, { horizon, seed: options.seed + 1000 + offset++, replicates: options.replicates });
      const se = result.path.length && result.path.at(-1)!.placeboUpper !== null ? (result.path.at(-1)!.placeboUpper! - result.path.at(-1)!.placeboLower!) / (2 * z) : null;
      out.push({
        id: `event:${target}:${horizon}d`,
        target,
        horizonDays: horizon,
        events: result.events,
        eventsDropped: result.eventsDropped,
        eventDates: result.eventIndices.map((t) => isoDateOf(days[t]! as DayNumber)),
        eventMean: result.eventMean,
        baselineMean: result.baselineMean,
        baselineDays: result.baselineDays,
        effect: result.effect,
        interval: result.interval,
        pValue: result.pValue,
        replicates: result.replicates,
        minimumDetectableEffect: se === null ? null : minimumDetectableEffect(se, { alpha: options.alpha }),
        path: result.path,
      });
    }
  }
  return out;
}

export function runHitRates(asi: Float64Array, events: readonly number[], options: BreakoutAnalysisOptions): HitRateSummary[] {
  const condition = Float64Array.from(asi, (value) => (Number.isFinite(value) ? (value >= options.threshold ? 1 : 0) : Number.NaN));
  return options.hitHorizons.map((horizon, k) => {
    const result = hitRate(condition, events, { horizon, seed: options.seed + 2000 + k, replicates: options.replicates });
    return {
      id: `hit:asi≥${options.threshold}:${horizon}d`,
      horizonDays: horizon,
      threshold: options.threshold,
      events: result.events,
      eventsDropped: result.eventsDropped,
      hits: result.hits,
      rate: result.rate,
      interval: result.interval,
      baseRate: result.baseRate,
      baseDays: result.baseDays,
      difference: result.difference,
      pValue: result.pValue,
      replicates: result.replicates,
    };
  });
}

/**
 * What the readiness score is judged against: an altcoin season (an ASI episode at or above 75)
 * starting within the next h days, and the alt basket's log return minus BTC's over the next h
 * days. Labels use the future by definition; the walk-forward fits (fitted weights, calibration)
 * only use a day's label once it is known: h days later plus the days an episode needs to count
 * (`confirmDays`).
 */
import { valueOn, type DailyValues } from '../signals/daily-values.ts';

export const SEASON_HORIZONS = [30, 60, 90] as const;
export const RETURN_HORIZONS = [30, 90] as const;

export interface ReadinessTargets {
  /** First and last day with target data (the ASI's span). */
  firstDay: number;
  lastDay: number;
  /** First days of the altcoin-season episodes, ascending. */
  seasonStarts: readonly number[];
  /** Episode spans [start, end] (days inside are not scored: a season cannot start while one runs). */
  seasons: readonly { start: number; end: number }[];
  /** Days after the end of a window before a start in it is confirmed (the episode minimum length). */
  confirmDays: number;
  /** ln(alt basket / BTC), daily, for the return targets (optional). */
  altOverBtc?: DailyValues;
}

export function inSeason(targets: ReadinessTargets, day: number): boolean {
  return targets.seasons.some((s) => day >= s.start && day <= s.end);
}

/**
 * 1 when a season starts in (day, day + h], 0 when none does and the window is over, NaN when the
 * day is inside a season or the window runs past the data.
 */
export function seasonLabel(targets: ReadinessTargets, day: number, horizon: number): number {
  if (day < targets.firstDay || day + horizon + targets.confirmDays > targets.lastDay) return NaN;
  if (inSeason(targets, day)) return NaN;
  for (const s of targets.seasonStarts) if (s > day && s <= day + horizon) return 1;
  return 0;
}

/** The label of `day` is known on `asOf` (its window and the episode confirmation are over). */
export function labelKnownOn(targets: ReadinessTargets, day: number, horizon: number, asOf: number): boolean {
  return day + horizon + targets.confirmDays <= asOf;
}

/** Labels on from..to (Float64Array, NaN = not scored). */
export function seasonLabels(targets: ReadinessTargets, from: number, to: number, horizon: number): Float64Array {
  const out = new Float64Array(Math.max(0, to - from + 1));
  for (let d = from; d <= to; d++) out[d - from] = seasonLabel(targets, d, horizon);
  return out;
}

/** Forward log excess return of the alt basket over BTC: x(d + h) − x(d); NaN when either is missing. */
export function forwardExcessReturns(targets: ReadinessTargets, from: number, to: number, horizon: number): Float64Array {
  const out = new Float64Array(Math.max(0, to - from + 1)).fill(NaN);
  const x = targets.altOverBtc;
  if (!x) return out;
  for (let d = from; d <= to; d++) {
    const a = valueOn(x, d);
    const b = valueOn(x, d + horizon);
    if (Number.isFinite(a) && Number.isFinite(b)) out[d - from] = b - a;
  }
  return out;
}

/**
 * Daily simple returns rₜ = Pₜ/Pₜ₋₁ − 1 of one panel asset over days from…to (inclusive), aligned
 * on the calendar: cell k is day from + k; NaN where either close is missing (never filled in).
 */
import type { DayNumber } from '../../domain/dates.ts';
import type { Panel } from '../../domain/panel.ts';

export function calendarReturns(panel: Panel, assetIndex: number, from: DayNumber, to: DayNumber): Float64Array {
  const out = new Float64Array(Math.max(0, to - from + 1)).fill(Number.NaN);
  const asset = panel.assets[assetIndex];
  if (!asset) return out;
  for (let k = 0; k < out.length; k++) {
    const cell = from + k - asset.firstDay;
    if (cell < 1 || cell >= asset.price.length) continue;
    const p0 = asset.price[cell - 1]!;
    const p1 = asset.price[cell]!;
    if (p0 > 0 && Number.isFinite(p1)) out[k] = p1 / p0 - 1;
  }
  return out;
}

/**
 * Returns between sample days d₀ < d₁ < … (e.g. every 7th day ending at t): cell k is
 * P(dₖ₊₁)/P(dₖ) − 1 with P the last close at or before the day, NaN where a close is missing or
 * older than `maxStaleDays` at its sample day. For stretches where only weekly snapshots are stored.
 */
export function sampledReturns(panel: Panel, assetIndex: number, days: readonly DayNumber[], maxStaleDays: number): Float64Array {
  const out = new Float64Array(Math.max(0, days.length - 1)).fill(Number.NaN);
  const asset = panel.assets[assetIndex];
  if (!asset) return out;
  const closeAt = (day: DayNumber): number => {
    let cell = Math.min(day - asset.firstDay, asset.price.length - 1);
    const oldest = day - maxStaleDays - asset.firstDay;
    for (; cell >= 0 && cell >= oldest; cell--) {
      const p = asset.price[cell]!;
      if (Number.isFinite(p) && p > 0) return p;
    }
    return Number.NaN;
  };
  let previous = days.length > 0 ? closeAt(days[0]!) : Number.NaN;
  for (let k = 1; k < days.length; k++) {
    const current = closeAt(days[k]!);
    if (Number.isFinite(previous) && Number.isFinite(current)) out[k - 1] = current / previous - 1;
    previous = current;
  }
  return out;
}

/**
 * The sample days of weekly returns over the `windowDays` up to `day`: every 7th day back from the
 * latest of the day and the 6 days before it on which every one of the assets has a close (weekly
 * snapshots fall on one weekday, Mondays in the shared data), else from the day itself.
 */
export function weeklySampleDays(panel: Panel, assetIndices: readonly number[], day: DayNumber, windowDays: number): DayNumber[] {
  const closesOn = (d: number) =>
    assetIndices.every((i) => {
      const asset = panel.assets[i];
      const p = asset ? asset.price[d - asset.firstDay] : undefined;
      return p !== undefined && Number.isFinite(p) && p > 0;
    });
  let end: number = day;
  while (end > day - 6 && !closesOn(end)) end--;
  if (!closesOn(end)) end = day;
  const samples: DayNumber[] = [];
  for (let d = end - 7 * Math.floor(windowDays / 7); d <= end; d += 7) samples.push(d as DayNumber);
  return samples;
}

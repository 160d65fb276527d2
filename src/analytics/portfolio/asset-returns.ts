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

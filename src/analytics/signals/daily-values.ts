/**
 * A dense daily series: cell i is day `firstDay + i`, NaN where there is no value. Every signal is
 * computed on these, cell by cell from the past only (trailing windows), so a value on day d never
 * depends on a day after d (the future-perturbation test checks it).
 */
export interface DailyValues {
  readonly firstDay: number;
  readonly values: Float64Array;
}

export const EMPTY_DAILY: DailyValues = { firstDay: 0, values: new Float64Array(0) };

/** Builds the dense series of day/value points (the last point of a repeated day wins; NaN and ±∞ are left out). */
export function dailyValuesOf(points: Iterable<{ day: number; value: number }>): DailyValues {
  const list = [...points].filter((p) => Number.isFinite(p.value));
  if (list.length === 0) return EMPTY_DAILY;
  let first = Infinity;
  let last = -Infinity;
  for (const p of list) {
    if (p.day < first) first = p.day;
    if (p.day > last) last = p.day;
  }
  const values = new Float64Array(last - first + 1).fill(NaN);
  for (const p of list) values[p.day - first] = p.value;
  return { firstDay: first, values };
}

export function lastDayOfValues(s: DailyValues): number {
  return s.firstDay + s.values.length - 1;
}

/** The value on `day`, NaN outside the span. */
export function valueOn(s: DailyValues, day: number): number {
  const i = day - s.firstDay;
  return i >= 0 && i < s.values.length ? s.values[i]! : NaN;
}

/** The last finite value at or before `day` and at most `maxAgeDays` older, or null. */
export function lastValueAtOrBefore(s: DailyValues, day: number, maxAgeDays = Infinity): { day: number; value: number } | null {
  for (let d = Math.min(day, lastDayOfValues(s)); d >= s.firstDay && day - d <= maxAgeDays; d--) {
    const v = s.values[d - s.firstDay]!;
    if (Number.isFinite(v)) return { day: d, value: v };
  }
  return null;
}

/** Cell-wise combination of two series over the union of their spans (NaN where either is missing). */
export function combineDaily(a: DailyValues, b: DailyValues, combine: (x: number, y: number) => number): DailyValues {
  if (a.values.length === 0 || b.values.length === 0) return EMPTY_DAILY;
  const first = Math.max(a.firstDay, b.firstDay);
  const last = Math.min(lastDayOfValues(a), lastDayOfValues(b));
  if (last < first) return EMPTY_DAILY;
  const values = new Float64Array(last - first + 1);
  for (let d = first; d <= last; d++) {
    const x = valueOn(a, d);
    const y = valueOn(b, d);
    values[d - first] = Number.isFinite(x) && Number.isFinite(y) ? combine(x, y) : NaN;
  }
  return { firstDay: first, values };
}

/** Cell-wise map (NaN stays NaN; a non-finite result becomes NaN). */
export function mapDaily(s: DailyValues, map: (x: number, day: number) => number): DailyValues {
  const values = new Float64Array(s.values.length);
  for (let i = 0; i < values.length; i++) {
    const x = s.values[i]!;
    const y = Number.isFinite(x) ? map(x, s.firstDay + i) : NaN;
    values[i] = Number.isFinite(y) ? y : NaN;
  }
  return { firstDay: s.firstDay, values };
}

/** The part of `s` on days ≤ `lastDay`. */
export function dailyUpTo(s: DailyValues, lastDay: number): DailyValues {
  const n = Math.max(0, Math.min(s.values.length, lastDay - s.firstDay + 1));
  return n === s.values.length ? s : { firstDay: s.firstDay, values: s.values.slice(0, n) };
}

/** Per day, the first series with a value that day (a fallback chain), and which one it was. */
export function firstAvailable(series: readonly DailyValues[]): { values: DailyValues; pick: Int8Array } {
  const present = series.filter((s) => s.values.length > 0);
  if (present.length === 0) return { values: EMPTY_DAILY, pick: new Int8Array(0) };
  const first = Math.min(...present.map((s) => s.firstDay));
  const last = Math.max(...present.map(lastDayOfValues));
  const values = new Float64Array(last - first + 1).fill(NaN);
  const pick = new Int8Array(last - first + 1).fill(-1);
  for (let d = first; d <= last; d++) {
    for (let k = 0; k < series.length; k++) {
      const v = valueOn(series[k]!, d);
      if (Number.isFinite(v)) {
        values[d - first] = v;
        pick[d - first] = k;
        break;
      }
    }
  }
  return { values: { firstDay: first, values }, pick };
}

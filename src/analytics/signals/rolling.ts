/**
 * Trailing-window statistics on dense daily series. Each output cell uses the window ending on
 * that day (inclusive) and nothing after it; a window with fewer than `minCount` finite values
 * gives NaN.
 */
import { BollingerBands, BollingerBandsWidth } from 'trading-signals';
import { EMPTY_DAILY, type DailyValues } from './daily-values.ts';

function trailing(s: DailyValues, window: number, minCount: number, reduce: (window: number[]) => number): DailyValues {
  const out = new Float64Array(s.values.length);
  const buffer: number[] = [];
  for (let i = 0; i < s.values.length; i++) {
    buffer.length = 0;
    for (let j = Math.max(0, i - window + 1); j <= i; j++) {
      const v = s.values[j]!;
      if (Number.isFinite(v)) buffer.push(v);
    }
    out[i] = buffer.length >= minCount ? reduce(buffer) : NaN;
  }
  return { firstDay: s.firstDay, values: out };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const average = (xs: number[]) => sum(xs) / xs.length;
function sampleSd(xs: number[]): number {
  if (xs.length < 2) return NaN;
  const m = average(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

export function trailingMean(s: DailyValues, window: number, minCount = Math.ceil(window * 0.8)): DailyValues {
  return trailing(s, window, minCount, average);
}

export function trailingSum(s: DailyValues, window: number, minCount = window): DailyValues {
  return trailing(s, window, minCount, sum);
}

/** (x − mean) / sample SD of the trailing window that ends on (and includes) the day. */
export function trailingZScore(s: DailyValues, window: number, minCount: number): DailyValues {
  const out = new Float64Array(s.values.length);
  const means = trailing(s, window, minCount, average);
  const sds = trailing(s, window, minCount, sampleSd);
  for (let i = 0; i < out.length; i++) {
    const x = s.values[i]!;
    const sd = sds.values[i]!;
    out[i] = Number.isFinite(x) && sd > 0 ? (x - means.values[i]!) / sd : NaN;
  }
  return { firstDay: s.firstDay, values: out };
}

/**
 * Percentile rank (0–100) of each day's value among the finite values of the trailing window
 * (the day included): 100 × (values below + ½ × values equal) / values; NaN with fewer than
 * `minCount` values or no value that day.
 */
export function trailingPercentile(s: DailyValues, window = 365, minCount = 180): DailyValues {
  const out = new Float64Array(s.values.length);
  for (let i = 0; i < s.values.length; i++) out[i] = percentileAtIndex(s, i, window, minCount);
  return { firstDay: s.firstDay, values: out };
}

/** trailingPercentile's value on one day alone (NaN outside the series). */
export function percentileOn(s: DailyValues, day: number, window = 365, minCount = 180): number {
  const i = day - s.firstDay;
  return i >= 0 && i < s.values.length ? percentileAtIndex(s, i, window, minCount) : NaN;
}

function percentileAtIndex(s: DailyValues, i: number, window: number, minCount: number): number {
  const x = s.values[i]!;
  if (!Number.isFinite(x)) return NaN;
  let n = 0;
  let below = 0;
  let equal = 0;
  for (let j = Math.max(0, i - window + 1); j <= i; j++) {
    const v = s.values[j]!;
    if (!Number.isFinite(v)) continue;
    n++;
    if (v < x) below++;
    else if (v === x) equal++;
  }
  return n >= minCount ? (100 * (below + equal / 2)) / n : NaN;
}

/** Daily log returns ln(p_d / p_{d−1}); NaN where either day lacks a positive price. */
export function logReturns(price: DailyValues): DailyValues {
  const out = new Float64Array(price.values.length).fill(NaN);
  for (let i = 1; i < out.length; i++) {
    const a = price.values[i - 1]!;
    const b = price.values[i]!;
    if (a > 0 && b > 0) out[i] = Math.log(b / a);
  }
  return { firstDay: price.firstDay, values: out };
}

/** Realised volatility in percent per year: sample SD of the trailing `window` daily log returns × √365 × 100. */
export function realisedVolatilityPct(price: DailyValues, window = 30, minCount = Math.ceil(window * 0.8)): DailyValues {
  const sd = trailing(logReturns(price), window, minCount, sampleSd);
  const out = sd.values.map((v) => v * Math.sqrt(365) * 100);
  return { firstDay: sd.firstDay, values: out };
}

/** mean(last `short` days) / mean(last `long` days) − 1, as a fraction (0.1 = the recent mean is 10 % higher). */
export function shortOverLongGrowth(s: DailyValues, short = 30, long = 90): DailyValues {
  const a = trailingMean(s, short);
  const b = trailingMean(s, long);
  const out = new Float64Array(s.values.length);
  for (let i = 0; i < out.length; i++) {
    const x = a.values[i]!;
    const y = b.values[i]!;
    out[i] = Number.isFinite(x) && y > 0 ? x / y - 1 : NaN;
  }
  return { firstDay: s.firstDay, values: out };
}

/** Percentage change over `days`: 100 × (x_d / x_{d−days} − 1). */
export function changePct(s: DailyValues, days: number): DailyValues {
  const out = new Float64Array(s.values.length).fill(NaN);
  for (let i = days; i < out.length; i++) {
    const a = s.values[i - days]!;
    const b = s.values[i]!;
    if (a > 0 && Number.isFinite(b)) out[i] = 100 * (b / a - 1);
  }
  return { firstDay: s.firstDay, values: out };
}

/**
 * Bollinger bandwidth (upper − lower) / middle of a `period`-day, `deviations`-σ band, from the
 * `trading-signals` library; a missing price restarts the bands (no band spans a gap).
 */
export function bollingerBandwidth(price: DailyValues, period = 20, deviations = 2): DailyValues {
  if (price.values.length === 0) return EMPTY_DAILY;
  const out = new Float64Array(price.values.length).fill(NaN);
  let width = new BollingerBandsWidth(new BollingerBands(period, deviations));
  for (let i = 0; i < out.length; i++) {
    const p = price.values[i]!;
    if (!(p > 0)) {
      width = new BollingerBandsWidth(new BollingerBands(period, deviations));
      continue;
    }
    const w = width.update(p, false);
    out[i] = w === null ? NaN : Number(w);
  }
  return { firstDay: price.firstDay, values: out };
}

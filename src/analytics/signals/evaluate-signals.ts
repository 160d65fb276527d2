/**
 * A signal as of a day: its latest value at or before the day (and how old it is), its 1-year
 * percentile among its own history up to then, and its reading; and a signal's history over a
 * range. Everything is read from the signal's history series, whose cell d uses only data on or
 * before d, so nothing here can see past the as-of day.
 */
import { dailyUpTo, lastValueAtOrBefore, valueOn, type DailyValues } from './daily-values.ts';
import { percentileOn, trailingPercentile } from './rolling.ts';
import type { Reading, SignalDefinition } from './signal-catalogue.ts';
import type { SignalInputs } from './signal-inputs.ts';

/** A value older than this (days before the as-of day) is not used. */
export const DEFAULT_MAX_AGE_DAYS = 7;
export const PERCENTILE_WINDOW_DAYS = 365;
/** Fewer values in the year than this: no percentile. */
export const PERCENTILE_MIN_VALUES = 180;

export interface SignalEvaluation {
  definition: SignalDefinition;
  value: number | null;
  /** The day of the value (≤ the as-of day), null without one. */
  valueDay: number | null;
  ageDays: number | null;
  percentile: number | null;
  reading: Reading | null;
  /** Provenance of the value: the input series and their sources. */
  sources: string[];
  /** The day of the last value at or before the as-of day at any age (null: none). */
  lastValueDay: number | null;
  /** The values of the RECENT_DAYS days ending on the as-of day (NaN where none), for sparklines. */
  recent: number[];
  /** Inputs with no stored data at all (why a signal has no value). */
  missingInputs: string[];
}

export const RECENT_DAYS = 90;

function recentValues(series: DailyValues | null, at: number): number[] {
  const out: number[] = [];
  for (let day = at - RECENT_DAYS + 1; day <= at; day++) out.push(series ? valueOn(series, day) : NaN);
  return out;
}

export interface SignalHistoryPoint {
  day: number;
  value: number;
  percentile: number | null;
}

function history(definition: SignalDefinition, inputs: SignalInputs): DailyValues | null {
  const s = definition.compute(inputs);
  return s && s.values.length > 0 ? s : null;
}

function sourcesOf(definition: SignalDefinition, inputs: SignalInputs, day: number | null): string[] {
  const out: string[] = [];
  for (const name of definition.inputs) {
    const d = inputs.daily[name];
    if (d) out.push((day !== null && d.sourceOn?.(day)) || d.source);
    const v = inputs.vintaged[name];
    if (v) out.push(v.source);
  }
  return [...new Set(out)];
}

export function evaluateSignal(definition: SignalDefinition, inputs: SignalInputs, at: number, maxAgeDays = DEFAULT_MAX_AGE_DAYS): SignalEvaluation {
  const series = history(definition, inputs);
  const missingInputs = definition.inputs.filter((n) => !(inputs.daily[n]?.values.values.length ?? 0) && !(inputs.vintaged[n]?.vintages.length ?? 0));
  const latest = series && lastValueAtOrBefore(series, at, maxAgeDays);
  if (!series || !latest) {
    const last = series && lastValueAtOrBefore(series, at);
    return { definition, value: null, valueDay: null, ageDays: null, percentile: null, reading: null, sources: sourcesOf(definition, inputs, null), lastValueDay: last ? last.day : null, recent: recentValues(series, at), missingInputs };
  }
  const p = percentileOn(series, latest.day, PERCENTILE_WINDOW_DAYS, PERCENTILE_MIN_VALUES);
  const percentile = Number.isFinite(p) ? p : null;
  return {
    definition,
    value: latest.value,
    valueDay: latest.day,
    ageDays: at - latest.day,
    percentile,
    reading: definition.read(latest.value, percentile),
    sources: sourcesOf(definition, inputs, latest.day),
    lastValueDay: latest.day,
    recent: recentValues(series, at),
    missingInputs,
  };
}

/** The signal's values on the days from..to that have one, with their 1-year percentiles. */
export function signalHistory(definition: SignalDefinition, inputs: SignalInputs, from: number, to: number): SignalHistoryPoint[] {
  const series = history(definition, inputs);
  if (!series) return [];
  const upTo = dailyUpTo(series, to);
  const percentiles = trailingPercentile(upTo, PERCENTILE_WINDOW_DAYS, PERCENTILE_MIN_VALUES);
  const out: SignalHistoryPoint[] = [];
  for (let day = Math.max(from, upTo.firstDay); day <= to; day++) {
    const value = valueOn(upTo, day);
    if (!Number.isFinite(value)) continue;
    const p = valueOn(percentiles, day);
    out.push({ day, value, percentile: Number.isFinite(p) ? p : null });
  }
  return out;
}

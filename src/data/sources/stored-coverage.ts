/**
 * What the store already holds, as the planners need it: the last stored day per asset, series or
 * symbol for one source. Plans start the day after, so a re-run never re-asks for stored days and
 * a killed run resumes where its last committed page ended.
 */
import { addDays, dayOfMs, msOfDay, type DayNumber } from '../../domain/dates.ts';
import type { Store } from '../store/store.ts';

/** Last day with an observation from `source`, per asset id (absent: nothing stored). */
export async function lastObservationDays(store: Store, source: string, assetIds: readonly string[], since: DayNumber): Promise<Map<string, DayNumber>> {
  const last = new Map<string, DayNumber>();
  if (assetIds.length === 0) return last;
  for (const o of await store.readObservations({ from: since, assetIds: [...assetIds] })) {
    if (o.source !== source) continue;
    const known = last.get(o.assetId);
    if (known === undefined || o.day > known) last.set(o.assetId, o.day);
  }
  return last;
}

/** Observations from `source` on `day`, e.g. today's universe snapshot. */
export async function observationsOn(store: Store, source: string, day: DayNumber) {
  return (await store.readObservations({ from: day, to: day })).filter((o) => o.source === source);
}

/** Time of the last point of `series` from any of `sources`, or null. */
export async function lastSeriesAt(store: Store, series: string, sources: readonly string[], since?: DayNumber): Promise<number | null> {
  const points = await store.readSeries(series, since === undefined ? {} : { from: msOfDay(since) });
  let last: number | null = null;
  for (const p of points) if (sources.includes(p.source) && (last === null || p.at > last)) last = p.at;
  return last;
}

/** Last day of `series` (from `sources`), or null. */
export async function lastSeriesDay(store: Store, series: string, sources: readonly string[], since?: DayNumber): Promise<DayNumber | null> {
  const at = await lastSeriesAt(store, series, sources, since);
  return at === null ? null : dayOfMs(at);
}

export async function lastEquityDay(store: Store, symbol: string, source: string, since: DayNumber): Promise<DayNumber | null> {
  let last: DayNumber | null = null;
  for (const bar of await store.readEquityBars(symbol, { from: since })) if (bar.source === source && (last === null || bar.day > last)) last = bar.day;
  return last;
}

/** The first day still missing: the day after the last stored one, never before `since`. */
export function firstMissingDay(lastStored: DayNumber | null | undefined, since: DayNumber): DayNumber {
  return lastStored === null || lastStored === undefined || lastStored < since ? since : addDays(lastStored, 1);
}

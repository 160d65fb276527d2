/**
 * The planners' read-only view of the Store (the StoredCoverage interface sources depend on):
 * last stored days per asset, series and symbol, sync bookkeeping settings, and "asked, nothing
 * there" markers. `recheckEmpty` hides the markers, so a run asks again for what came back empty.
 */
import { dayOfMs, msOfDay, type DayNumber } from '../../domain/dates.ts';
import { emptyMarkerKey, parseEmptyMarker, type EmptyMarker, type StoredCoverage } from '../sources/stored-coverage.ts';
import type { Store } from '../store/store.ts';

export interface StoreCoverageOptions {
  /** Ignore "asked, nothing there" markers (ask again for what came back empty). */
  recheckEmpty?: boolean;
}

export function storeCoverage(store: Store, options: StoreCoverageOptions = {}): StoredCoverage {
  const lastSeriesAt = async (series: string, sources: readonly string[], since?: DayNumber): Promise<number | null> => {
    const points = await store.readSeries(series, since === undefined ? {} : { from: msOfDay(since) });
    let last: number | null = null;
    for (const p of points) if (sources.includes(p.source) && (last === null || p.at > last)) last = p.at;
    return last;
  };
  return {
    async lastObservationDays(source, assetIds, since) {
      const last = new Map<string, DayNumber>();
      if (assetIds.length === 0) return last;
      for (const o of await store.readObservations({ from: since, assetIds: [...assetIds] })) {
        if (o.source !== source) continue;
        const known = last.get(o.assetId);
        if (known === undefined || o.day > known) last.set(o.assetId, o.day);
      }
      return last;
    },
    lastSeriesAt,
    async lastSeriesDay(series, sources, since) {
      const at = await lastSeriesAt(series, sources, since);
      return at === null ? null : dayOfMs(at);
    },
    async lastEquityBar(symbol, source, since) {
      let last: { day: DayNumber; close: number } | null = null;
      for (const bar of await store.readEquityBars(symbol, { from: since })) if (bar.source === source && (last === null || bar.day > last.day)) last = { day: bar.day, close: bar.close };
      return last;
    },
    async firstEquityDay(symbol, source, since) {
      for (const bar of await store.readEquityBars(symbol, { from: since })) if (bar.source === source) return bar.day;
      return null;
    },
    bookkeeping: (key) => store.getSetting(key),
    async emptyMarker(source, subject): Promise<EmptyMarker | null> {
      if (options.recheckEmpty) return null;
      return parseEmptyMarker(await store.getSetting(emptyMarkerKey(source, subject)));
    },
  };
}

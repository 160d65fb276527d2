/**
 * What the planners may know about the store: a narrow, read-only view of what is already held
 * (the last stored day per asset, series or symbol for a source, sync bookkeeping, and "asked,
 * nothing there" markers). Sources depend on this interface only, never on the Store; the sync
 * implements it over the Store (src/data/sync/store-coverage.ts). Plans start the day after what
 * is covered, so a re-run never re-asks for stored days and a killed run resumes where its last
 * committed page ended.
 */
import { addDays, type DayNumber } from '../../domain/dates.ts';

/** "Asked for `from..to`, the provider had nothing", recorded on `checkedOn`. */
export interface EmptyMarker {
  from: DayNumber;
  to: DayNumber;
  checkedOn: DayNumber;
}

export interface StoredCoverage {
  /** Last day with an observation from `source`, per asset id, looking from `since` (absent: nothing stored). */
  lastObservationDays(source: string, assetIds: readonly string[], since: DayNumber): Promise<Map<string, DayNumber>>;
  /** Time (ms) of the last point of `series` from any of `sources` at or after `since`, or null. */
  lastSeriesAt(series: string, sources: readonly string[], since?: DayNumber): Promise<number | null>;
  /** Day of the last point of `series` from any of `sources` at or after `since`, or null. */
  lastSeriesDay(series: string, sources: readonly string[], since?: DayNumber): Promise<DayNumber | null>;
  /** Last bar of `symbol` from `source` at or after `since` (its day and close), or null. */
  lastEquityBar(symbol: string, source: string, since: DayNumber): Promise<{ day: DayNumber; close: number } | null>;
  /** First stored bar day of `symbol` from `source` at or after `since`, or null. */
  firstEquityDay(symbol: string, source: string, since: DayNumber): Promise<DayNumber | null>;
  /** A sync bookkeeping value a source wrote earlier through `FetchedRecords.settings`. */
  bookkeeping(key: string): Promise<string | undefined>;
  /** The "asked, nothing there" marker of `subject` (null when none, or when the run rechecks empty answers). */
  emptyMarker(source: string, subject: string): Promise<EmptyMarker | null>;
}

/** The bookkeeping key of an "asked, nothing there" marker. */
export function emptyMarkerKey(source: string, subject: string): string {
  return `sync.empty.${source}.${subject}`;
}

/** The `settings` entry that records an empty answer for `subject`. */
export function emptyMarkerSetting(source: string, subject: string, marker: EmptyMarker): Record<string, string> {
  return { [emptyMarkerKey(source, subject)]: JSON.stringify(marker) };
}

export function parseEmptyMarker(text: string | undefined): EmptyMarker | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<EmptyMarker>;
    return Number.isInteger(value.from) && Number.isInteger(value.to) && Number.isInteger(value.checkedOn)
      ? { from: value.from as DayNumber, to: value.to as DayNumber, checkedOn: value.checkedOn as DayNumber }
      : null;
  } catch {
    return null;
  }
}

/** The first day still missing: the day after the last stored one, never before `since`. */
export function firstMissingDay(lastStored: DayNumber | null | undefined, since: DayNumber): DayNumber {
  return lastStored === null || lastStored === undefined || lastStored < since ? since : addDays(lastStored, 1);
}

/**
 * The first day to ask for, given what is stored and an "asked, nothing there" marker: a marker
 * counts only when its range starts at or before the first missing day (it covers what a plan
 * would ask for), so an earlier --since still asks for the days before the marker.
 */
export function firstUncoveredDay(lastStored: DayNumber | null | undefined, since: DayNumber, marker: EmptyMarker | null): DayNumber {
  const first = firstMissingDay(lastStored, since);
  if (marker === null || marker.from > first || marker.to < first) return first;
  return addDays(marker.to, 1);
}

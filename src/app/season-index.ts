/**
 * The Altcoin Season Index over a range (or one date), with its season episodes. Shared by
 * `altseason index`, `GET /api/index` and the library. The panel is read only up to the last date
 * asked, so no value can depend on later data.
 */
import { isoDateOf, type DayNumber } from '../domain/dates.ts';
import { InvalidInputError, NoDataError } from '../domain/errors.ts';
import { altcoinSeasonIndexSeries } from '../analytics/season/altcoin-season-index-series.ts';
import { resolveSeasonIndexOptions, type SeasonIndexOptions } from '../analytics/season/season-index-options.ts';
import { DEFAULT_EPISODE_MIN_DAYS, seasonEpisodes } from '../analytics/season/season-episodes.ts';
import type { IndexEpisode, SeasonIndexResult, SeasonIndexSettings } from './contracts/season-index.ts';
import { SEASON_INDEX_SCHEMA } from './contracts/schema-names.ts';
import { checkExcludedSymbols } from './check-excluded-symbols.ts';
import { dataNotice } from './data-notice.ts';
import { inSnapshot, type ReadContext } from './read-context.ts';
import { dailyRankingsFor } from './daily-rankings.ts';
import { roundOrNull } from './round.ts';
import { storedCryptoSpan, type DateFieldNames, DEFAULT_DATE_FIELDS } from './stored-span.ts';

export interface SeasonIndexQuery {
  /** One date (default: the latest day with data)… */
  at?: DayNumber;
  /** …or a range; `to` defaults to the latest day with data. */
  from?: DayNumber;
  to?: DayNumber;
  settings?: Partial<SeasonIndexOptions>;
  /** Episodes shorter than this many days are left out (one-day flickers). */
  minEpisodeDays?: number;
  /** How the interface names the date fields in its errors ("--from" on the CLI, "from" in the API). */
  fieldNames?: DateFieldNames;
}


// The contract's schema id, checked against it by the compiler: importing the value would load zod
// (~30 ms at start-up) for a string constant.

/** From this many days on, the index reads the kept rankings (ranking a few days live is cheaper). */
const MIN_DAYS_FOR_KEPT_RANKINGS = 180;

export function seasonIndexSettings(options: SeasonIndexOptions): SeasonIndexSettings {
  return {
    window: options.window,
    top: options.top,
    altThreshold: options.altThreshold,
    btcThreshold: options.btcThreshold,
    stalenessDays: options.stalenessDays,
    minUniverse: options.minUniverse,
    excludeSymbols: [...options.excludeSymbols],
    rankAt: options.rankAt,
  };
}

export function episodeOf(e: ReturnType<typeof seasonEpisodes>[number]): IndexEpisode {
  return { season: e.season, start: isoDateOf(e.start), end: isoDateOf(e.end), days: e.lengthDays, peak: e.peakIndex, peakDate: isoDateOf(e.peakDay), ongoing: e.ongoing, weeklyData: e.weeklyData };
}

export async function seasonIndex(context: ReadContext, query: SeasonIndexQuery = {}): Promise<SeasonIndexResult> {
  const names = query.fieldNames ?? DEFAULT_DATE_FIELDS;
  const settings = resolveSeasonIndexOptions(query.settings ?? {});
  return inSnapshot(context, async () => {
    const span = await storedCryptoSpan(context.store);
    await checkExcludedSymbols(context.store, settings.excludeSymbols, names.exclude ?? 'exclude');
    let from: DayNumber;
    let to: DayNumber;
    if (query.from !== undefined) {
      from = query.from;
      to = query.to ?? span.last;
    } else from = to = query.at ?? span.last;
    if (query.to !== undefined && to < from) throw new InvalidInputError(`${names.to} ${isoDateOf(to)} is before ${names.from} ${isoDateOf(from)}`);
    const fromName = query.from !== undefined ? names.from : names.at;
    if (from > span.last) throw new NoDataError(`${fromName} ${isoDateOf(from)} is after the last day with data: ${span.text}`);
    if (to < span.first) throw new NoDataError(`${query.to !== undefined ? names.to : fromName} ${isoDateOf(to)} is before the first day with data: ${span.text}`);
    if (to > span.last) to = span.last; // a range running past the data ends with it…
    if (from < span.first) from = span.first; // …and one starting before it starts with it

    // The whole history up to `to` (never after it): why a coin did not qualify ("listed during the
    // window" or "stale") depends on whether it was seen before, so a shorter panel would count differently.
    const panel = await context.panel({ to });
    // A long range walks the kept daily rankings (computed once per load); a few days rank live.
    const rankings = to - from >= MIN_DAYS_FOR_KEPT_RANKINGS ? await dailyRankingsFor(context, panel, settings.stalenessDays) : null;
    const [series] = altcoinSeasonIndexSeries(panel, from, to, settings, { rankings });
    const points = series!.points;
    const minDays = query.minEpisodeDays ?? DEFAULT_EPISODE_MIN_DAYS;
    const simulated = await context.simulated();
    return {
      schema: SEASON_INDEX_SCHEMA,
      simulated,
      data: dataNotice(span.last, context.today(), simulated),
      settings: seasonIndexSettings(settings),
      from: isoDateOf(from),
      to: isoDateOf(to),
      points: points.map((p) => ({
        date: isoDateOf(p.day),
        index: roundOrNull(p.index, 4),
        season: p.season,
        universeSize: p.universeSize,
        beatCount: p.index === null ? null : p.beatCount,
        btcReturn: roundOrNull(p.btcReturn, 6),
        medianExcessReturn: roundOrNull(p.medianExcessReturn, 6),
        capWeightedExcessReturn: roundOrNull(p.capWeightedExcessReturn, 6),
        excludedCount: p.excludedCount,
        noStartPriceCount: p.noStartPriceCount,
        stalePriceCount: p.stalePriceCount,
        unfilledCount: p.unfilledCount,
        weeklyData: p.weeklyData,
      })),
      minEpisodeDays: minDays,
      episodes: seasonEpisodes(points, { minDays }).map(episodeOf),
    };
  });
}

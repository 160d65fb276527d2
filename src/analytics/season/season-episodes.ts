/**
 * Season episodes: maximal runs of consecutive points in the same season (altcoin or bitcoin). A
 * point without an index (null) ends a run. The peak of an altcoin season is its highest index, of
 * a bitcoin season its lowest; the first day reaching it is reported.
 *
 * Runs shorter than `minDays` (default 3) are left out: an index hovering at a threshold flickers
 * in and out of a season for a day or two, and listing each flicker as an "episode" buries the
 * real ones. A hidden run still ends the runs around it (no merging across a gap).
 */
import type { DayNumber } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import type { Season } from './classify-season.ts';

export interface SeasonEpisode {
  season: Exclude<Season, 'neutral'>;
  start: DayNumber;
  end: DayNumber;
  /** Calendar days from start to end, both included. */
  lengthDays: number;
  peakIndex: number;
  peakDay: DayNumber;
  /** The run reaches the last point of the range, so it may continue after it. */
  ongoing: boolean;
  /** Days of the run whose index rests on weekly snapshots (SeasonIndexPoint.weeklyData). */
  weeklyDataDays: number;
  /** At least one day of the run rests on weekly snapshots: its start and end may be off by up to a week. */
  weeklyData: boolean;
}

export interface SeasonEpisodeOptions {
  /** Shortest run listed, in days. Default 3 (DEFAULT_EPISODE_MIN_DAYS); 1 lists every run. */
  minDays?: number;
}

export const DEFAULT_EPISODE_MIN_DAYS = 3;

export interface EpisodePoint {
  day: DayNumber;
  index: number | null;
  season: Season | null;
  /** Missing counts as false (points built by hand). */
  weeklyData?: boolean;
}

export function seasonEpisodes(points: readonly EpisodePoint[], options: SeasonEpisodeOptions = {}): SeasonEpisode[] {
  const minDays = options.minDays ?? DEFAULT_EPISODE_MIN_DAYS;
  if (!Number.isInteger(minDays) || minDays < 1) throw new InvalidInputError(`episodes: minDays must be a whole number ≥ 1, got ${JSON.stringify(minDays)}`);
  const episodes: SeasonEpisode[] = [];
  let current: SeasonEpisode | null = null;
  for (const point of points) {
    const season = point.season === 'altcoin' || point.season === 'bitcoin' ? point.season : null;
    if (current && season === current.season && point.index !== null) {
      current.end = point.day;
      if (point.weeklyData === true) current.weeklyDataDays++;
      const better = season === 'altcoin' ? point.index > current.peakIndex : point.index < current.peakIndex;
      if (better) {
        current.peakIndex = point.index;
        current.peakDay = point.day;
      }
      continue;
    }
    if (current) episodes.push(current);
    current =
      season && point.index !== null
        ? {
            season,
            start: point.day,
            end: point.day,
            lengthDays: 0,
            peakIndex: point.index,
            peakDay: point.day,
            ongoing: false,
            weeklyDataDays: point.weeklyData === true ? 1 : 0,
            weeklyData: false,
          }
        : null;
  }
  if (current) episodes.push(current);
  const lastDay = points.at(-1)?.day;
  for (const episode of episodes) {
    episode.lengthDays = episode.end - episode.start + 1;
    episode.ongoing = episode.end === lastDay;
    episode.weeklyData = episode.weeklyDataDays > 0;
  }
  return episodes.filter((e) => e.lengthDays >= minDays);
}

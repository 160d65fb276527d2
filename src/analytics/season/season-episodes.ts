/**
 * Season episodes: maximal runs of consecutive points in the same season (altcoin or bitcoin). A
 * point without an index (null) ends a run. The peak of an altcoin season is its highest index, of
 * a bitcoin season its lowest; the first day reaching it is reported.
 */
import type { DayNumber } from '../../domain/dates.ts';
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
}

export function seasonEpisodes(points: readonly { day: DayNumber; index: number | null; season: Season | null }[]): SeasonEpisode[] {
  const episodes: SeasonEpisode[] = [];
  let current: SeasonEpisode | null = null;
  for (const point of points) {
    const season = point.season === 'altcoin' || point.season === 'bitcoin' ? point.season : null;
    if (current && season === current.season && point.index !== null) {
      current.end = point.day;
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
        ? { season, start: point.day, end: point.day, lengthDays: 0, peakIndex: point.index, peakDay: point.day, ongoing: false }
        : null;
  }
  if (current) episodes.push(current);
  const lastDay = points.at(-1)?.day;
  for (const episode of episodes) {
    episode.lengthDays = episode.end - episode.start + 1;
    episode.ongoing = episode.end === lastDay;
  }
  return episodes;
}

import { describe, expect, it } from 'vitest';
import type { DayNumber } from '../../domain/dates.ts';
import { classifySeason } from './classify-season.ts';
import { seasonEpisodes } from './season-episodes.ts';

const points = (values: (number | null)[]) =>
  values.map((index, i) => ({ day: (100 + i) as DayNumber, index, season: classifySeason(index) }));

describe('seasonEpisodes', () => {
  it('finds runs of altcoin and bitcoin seasons with their length and peak', () => {
    const episodes = seasonEpisodes(points([50, 76, 90, 80, 74, 20, 10, 24, 60]));
    expect(episodes, 'one altcoin run (days 101–103) and one bitcoin run (105–107)').toEqual([
      { season: 'altcoin', start: 101, end: 103, lengthDays: 3, peakIndex: 90, peakDay: 102, ongoing: false },
      { season: 'bitcoin', start: 105, end: 107, lengthDays: 3, peakIndex: 10, peakDay: 106, ongoing: false },
    ]);
  });

  it('ends a run at a missing index and marks a run reaching the range end as ongoing', () => {
    const episodes = seasonEpisodes(points([80, null, 80, 85]));
    expect(episodes.map((e) => [e.start, e.end, e.ongoing]), 'the null splits the run; the second run is still open').toEqual([
      [100, 100, false],
      [102, 103, true],
    ]);
  });

  it('reports the first day that reached the peak', () => {
    const [episode] = seasonEpisodes(points([90, 95, 95, 80]));
    expect(episode?.peakDay, 'ties keep the earlier day').toBe(101);
  });

  it('finds nothing in an all-neutral or empty range', () => {
    expect(seasonEpisodes(points([50, 60, 40])), 'no season at all').toEqual([]);
    expect(seasonEpisodes([]), 'empty range').toEqual([]);
  });
});

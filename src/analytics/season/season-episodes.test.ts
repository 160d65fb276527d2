import { describe, expect, it } from 'vitest';
import type { DayNumber } from '../../domain/dates.ts';
import { classifySeason } from './classify-season.ts';
import { seasonEpisodes } from './season-episodes.ts';

const points = (values: (number | null)[], weekly: number[] = []) =>
  values.map((index, i) => ({ day: (100 + i) as DayNumber, index, season: classifySeason(index), weeklyData: weekly.includes(100 + i) }));

describe('seasonEpisodes', () => {
  it('finds runs of altcoin and bitcoin seasons with their length and peak', () => {
    const episodes = seasonEpisodes(points([50, 76, 90, 80, 74, 20, 10, 24, 60]));
    expect(episodes, 'one altcoin run (days 101–103) and one bitcoin run (105–107)').toEqual([
      { season: 'altcoin', start: 101, end: 103, lengthDays: 3, peakIndex: 90, peakDay: 102, ongoing: false, weeklyDataDays: 0, weeklyData: false },
      { season: 'bitcoin', start: 105, end: 107, lengthDays: 3, peakIndex: 10, peakDay: 106, ongoing: false, weeklyDataDays: 0, weeklyData: false },
    ]);
  });

  it('ends a run at a missing index and marks a run reaching the range end as ongoing', () => {
    const episodes = seasonEpisodes(points([80, null, 80, 85]), { minDays: 1 });
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

  it('hides runs shorter than minDays (default 3): a one- or two-day flicker at the threshold is not an episode', () => {
    const flicker = points([80, 50, 76, 74, 76, 77, 78, 50, 20, 20, 60]);
    expect(seasonEpisodes(flicker).map((e) => [e.season, e.start, e.lengthDays]), 'default: only the 3-day altcoin run (104–106) is listed').toEqual([['altcoin', 104, 3]]);
    expect(seasonEpisodes(flicker, { minDays: 1 }).map((e) => [e.season, e.start, e.lengthDays]), 'minDays 1 lists every run').toEqual([
      ['altcoin', 100, 1],
      ['altcoin', 102, 1],
      ['altcoin', 104, 3],
      ['bitcoin', 108, 2],
    ]);
    expect(() => seasonEpisodes(flicker, { minDays: 0 }), 'a minimum of 0 days means nothing').toThrow(/minDays.*0/);
  });

  it('flags episodes with days whose index rests on weekly snapshots', () => {
    const [daily, weekly] = seasonEpisodes(points([80, 80, 80, 50, 80, 80, 80], [105, 106]));
    expect([daily!.weeklyData, daily!.weeklyDataDays], 'the first run is all daily data').toEqual([false, 0]);
    expect([weekly!.weeklyData, weekly!.weeklyDataDays], 'two days of the second run rest on weekly snapshots').toEqual([true, 2]);
  });
});

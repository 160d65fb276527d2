import { describe, expect, it } from 'vitest';
import { altcoinSeasonIndex } from './altcoin-season-index.ts';
import { altcoinSeasonIndexSeries } from './altcoin-season-index-series.ts';
import { btc, coin, day, panelOf } from '../../../test/fixtures/season-test-panel.ts';

describe('altcoinSeasonIndexSeries', () => {
  const wave = (id: string, cap: number, phase: number) => {
    const spec = coin(id, { start: 1, end: 1, cap });
    spec.price = spec.price!.map((_, i) => 1 + 0.5 * Math.sin(i / 3 + phase));
    spec.marketCap = spec.price.map((p, i) => cap * p! * (1 + i / 50));
    return spec;
  };
  const panel = panelOf(btc(), wave('a', 40, 0), wave('b', 30, 1), wave('c', 20, 2), wave('d', 10, 3));
  const settings = { top: 3, stalenessDays: 1, minUniverse: 1 };
  const options = { ...settings, windows: [3, 7] };

  it('gives, for every day and window, what the single-date index gives', () => {
    const series = altcoinSeasonIndexSeries(panel, day(7), day(20), options);
    expect(series.map((s) => s.window), 'one series per window, in the order asked').toEqual([3, 7]);
    for (const { window, points } of series) {
      expect(points.length, 'one point per day of the range').toBe(14);
      for (const point of points) {
        expect(point, `window ${window} on day ${point.day}`).toEqual(altcoinSeasonIndex(panel, point.day, { ...settings, window }));
      }
    }
  });

  it('returns undefined points before there is a full window of history', () => {
    const [series] = altcoinSeasonIndexSeries(panel, day(0), day(2), { ...options, windows: [7] });
    expect(series!.points.every((p) => p.index === null), 'no price 7 days before the first day').toBe(true);
  });
});

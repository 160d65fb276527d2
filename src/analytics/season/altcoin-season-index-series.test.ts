import { describe, expect, it } from 'vitest';
import { makePanel } from '../../domain/make-panel.ts';
import { altcoinSeasonIndexSeries } from './altcoin-season-index-series.ts';
import { btc, coin, day, DAYS, panelOf } from '../../../test/fixtures/season-test-panel.ts';

/** A price of `before` up to cell `stepCell − 1` and `after` from it on. */
const step = (before: number, after: number, stepCell: number) => Array.from({ length: DAYS }, (_, i) => (i < stepCell ? before : after));

describe('altcoinSeasonIndexSeries', () => {
  // BTC +10 % on day 15; A doubles on day 10; B halves on day 13; C stays flat (a tie with a flat
  // BTC, never a beat); D (rank 5) jumps tenfold on day 8 but is outside the top 3.
  const bitcoin = btc();
  bitcoin.price = step(100, 110, 15);
  const a = coin('a', { start: 1, end: 1, cap: 40 });
  a.price = step(1, 2, 10);
  const b = coin('b', { start: 1, end: 1, cap: 30 });
  b.price = step(1, 0.5, 13);
  const c = coin('c', { start: 1, end: 1, cap: 20 });
  const d = coin('d', { start: 1, end: 1, cap: 10 });
  d.price = step(1, 10, 8);
  const panel = panelOf(bitcoin, a, b, c, d);
  const options = { top: 3, stalenessDays: 1, minUniverse: 1, windows: [3, 7] };
  const third = 100 / 3;

  it('gives, for every day and window, the share of the top 3 alts that beat BTC (values worked out by hand)', () => {
    const [w3, w7] = altcoinSeasonIndexSeries(panel, day(7), day(20), options);
    expect([w3!.window, w7!.window], 'one series per window, in the order asked').toEqual([3, 7]);
    // 3-day window ending on day t: A's doubling is inside it for t = 10…12; nothing else beats BTC.
    expect(w3!.points.map((p) => p.index), '3-day window, days 7…20').toEqual([0, 0, 0, third, third, third, 0, 0, 0, 0, 0, 0, 0, 0]);
    // 7-day window: A's doubling is inside it for t = 10…16, and still beats BTC's +10 % on 15 and 16.
    expect(w7!.points.map((p) => p.index), '7-day window, days 7…20').toEqual([0, 0, 0, third, third, third, third, third, third, third, 0, 0, 0, 0]);
    expect(w7!.points.every((p) => p.universeSize === 3 && p.unfilledCount === 0), 'A, B and C fill the top 3 every day; D never counts').toBe(true);
  });

  it('returns undefined points before there is a full window of history', () => {
    const [series] = altcoinSeasonIndexSeries(panel, day(0), day(2), { ...options, windows: [7] });
    expect(series!.points.map((p) => p.index), 'no price 7 days before the first day').toEqual([null, null, null]);
    expect(series!.summary, 'the summary says no day had an index and every universe was empty').toEqual({
      days: 3,
      definedDays: 0,
      shortDays: 3,
      minUniverseSize: 0,
      maxUniverseSize: 0,
      weeklyDataDays: 0,
    });
  });

  it('flags the days whose constituents are mostly priced from weekly snapshots', () => {
    const weeklyCoin = (id: string, cap: number) => ({ ...coin(id, { start: 1, end: 2, cap }), source: 'cmc_weekly_snapshot_top100' });
    const sources = ['daily', 'cmc_weekly_snapshot_top100'];
    const daily = (id: string, cap: number) => ({ ...coin(id, { start: 1, end: 2, cap }), source: 'daily' });
    const oneOfThree = makePanel([{ ...btc(), source: 'daily' }, weeklyCoin('w1', 30), daily('d1', 20), daily('d2', 10)], sources);
    const twoOfThree = makePanel([{ ...btc(), source: 'daily' }, weeklyCoin('w1', 30), weeklyCoin('w2', 20), daily('d1', 10)], sources);
    const at = { top: 3, window: 10, stalenessDays: 2, minUniverse: 1 };
    const [one] = altcoinSeasonIndexSeries(oneOfThree, day(20), day(20), at);
    const [two] = altcoinSeasonIndexSeries(twoOfThree, day(20), day(20), at);
    expect([one!.points[0]!.weeklyDataCount, one!.points[0]!.weeklyData], 'one weekly-priced constituent of three is not the weekly-data regime').toEqual([1, false]);
    expect([two!.points[0]!.weeklyDataCount, two!.points[0]!.weeklyData], 'two of three are').toEqual([2, true]);
    expect(two!.summary.weeklyDataDays, 'and the series summary counts the day').toBe(1);
  });

  it("with rankAt 'start', ranks each window by the caps at its own start", () => {
    // The riser triples on day 11 and its cap jumps from 5 to 1000 on day 12; B halves on day 11 (cap 50).
    const riser = coin('riser', { start: 1, end: 3, cap: 0 });
    riser.marketCap = Array.from({ length: DAYS }, (_, i) => (i >= 12 ? 1000 : 5));
    const market = panelOf(btc(), riser, coin('b', { start: 1, end: 0.5, cap: 50 }));
    const run = (rankAt: 'start' | 'end') =>
      altcoinSeasonIndexSeries(market, day(12), day(13), { top: 1, stalenessDays: 1, minUniverse: 1, windows: [3, 7], rankAt }).map((s) => s.points.map((p) => p.index));
    expect(run('end'), 'ranked on days 12–13 the riser (cap 1000) is the top alt, and it beat BTC in both windows').toEqual([
      [100, 100],
      [100, 100],
    ]);
    expect(run('start'), 'ranked on days 5–10 (the windows\' starts) B (cap 50 > 5) is the top alt, and it lost').toEqual([
      [0, 0],
      [0, 0],
    ]);
  });
});

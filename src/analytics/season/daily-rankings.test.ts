import { describe, expect, it } from 'vitest';
import type { DayNumber } from '../../domain/dates.ts';
import { makePanel, type PanelAssetSpec } from '../../domain/make-panel.ts';
import type { Panel } from '../../domain/panel.ts';
import { altcoinSeasonIndexSeries } from './altcoin-season-index-series.ts';
import { computeDailyRankings, rankingsServe, StoredRanking } from './daily-rankings.ts';
import { MarketCapRanker } from './market-cap-ranker.ts';
import { seededRandom } from '../stats/seeded-random.ts';

/** Coins that start and stop at random, with gaps, weekly-only caps and ties; BTC the largest. */
function randomPanel(seed: number, coins = 80): Panel {
  const rng = seededRandom(seed);
  const random = () => rng.uniform();
  const specs: PanelAssetSpec[] = [{ id: 'bitcoin', symbol: 'BTC', firstDay: 1000 as DayNumber, price: Array.from({ length: 200 }, (_, i) => 100 + i), marketCap: Array.from({ length: 200 }, () => 1e9) }];
  for (let i = 0; i < coins; i++) {
    const length = 5 + Math.floor(random() * 150);
    const weekly = random() < 0.3;
    specs.push({
      id: `coin${String(i).padStart(3, '0')}`,
      symbol: `C${i}`,
      firstDay: (1000 + Math.floor(random() * 120)) as DayNumber,
      price: Array.from({ length }, (_, d) => (weekly && d % 7 !== 0 ? null : random() < 0.1 ? null : 1 + random())),
      marketCap: Array.from({ length }, (_, d) => (weekly && d % 7 !== 0 ? null : random() < 0.2 ? null : random() < 0.05 ? 500 : Math.round(random() * 1000))),
    });
  }
  return makePanel(specs);
}

/** The same panel up to `to` (what a load of that range builds, for these purposes). */
function cutAt(panel: Panel, to: number): Panel {
  return makePanel(
    panel.assets
      .filter((a) => a.firstDay <= to)
      .map((a) => {
        const length = Math.min(a.price.length, to - a.firstDay + 1);
        return { id: a.id, symbol: a.symbol, firstDay: a.firstDay, price: [...a.price.subarray(0, length)], marketCap: [...a.marketCap.subarray(0, length)] };
      }),
  );
}

function liveRankings(panel: Panel, staleness: number, days: number[]): number[][] {
  const ranker = new MarketCapRanker(panel, staleness);
  return days.map((day) => {
    const ranking = ranker.rank(day);
    ranking.ensureRanked(ranking.count);
    return [...ranking.order.subarray(0, ranking.count)];
  });
}

function storedRankings(panel: Panel, stored: StoredRanking, days: number[]): number[][] {
  return days.map((day) => {
    const ranking = stored.rank(day);
    expect(ranking.ranked).toBe(ranking.count);
    return [...ranking.order.subarray(0, ranking.count)];
  });
}

describe('daily rankings', () => {
  it('rank every day exactly as the live ranker does', () => {
    for (const seed of [1, 2, 3]) {
      const panel = randomPanel(seed);
      for (const staleness of [0, 3, 7]) {
        const rankings = computeDailyRankings(panel, staleness);
        const days = Array.from({ length: panel.lastDay! - panel.firstDay! + 1 }, (_, i) => panel.firstDay! + i);
        expect(rankingsServe(rankings, panel, staleness)).toBe(true);
        expect(storedRankings(panel, new StoredRanking(panel, rankings), days)).toEqual(liveRankings(panel, staleness, days));
      }
    }
  });

  it('serve a panel cut at an earlier end, with its own asset indices, and nothing else', () => {
    const panel = randomPanel(4);
    const rankings = computeDailyRankings(panel, 7);
    const cut = cutAt(panel, 1060);
    expect(cut.assets.length).toBeLessThan(panel.assets.length); // coins listed later are gone: indices differ
    const days = Array.from({ length: 61 }, (_, i) => 1000 + i);
    expect(rankingsServe(rankings, cut, 7)).toBe(true);
    expect(storedRankings(cut, new StoredRanking(cut, rankings), days)).toEqual(liveRankings(cut, 7, days));

    expect(rankingsServe(rankings, cut, 6)).toBe(false); // other staleness
    const later = makePanel(panel.assets.filter((a) => a.firstDay > 1000).map((a) => ({ id: a.id, symbol: a.symbol, firstDay: a.firstDay, price: [...a.price], marketCap: [...a.marketCap] })));
    expect(rankingsServe(rankings, later, 7)).toBe(false); // cut at a later start
    const longer = makePanel([...panel.assets.map((a) => ({ id: a.id, symbol: a.symbol, firstDay: a.firstDay, price: [...a.price], marketCap: [...a.marketCap] })), { id: 'zz', symbol: 'ZZ', firstDay: (panel.lastDay! + 5) as DayNumber, price: [1], marketCap: [1] }]);
    expect(rankingsServe(rankings, longer, 7)).toBe(false); // days the rankings never saw
  });

  it('give the index the same series as live ranking, for every window and top', () => {
    const panel = randomPanel(5, 140);
    const rankings = computeDailyRankings(panel, 7);
    for (const [window, top] of [[10, 10], [30, 50], [60, 100]] as const) {
      const options = { window, top, minUniverse: 1, stalenessDays: 7 };
      const live = altcoinSeasonIndexSeries(panel, panel.firstDay!, panel.lastDay!, options);
      const stored = altcoinSeasonIndexSeries(panel, panel.firstDay!, panel.lastDay!, options, { rankings });
      expect(stored).toEqual(live);
    }
  });
});

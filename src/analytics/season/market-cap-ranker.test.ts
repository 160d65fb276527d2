import { describe, expect, it } from 'vitest';
import type { DayNumber } from '../../domain/dates.ts';
import { makePanel, type PanelAssetSpec } from '../../domain/make-panel.ts';
import { asOfCell } from './as-of-cell.ts';
import { MarketCapRanker } from './market-cap-ranker.ts';

/** A seeded panel of coins that start and stop at random, with gaps and occasional equal caps. */
function randomPanel(seed: number, coins = 60) {
  let state = seed;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const specs: PanelAssetSpec[] = Array.from({ length: coins }, (_, i) => {
    const length = 5 + Math.floor(random() * 80);
    return {
      id: `coin${String(i).padStart(3, '0')}`,
      symbol: `C${i}`,
      firstDay: (1000 + Math.floor(random() * 100)) as DayNumber,
      price: Array.from({ length }, () => 1),
      marketCap: Array.from({ length }, () => (random() < 0.3 ? null : random() < 0.1 ? 500 : Math.round(random() * 1000))),
    };
  });
  return makePanel(specs);
}

function naiveRanking(panel: ReturnType<typeof randomPanel>, day: number, staleness: number): number[] {
  const caps = panel.assets.map((a) => {
    const cell = asOfCell(a.marketCap, a.firstDay, day, staleness);
    return cell < 0 ? null : a.marketCap[cell]!;
  });
  return panel.assets
    .map((_, i) => i)
    .filter((i) => caps[i] !== null)
    .sort((x, y) => caps[y]! - caps[x]! || x - y);
}

describe('MarketCapRanker', () => {
  it('ranks like a full sort of as-of caps, for ascending, repeated and backward dates', () => {
    for (const seed of [1, 2, 3]) {
      const panel = randomPanel(seed);
      const ranker = new MarketCapRanker(panel, 3);
      const days = [...Array.from({ length: 200 }, (_, i) => 990 + i), 1050, 1050, 1010, 1100, 1000, 1195];
      for (const day of days) {
        const ranking = ranker.rank(day);
        ranking.ensureRanked(ranking.count);
        expect(Array.from(ranking.order.subarray(0, ranking.count)), `seed ${seed}, day ${day}`).toEqual(naiveRanking(panel, day, 3));
      }
    }
  });

  it('ranks the head exactly when it orders only the leading places, and the rest on demand', () => {
    // Two exact places (plus the carried margin of 32) out of ~140 live coins: the head is found among
    // the previous day's head and whatever beat its last place, so a coin jumping from the tail
    // to the top must still come out on top.
    for (const seed of [4, 5, 6, 7]) {
      const panel = randomPanel(seed, 300);
      const ranker = new MarketCapRanker(panel, 3, 2);
      let extended = false;
      let headOnlyDays = 0;
      for (let day = 990; day < 1190; day++) {
        const ranking = ranker.rank(day);
        const naive = naiveRanking(panel, day, 3);
        expect(ranking.count, `seed ${seed}, day ${day}: every coin with a cap is ranked`).toBe(naive.length);
        expect(ranking.ranked, `seed ${seed}, day ${day}: at least the head, never more than the ranking`).toBeLessThanOrEqual(ranking.count);
        expect(Array.from(ranking.order.subarray(0, ranking.ranked)), `seed ${seed}, day ${day}: the head`).toEqual(naive.slice(0, ranking.ranked));
        if (ranking.ranked < ranking.count) headOnlyDays++;
        if (day % 7 === 0) {
          // A reader walking a little past the head: the head grows for this day, exactly.
          ranking.ensureRanked(10);
          expect(ranking.ranked, `seed ${seed}, day ${day}: at least the places asked`).toBeGreaterThanOrEqual(Math.min(10, naive.length));
          expect(Array.from(ranking.order.subarray(0, ranking.ranked)), `seed ${seed}, day ${day}: the longer head`).toEqual(naive.slice(0, ranking.ranked));
        }
        if (day === 1150) {
          // A reader walking past the head (a large --top) gets the whole ranking right.
          ranking.ensureRanked(ranking.count);
          expect(Array.from(ranking.order.subarray(0, ranking.count)), `seed ${seed}, day ${day}: all of it`).toEqual(naive);
          extended = true;
        }
      }
      expect(extended, 'the on-demand path was exercised').toBe(true);
      expect(headOnlyDays, `seed ${seed}: the head-only path was exercised`).toBeGreaterThan(20);
    }
  });
});

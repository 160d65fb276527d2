/**
 * The Altcoin Season Index on the real data in ../shared/data: what users will check against the
 * public sites, plus the point-in-time guarantees (no survivorship, no look-ahead).
 */
import { beforeAll, expect, inject, it } from 'vitest';
import { altcoinSeasonIndexSeries, type SeasonIndexPoint } from '../src/analytics/season/altcoin-season-index-series.ts';
import { explainSeasonIndex } from '../src/analytics/season/explain-season-index.ts';
import { WELL_KNOWN_INDEX_EXCLUSIONS } from '../src/analytics/season/index-exclusions.ts';
import { seasonEpisodes } from '../src/analytics/season/season-episodes.ts';
import { loadPanel } from '../src/data/panel/load-panel.ts';
import { SqliteStore } from '../src/data/store/sqlite/sqlite-store.ts';
import { isoDateOf, parseDay, type DayNumber } from '../src/domain/dates.ts';
import type { Panel, PanelAsset } from '../src/domain/panel.ts';
import { describeWithSharedData } from './shared-data.ts';

const EXCLUDED_CATEGORIES = ['stablecoin', 'wrapped', 'staked', 'commodity-backed'];
const d = (text: string) => parseDay(text);

describeWithSharedData('Altcoin Season Index on ../shared/data', () => {
  let panel: Panel;
  let series90: SeasonIndexPoint[];

  beforeAll(async () => {
    // test/global-setup.ts imports all of ../shared/data once per run.
    const path = inject('realDataDb');
    if (path === null) throw new Error('the global setup did not build the real-data store');
    const store = SqliteStore.open(path);
    panel = await loadPanel(store);
    await store.close();
    series90 = altcoinSeasonIndexSeries(panel, d('2021-01-01'), d('2021-12-31'), { window: 90 })[0]!.points;
  });

  const between = (points: SeasonIndexPoint[], from: string, to: string) => points.filter((p) => p.day >= d(from) && p.day <= d(to));
  const mean = (points: SeasonIndexPoint[]) => points.reduce((sum, p) => sum + p.index!, 0) / points.length;

  it('2021, 90-day window: altcoin season in the spring, bitcoin season in late summer (as blockchaincenter showed)', () => {
    const spring = between(series90, '2021-04-01', '2021-05-31');
    const lateSummer = between(series90, '2021-08-01', '2021-08-31');
    expect(spring.every((p) => p.index !== null) && lateSummer.every((p) => p.index !== null), 'the index is defined all through 2021').toBe(true);
    expect(mean(spring), 'April–May 2021 averages in altcoin season (≥ 75)').toBeGreaterThanOrEqual(75);
    expect(mean(lateSummer), 'August 2021 averages in bitcoin season (≤ 25)').toBeLessThanOrEqual(25);
    const episodes = seasonEpisodes(series90);
    const spring2021 = episodes.find((e) => e.season === 'altcoin' && e.start <= d('2021-05-01') && e.end >= d('2021-05-01'));
    expect(spring2021, 'an altcoin-season episode spans 2021-05-01').toBeDefined();
    expect(spring2021!.lengthDays, 'and lasts more than a month').toBeGreaterThan(30);
  });

  it('the universe is a full top 50 from mid-April 2021 on (weekly snapshots start 2021-01-04, +90 days)', () => {
    expect(between(series90, '2021-04-15', '2021-12-31').every((p) => p.universeSize === 50), 'every date has 50 constituents').toBe(true);
  });

  it('constituents never include BTC, stablecoins, wrapped, staked or commodity-backed tokens', () => {
    const isExcluded = (asset: PanelAsset) =>
      asset.id === 'bitcoin' ||
      asset.categories.some((c) => EXCLUDED_CATEGORIES.includes(c)) ||
      asset.symbols.some((s) => WELL_KNOWN_INDEX_EXCLUSIONS.has(s.toUpperCase()));
    const byId = new Map(panel.assets.map((a) => [a.id, a]));
    let checked = 0;
    const skippedStable = new Set<string>();
    for (let day = d('2014-01-01'); day <= panel.lastDay!; day = (day + 7) as DayNumber) {
      const explanation = explainSeasonIndex(panel, day, { window: 90 });
      for (const c of explanation.constituents) {
        expect(isExcluded(byId.get(c.assetId)!), `${c.symbol} (${c.assetId}) is in the universe on ${isoDateOf(day)}`).toBe(false);
        checked++;
      }
      for (const s of explanation.skipped) if (s.reason.startsWith('excluded')) skippedStable.add(s.symbol);
    }
    expect(checked, 'thousands of constituent-dates were checked').toBeGreaterThan(10_000);
    for (const symbol of ['USDT', 'USDC', 'WBTC', 'DAI', 'BUSD']) expect(skippedStable.has(symbol), `${symbol} ranked high enough to be skipped`).toBe(true);
  });

  it('is point in time: a coin that rose into the top 50 later is not in earlier universes; dead coins are in theirs', () => {
    const members = (date: string) => new Set(explainSeasonIndex(panel, d(date), { window: 90 }).constituents.map((c) => c.assetId));
    expect(members('2021-01-15').has('shiba-inu'), 'SHIB was a micro-cap in January 2021').toBe(false);
    expect(members('2021-05-15').has('shiba-inu'), 'SHIB was top 50 by May 2021').toBe(true);
    const jan2018 = members('2018-01-10');
    expect(jan2018.has('bitconnect'), 'BitConnect, dead since 2018-01-16, was a constituent before its collapse').toBe(true);
    expect(members('2017-06-01').has('solana'), 'Solana did not exist in 2017').toBe(false);
  });

  it('explain gives the same numbers as the range computation', () => {
    for (const point of between(series90, '2021-01-01', '2021-12-31').filter((_, i) => i % 17 === 0)) {
      expect(explainSeasonIndex(panel, point.day, { window: 90 }).point, `on ${isoDateOf(point.day)}`).toEqual(point);
    }
  });

  it('changing prices and caps after date t never changes the index at or before t (no look-ahead)', () => {
    const windows = [30, 90, 365];
    for (const cut of ['2018-03-01', '2021-05-10', '2022-06-15']) {
      const t = d(cut);
      const from = (t - 60) as DayNumber;
      const original = altcoinSeasonIndexSeries(panel, from, t, { windows });
      // Scramble every cell after t: prices ×/÷ up to 10, caps reshuffled, so rankings and returns would change.
      let seed = 7;
      const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
      const perturbed: Panel = {
        ...panel,
        assets: panel.assets.map((a) => {
          const price = a.price.slice();
          const marketCap = a.marketCap.slice();
          for (let cell = Math.max(0, t - a.firstDay + 1); cell < price.length; cell++) {
            price[cell] = price[cell]! * 10 ** (2 * random() - 1);
            marketCap[cell] = marketCap[cell]! * 10 ** (4 * random() - 2);
          }
          return { ...a, price, marketCap };
        }),
      };
      expect(altcoinSeasonIndexSeries(perturbed, from, t, { windows }), `index up to ${cut} with data after it scrambled`).toEqual(original);
      expect(altcoinSeasonIndexSeries(perturbed, (t + 1) as DayNumber, (t + 30) as DayNumber, { windows: [30] })[0]!.points, 'the perturbation does change later dates').not.toEqual(
        altcoinSeasonIndexSeries(panel, (t + 1) as DayNumber, (t + 30) as DayNumber, { windows: [30] })[0]!.points,
      );
    }
  });
});

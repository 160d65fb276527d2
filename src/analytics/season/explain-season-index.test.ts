import { describe, expect, it } from 'vitest';
import { altcoinSeasonIndex } from './altcoin-season-index.ts';
import { explainSeasonIndex } from './explain-season-index.ts';
import { AT, btc, coin, day, panelOf, WINDOW } from '../../../test/fixtures/season-test-panel.ts';

const base = { top: 2, window: WINDOW, stalenessDays: 2, minUniverse: 1 };

describe('explainSeasonIndex', () => {
  const late = coin('late', { start: 1, end: 9, cap: 450 });
  late.firstDay = day(15);
  late.price = late.price!.slice(15);
  late.marketCap = late.marketCap!.slice(15);
  const panel = panelOf(
    btc(100, 110),
    coin('tether', { start: 1, end: 1, cap: 500, symbol: 'USDT' }),
    late,
    coin('ethereum', { start: 10, end: 15, cap: 400, symbol: 'ETH', source: 'other' }),
    coin('b', { start: 1, end: 1.05, cap: 300 }),
    coin('c', { start: 1, end: 3, cap: 200 }),
  );
  const explanation = explainSeasonIndex(panel, AT, base);

  it('lists the constituents with ranks, prices, dates, sources, returns and beats', () => {
    expect(explanation.constituents.map((c) => [c.rank, c.symbol, c.beatBtc]), 'ETH (rank 4) and B (rank 5) fill the top 2').toEqual([
      [4, 'ETH', true],
      [5, 'B', false],
    ]);
    const eth = explanation.constituents[0]!;
    expect(eth.startPrice, 'start price as of the window start').toEqual({ value: 10, date: '2021-01-11', source: 'other' });
    expect(eth.endPrice, 'end price as of the date').toEqual({ value: 15, date: '2021-01-21', source: 'other' });
    expect(eth.windowReturn, 'ETH 10 → 15').toBeCloseTo(0.5, 12);
    expect(eth.excessReturn, 'ETH +50 % vs BTC +10 %').toBeCloseTo(0.4, 12);
    expect(explanation.btc.windowReturn, 'BTC 100 → 110').toBeCloseTo(0.1, 12);
  });

  it('says which higher-ranked coins were skipped and why', () => {
    expect(explanation.skipped.map((s) => [s.rank, s.symbol, s.reason]), 'BTC, USDT and the late listing are skipped').toEqual([
      [1, 'BTC', 'excluded: benchmark'],
      [2, 'USDT', 'excluded: built-in list (USDT)'],
      [3, 'LATE', 'first seen 2021-01-16, after the window start'],
    ]);
  });

  it('gives the same number as the index', () => {
    expect(explanation.point, 'explain and index share one implementation').toEqual(altcoinSeasonIndex(panel, AT, base));
    expect(explanation.point.index, 'ETH beat, B did not').toBe(50);
  });

  it('with rankAt start, ranks by the caps at the window start and says so', () => {
    const riser = coin('riser', { start: 1, end: 3, cap: 0 });
    riser.marketCap = riser.price!.map((_, i) => (i <= 10 ? 5 : 1000));
    const small = panelOf(btc(), riser, coin('b', { start: 1, end: 0.5, cap: 50 }));
    const explained = explainSeasonIndex(small, AT, { ...base, top: 1, rankAt: 'start' });
    expect(explained.rankDate, 'ranked on the window start').toBe('2021-01-11');
    expect(explained.constituents.map((c) => [c.symbol, c.marketCap.value]), 'B, by its start cap of 50, not the riser (cap 5 then)').toEqual([['B', 50]]);
    expect(explained.point.index, 'B lost to BTC').toBe(0);
  });
});

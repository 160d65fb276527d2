import { describe, expect, it } from 'vitest';
import { altcoinSeasonIndex } from './altcoin-season-index.ts';
import { AT, btc, coin, day, DAYS, panelOf, WINDOW } from '../../../test/fixtures/season-test-panel.ts';

const base = { top: 3, window: WINDOW, stalenessDays: 2, minUniverse: 1 };

describe('altcoinSeasonIndex on hand-made panels', () => {
  it('counts the share of alts that strictly beat BTC; a tie does not count', () => {
    const panel = panelOf(
      btc(100, 110),
      coin('a', { start: 1, end: 1.2, cap: 30 }), // +20 % beats +10 %
      coin('b', { start: 1, end: 1.05, cap: 20 }), // +5 % loses
      coin('c', { start: 2, end: 2.2, cap: 10 }), // +10 %: a tie, not a beat
    );
    const point = altcoinSeasonIndex(panel, AT, base);
    expect(point.universeSize, 'three alts have prices at both ends').toBe(3);
    expect(point.beatCount, 'only A beat BTC; C merely kept pace').toBe(1);
    expect(point.index, 'ASI = 100 × 1/3').toBeCloseTo(100 / 3, 10);
    expect(point.btcReturn, 'BTC went 100 → 110').toBeCloseTo(0.1, 12);
  });

  it('takes only the top N by market cap as of the date', () => {
    const panel = panelOf(
      btc(),
      coin('a', { start: 1, end: 2, cap: 40 }),
      coin('b', { start: 1, end: 2, cap: 30 }),
      coin('c', { start: 1, end: 2, cap: 20 }),
      coin('d', { start: 1, end: 0.5, cap: 10 }),
    );
    expect(altcoinSeasonIndex(panel, AT, base).index, 'D (rank 5) is outside the top 3 alts').toBe(100);
    expect(altcoinSeasonIndex(panel, AT, { ...base, top: 4 }).index, 'with top 4 the loser D counts').toBe(75);
  });

  it('gives the place of a coin without a start price to the next-ranked coin', () => {
    const gap = coin('a', { start: 1, end: 2, cap: 40 });
    // A's prices around the window start (cells 8–10) are missing: older than the 2-day staleness.
    gap.price = gap.price!.map((v, i) => (i >= 8 && i <= 10 ? null : v));
    const panel = panelOf(btc(), gap, coin('b', { start: 1, end: 2, cap: 30 }), coin('c', { start: 1, end: 2, cap: 20 }), coin('d', { start: 1, end: 0.5, cap: 10 }));
    const point = altcoinSeasonIndex(panel, AT, base);
    expect(point.universeSize, 'D fills the place A gave up').toBe(3);
    expect(point.beatCount, 'B and C beat; D (the replacement) did not').toBe(2);
  });

  it('leaves out a coin listed in the middle of the window', () => {
    const late = coin('a', { start: 1, end: 5, cap: 40 });
    late.firstDay = day(15);
    late.price = late.price!.slice(15);
    late.marketCap = late.marketCap!.slice(15);
    const panel = panelOf(btc(), late, coin('b', { start: 1, end: 0.9, cap: 30 }));
    const point = altcoinSeasonIndex(panel, AT, base);
    expect(point.universeSize, 'A has no price at the window start, so only B counts').toBe(1);
    expect(point.index, 'B lost to BTC').toBe(0);
  });

  it('looks prices up as of the date within the staleness limit (weekly snapshots work)', () => {
    const weekly = coin('a', { start: 1, end: 2, cap: 40 });
    // Only snapshots on cells 7 and 17: three days before each window end.
    const keep = (i: number) => i === 7 || i === 17;
    weekly.price = weekly.price!.map((v, i) => (keep(i) ? v : null));
    weekly.marketCap = weekly.marketCap!.map((v, i) => (keep(i) ? v : null));
    const panel = panelOf(btc(), weekly, coin('b', { start: 1, end: 0.5, cap: 30 }));
    expect(altcoinSeasonIndex(panel, AT, { ...base, stalenessDays: 2 }).universeSize, 'a 3-day-old snapshot is too stale with a 2-day limit').toBe(1);
    const point = altcoinSeasonIndex(panel, AT, { ...base, stalenessDays: 3 });
    expect(point.universeSize, 'with a 3-day limit the snapshots count').toBe(2);
    expect(point.index, 'A (+100 %) beat BTC, B did not').toBe(50);
  });

  it('compares a weekly-snapshot coin with BTC over the same days its own prices come from', () => {
    // The coin is seen only on cells 7 and 17 (three days before each window end) and rose 5 %.
    const weekly = coin('a', { start: 100, end: 105, cap: 40 });
    const keep = (i: number) => i === 7 || i === 17;
    weekly.price = weekly.price!.map((v, i) => (keep(i) ? v : null));
    weekly.marketCap = weekly.marketCap!.map((v, i) => (keep(i) ? v : null));
    // BTC: flat at 100 up to cell 17 (+0 % over the coin's days), then 200 from cell 18 (+100 % over t−w…t).
    const bitcoin = btc();
    bitcoin.price = bitcoin.price!.map((_, i) => (i <= 17 ? 100 : 200));
    const point = altcoinSeasonIndex(panelOf(bitcoin, weekly), AT, { ...base, stalenessDays: 3 });
    expect(point.btcReturn, "BTC's return over exactly t−w…t is reported").toBeCloseTo(1);
    expect(point.index, 'the coin beat BTC over the same days (+5 % vs 0 %), whatever BTC did after its last snapshot').toBe(100);
    expect(point.medianExcessReturn, 'excess over the same days').toBeCloseTo(0.05);
  });

  it('excludes BTC, category-excluded tokens, the built-in list and --exclude symbols; ETH counts', () => {
    const panel = panelOf(
      btc(),
      coin('ethereum', { start: 1, end: 2, cap: 500, symbol: 'ETH' }),
      coin('tether', { start: 1, end: 1, cap: 400, symbol: 'USDT' }), // built-in list, no category
      coin('wrapped', { start: 100, end: 120, cap: 300, symbol: 'WXYZ', categories: ['wrapped'], excludedFromIndex: true }),
      coin('renamed', { start: 1, end: 0.5, cap: 200, symbol: 'NEW', symbols: ['OLD', 'NEW'] }),
      coin('d', { start: 1, end: 0.5, cap: 100 }),
    );
    const point = altcoinSeasonIndex(panel, AT, { ...base, top: 2, excludeSymbols: ['old'] });
    expect(point.universeSize, 'ETH and D remain').toBe(2);
    expect(point.index, 'ETH beat BTC, D did not').toBe(50);
  });

  it('ranks by market cap as of the date, not by later caps (no survivorship)', () => {
    const riser = coin('riser', { start: 1, end: 3, cap: 0 });
    riser.marketCap = Array.from({ length: DAYS }, (_, i) => (i <= 20 ? 5 : 1000));
    const later = coin('riser', { ...riser, start: 1, end: 3, cap: 0 });
    later.price = [...riser.price!, 3, 3, 3];
    later.marketCap = [...riser.marketCap, 1000, 1000, 1000];
    const panel = panelOf(btc(), later, coin('b', { start: 1, end: 0.5, cap: 50 }));
    const point = altcoinSeasonIndex(panel, AT, { ...base, top: 1 });
    expect(point.index, 'at 2021-01-21 B (cap 50) outranks the riser (cap 5), whose cap grows only later').toBe(0);
  });

  it('does not change when data after the date changes (no look-ahead)', () => {
    const make = (after: number) => {
      const a = coin('a', { start: 1, end: 2, cap: 40 });
      a.price = [...a.price!, after, after];
      a.marketCap = [...a.marketCap!, after * 1e6, after * 1e6];
      return panelOf(btc(), a, coin('b', { start: 1, end: 0.5, cap: 30 }));
    };
    expect(altcoinSeasonIndex(make(1e-9), AT, base), 'a crash after the date is invisible at the date').toEqual(altcoinSeasonIndex(make(1e9), AT, base));
  });

  it('computes the median excess return and the cap-weighted basket excess over BTC', () => {
    const panel = panelOf(
      btc(100, 110),
      coin('a', { start: 1, end: 1.5, cap: 300 }), // +50 %, excess +0.40
      coin('b', { start: 1, end: 1.2, cap: 100 }), // +20 %, excess +0.10
      coin('c', { start: 1, end: 0.9, cap: 100 }), // −10 %, excess −0.20
    );
    const point = altcoinSeasonIndex(panel, AT, base);
    expect(point.medianExcessReturn, 'median of 0.40, 0.10, −0.20').toBeCloseTo(0.1, 12);
    // Weights are the caps at the window start: (300·0.5 + 100·0.2 + 100·(−0.1)) / 500 = 0.32
    expect(point.capWeightedExcessReturn, 'cap-weighted basket 32 % minus BTC 10 %').toBeCloseTo(0.22, 12);
  });

  it('is undefined (null, not 0) without a BTC return or below the minimum universe', () => {
    const noBtc = panelOf(coin('a', { start: 1, end: 2, cap: 40 }));
    expect(altcoinSeasonIndex(noBtc, AT, base).index, 'no benchmark, no index').toBeNull();
    const small = panelOf(btc(), coin('a', { start: 1, end: 2, cap: 40 }));
    const point = altcoinSeasonIndex(small, AT, { ...base, minUniverse: 2 });
    expect(point.index, 'one coin is below a minimum universe of 2').toBeNull();
    expect(point.season, 'no index, no season').toBeNull();
    expect(point.medianExcessReturn, 'companions are undefined too').toBeNull();
  });

  it('classifies the season with inclusive thresholds', () => {
    const alts = (beating: number) =>
      panelOf(btc(), ...Array.from({ length: 4 }, (_, i) => coin(`c${i}`, { start: 1, end: i < beating ? 2 : 0.5, cap: 10 - i })));
    expect(altcoinSeasonIndex(alts(3), AT, { ...base, top: 4 }).season, '75 is altcoin season').toBe('altcoin');
    expect(altcoinSeasonIndex(alts(1), AT, { ...base, top: 4 }).season, '25 is bitcoin season').toBe('bitcoin');
    expect(altcoinSeasonIndex(alts(2), AT, { ...base, top: 4 }).season, '50 is neutral').toBe('neutral');
  });

  it('says how many coins qualified and why the others did not: excluded, listed late, stale price, ranking exhausted', () => {
    const late = coin('late', { start: 1, end: 5, cap: 450 });
    late.firstDay = day(15);
    late.price = late.price!.slice(15);
    late.marketCap = late.marketCap!.slice(15);
    const staleAtStart = coin('stale-start', { start: 1, end: 2, cap: 400 });
    staleAtStart.price = staleAtStart.price!.map((v, i) => (i >= 7 && i <= 10 ? null : v)); // last price before the start: cell 6, 4 days old
    const staleAtEnd = coin('stale-end', { start: 1, end: 2, cap: 350 });
    staleAtEnd.price = staleAtEnd.price!.map((v, i) => (i >= 18 ? null : v)); // last price cell 17, 3 days before the end
    const panel = panelOf(
      btc(),
      coin('tether', { start: 1, end: 1, cap: 500, symbol: 'USDT' }),
      late,
      staleAtStart,
      staleAtEnd,
      coin('b', { start: 1, end: 2, cap: 300 }),
      coin('c', { start: 1, end: 0.5, cap: 200 }),
    );
    const point = altcoinSeasonIndex(panel, AT, { ...base, top: 5 });
    expect(point.universeSize, 'only B and C have prices at both ends').toBe(2);
    expect(
      [point.excludedCount, point.noStartPriceCount, point.stalePriceCount, point.unfilledCount],
      'USDT excluded (BTC, the benchmark, is not counted); LATE listed after the start; two stale prices; 3 of the 5 places left empty because the ranking ran out',
    ).toEqual([1, 1, 2, 3]);
    const full = altcoinSeasonIndex(panel, AT, { ...base, top: 1 });
    expect([full.universeSize, full.excludedCount, full.noStartPriceCount, full.stalePriceCount, full.unfilledCount], 'with top 1 the walk stops at B: nothing unfilled').toEqual([
      1, 1, 1, 2, 0,
    ]);
  });

  it("ranks at the window's end by default (the published rule) and at its start with rankAt: 'start'", () => {
    // The riser is small at the window start (cap 5) and large at its end (cap 1000) because it tripled.
    const riser = coin('riser', { start: 1, end: 3, cap: 0 });
    riser.marketCap = Array.from({ length: DAYS }, (_, i) => (i <= 10 ? 5 : 1000));
    const panel = panelOf(btc(), riser, coin('b', { start: 1, end: 0.5, cap: 50 }));
    expect(altcoinSeasonIndex(panel, AT, { ...base, top: 1 }).index, 'ranked at the end, the riser is the top alt and beat BTC').toBe(100);
    expect(altcoinSeasonIndex(panel, AT, { ...base, top: 1, rankAt: 'start' }).index, 'ranked at the start, B (cap 50 > 5) is the top alt and lost').toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { parseDay } from '../../domain/dates.ts';
import type { ObservationRecord } from '../../domain/records.ts';
import { gatherDailyCaps } from './gather-daily-caps.ts';
import { marketCapClassesOf, type MarketCapClasses } from './market-cap-classes.ts';

const none: MarketCapClasses = { stablecoins: new Set(), wrappedOrStaked: new Set() };

const obs = (assetId: string, iso: string, source: string, marketCap: number | null, symbol = assetId.toUpperCase()): ObservationRecord => ({
  assetId,
  day: parseDay(iso),
  source,
  symbol,
  price: 1,
  marketCap,
  volume: null,
  rank: null,
});

describe('gatherDailyCaps', () => {
  it('looks caps up as of each day within the staleness limit, so weekly snapshots fill the week', () => {
    const caps = gatherDailyCaps([obs('bitcoin', '2021-01-04', 'weekly', 100)], [], none, { to: parseDay('2021-01-12'), maxStaleDays: 7 });
    expect(caps.caps.map((day) => day.length), 'carried for 7 days after the Monday, then dropped').toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0]);
  });

  it('prefers the fresher observation, and on the same day the higher-precedence source', () => {
    const caps = gatherDailyCaps(
      [obs('bitcoin', '2021-01-04', 'weekly', 100), obs('bitcoin', '2021-01-04', 'daily', 110), obs('bitcoin', '2021-01-05', 'weekly', 120)],
      ['daily', 'weekly'],
      none,
    );
    expect(caps.caps.map((day) => [day[0]!.source, day[0]!.marketCap]), 'daily outranks weekly on 01-04; 01-05 has only the fresher weekly value').toEqual([
      ['daily', 110],
      ['weekly', 120],
    ]);
  });

  it('marks stablecoins by the ticker of the day, skips missing caps and keeps only the top N', () => {
    const caps = gatherDailyCaps(
      [obs('tether', '2021-01-04', 's', 50, 'usdt'), obs('bitcoin', '2021-01-04', 's', 100), obs('dust', '2021-01-04', 's', 1), obs('nocap', '2021-01-04', 's', null)],
      [],
      { stablecoins: new Set(['USDT']), wrappedOrStaked: new Set() },
      { keepTop: 2 },
    );
    expect(caps.caps[0]!.map((c) => [c.assetId, c.isStablecoin]), 'top 2 by cap; USDT recognised case-insensitively').toEqual([
      ['bitcoin', false],
      ['tether', true],
    ]);
  });

  it('leaves wrapped and staked tokens out before taking the top N, unless includeWrapped', () => {
    const rules = [
      { symbol: 'STETH', name: null, category: 'staked', excludeFromIndex: true, source: 'file' },
      { symbol: 'USDT', name: null, category: 'stablecoin', excludeFromIndex: true, source: 'file' },
    ];
    const observations = [
      obs('bitcoin', '2021-01-04', 's', 100),
      obs('wrapped-bitcoin', '2021-01-04', 's', 90, 'WBTC'), // built-in list: no rule needed
      obs('staked-ether', '2021-01-04', 's', 80, 'stETH'), // category rule
      obs('tether', '2021-01-04', 's', 70, 'USDT'),
      obs('dust', '2021-01-04', 's', 1),
    ];
    const classes = marketCapClassesOf(rules);
    const kept = gatherDailyCaps(observations, [], classes, { keepTop: 3 });
    expect(kept.caps[0]!.map((c) => c.assetId), 'WBTC and stETH give their places to USDT and DUST').toEqual(['bitcoin', 'tether', 'dust']);
    expect(kept.wrappedAssetDays, 'two asset-days left out as wrapped/staked').toBe(2);
    const all = gatherDailyCaps(observations, [], classes, { keepTop: 3, includeWrapped: true });
    expect(all.caps[0]!.map((c) => [c.assetId, c.isWrappedOrStaked]), 'with includeWrapped they count, marked').toEqual([
      ['bitcoin', false],
      ['wrapped-bitcoin', true],
      ['staked-ether', true],
    ]);
  });

  it('ranks a source missing from the precedence after the listed ones', () => {
    const caps = gatherDailyCaps([obs('bitcoin', '2021-01-04', 'zzz-unlisted', 100), obs('bitcoin', '2021-01-04', 'listed', 90)], ['listed'], none);
    expect(caps.caps[0]![0]!.source, 'the listed source wins the same day').toBe('listed');
  });
});

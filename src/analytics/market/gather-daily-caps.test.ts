import { describe, expect, it } from 'vitest';
import { parseDay } from '../../domain/dates.ts';
import type { ObservationRecord } from '../../domain/records.ts';
import { gatherDailyCaps } from './load-daily-caps.ts';

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
    const caps = gatherDailyCaps([obs('bitcoin', '2021-01-04', 'weekly', 100)], [], new Set(), { to: parseDay('2021-01-12'), maxStaleDays: 7 });
    expect(caps.caps.map((day) => day.length), 'carried for 7 days after the Monday, then dropped').toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0]);
  });

  it('prefers the fresher observation, and on the same day the higher-precedence source', () => {
    const caps = gatherDailyCaps(
      [obs('bitcoin', '2021-01-04', 'weekly', 100), obs('bitcoin', '2021-01-04', 'daily', 110), obs('bitcoin', '2021-01-05', 'weekly', 120)],
      ['daily', 'weekly'],
      new Set(),
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
      new Set(['USDT']),
      { keepTop: 2 },
    );
    expect(caps.caps[0]!.map((c) => [c.assetId, c.isStablecoin]), 'top 2 by cap; USDT recognised case-insensitively').toEqual([
      ['bitcoin', false],
      ['tether', true],
    ]);
  });
});

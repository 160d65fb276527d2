import { describe, expect, it } from 'vitest';
import { msOfDay, parseDay } from '../../domain/dates.ts';
import { SERIES } from '../../domain/series-names.ts';
import { reportedMarketSeries } from '../../analytics/market/reported-market-series.ts';
import { HEUN630_SOURCE } from '../import/formats/btc-dominance-format.ts';
import { CMC_TOTAL_WEEKLY_DERIVED_SOURCE, CMC_TOTAL_WEEKLY_SOURCE } from '../import/formats/total-market-cap-weekly-format.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { loadReportedMarketPoints } from './load-reported-market-series.ts';

describe('loadReportedMarketPoints', () => {
  it('reads the market-structure points in the range, through the end of the last day, and no other series', async () => {
    const store = SqliteStore.open(':memory:');
    const day = parseDay('2018-01-01');
    await store.write({
      load: { source: 'test', origin: 'unit' },
      seriesPoints: [
        { series: SERIES.btcDominancePct, at: msOfDay(day), source: HEUN630_SOURCE, value: 36.5 },
        { series: SERIES.btcDominancePct, at: (msOfDay(day) + 18 * 3_600_000) as never, source: 'coingecko', value: 36.9 },
        { series: SERIES.btcDominancePct, at: msOfDay((day + 1) as never), source: HEUN630_SOURCE, value: 37.5 },
        { series: SERIES.fearGreed, at: msOfDay(day), source: 'alternative_me', value: 40 },
      ],
    });
    const points = await loadReportedMarketPoints(store, { from: day, to: day });
    expect(points.map((p) => p.value).sort(), 'the 00:00 and the 18:00 points of 2018-01-01; not the next day, not fear & greed').toEqual([36.5, 36.9]);
    await store.close();
  });

  it('labels the imported files by the source ids the importer stores them under (docs/market-structure.md)', async () => {
    const store = SqliteStore.open(':memory:');
    const at = msOfDay(parseDay('2018-01-01'));
    await store.write({
      load: { source: 'test', origin: 'unit' },
      seriesPoints: [
        { series: SERIES.btcDominancePct, at, source: HEUN630_SOURCE, value: 36.5 },
        { series: SERIES.totalMarketCapUsd, at, source: CMC_TOTAL_WEEKLY_SOURCE, value: 6e11 },
        { series: SERIES.btcDominancePct, at, source: CMC_TOTAL_WEEKLY_DERIVED_SOURCE, value: 37 },
      ],
    });
    const series = reportedMarketSeries(await loadReportedMarketPoints(store));
    const label = (metric: string, value: number) => series.find((x) => x.metric === metric && x.series.values[0] === value)?.universe;
    expect(label('btc_dominance_pct', 36.5), 'btc_dominance_daily_2017_2024.csv, stored as heun630_onchain').toBe('all coins (provider unnamed)');
    expect(label('total_usd', 6e11), 'total_market_cap_weekly_2013_2018.csv, stored as cmc_total_weekly').toBe('all CMC-listed coins (weekly)');
    expect(label('btc_dominance_pct', 37), 'and its derived BTC.D column').toBe('all CMC-listed coins (weekly)');
    await store.close();
  });
});

/**
 * Market-structure series as providers report them (stored in series_points): total market cap
 * and dominance from CoinGecko /global snapshots, the imported btc_dominance_daily_2017_2024.csv
 * and total_market_cap_weekly_2013_2018.csv. One labelled series per (series, source), on the days
 * the provider reported (several points in a day: the last one counts).
 */
import { dayOfMs, type DayNumber, msOfDay } from '../../domain/dates.ts';
import { makeSeries } from '../../domain/series.ts';
import { SERIES } from '../../domain/series-names.ts';
import type { MarketMetric, MarketStructureSeries } from '../../analytics/market/market-structure-series.ts';
import { HEUN630_SOURCE } from '../import/formats/btc-dominance-format.ts';
import { CMC_TOTAL_WEEKLY_DERIVED_SOURCE, CMC_TOTAL_WEEKLY_SOURCE } from '../import/formats/total-market-cap-weekly-format.ts';
import type { Store } from '../store/store.ts';

const DOMINANCE_FILE = {
  universe: 'all coins (provider unnamed)',
  provider: 'btc_dominance_daily_2017_2024.csv (unnamed provider, CryptoQuant-like export)',
};
const CMC_WEEKLY_TOTAL_FILE = { universe: 'all CMC-listed coins (weekly)', provider: 'total_market_cap_weekly_2013_2018.csv (CoinMarketCap weekly total)' };

/** What each known source's figures cover. Unknown sources are labelled by their id. */
export const REPORTED_SOURCE_UNIVERSES: Record<string, { universe: string; provider: string }> = {
  coingecko: { universe: 'all coins (CoinGecko /global)', provider: 'CoinGecko /global' },
  coingecko_global: { universe: 'all coins (CoinGecko /global)', provider: 'CoinGecko /global' },
  coinmarketcap: { universe: 'all coins (CoinMarketCap global metrics)', provider: 'CoinMarketCap' },
  btc_dominance_daily_2017_2024: DOMINANCE_FILE,
  total_market_cap_weekly_2013_2018: CMC_WEEKLY_TOTAL_FILE,
  // The source ids the importer actually stores these files under (docs/data.md, "Formats").
  [HEUN630_SOURCE]: DOMINANCE_FILE,
  [CMC_TOTAL_WEEKLY_SOURCE]: CMC_WEEKLY_TOTAL_FILE,
  [CMC_TOTAL_WEEKLY_DERIVED_SOURCE]: { universe: CMC_WEEKLY_TOTAL_FILE.universe, provider: 'total_market_cap_weekly_2013_2018.csv (its BTC cap / total column)' },
};

export function describeReportedSource(source: string): { universe: string; provider: string } {
  return REPORTED_SOURCE_UNIVERSES[source] ?? { universe: `as reported by ${source}`, provider: source };
}

const REPORTED: [string, MarketMetric][] = [
  [SERIES.totalMarketCapUsd, 'total_usd'],
  [SERIES.btcDominancePct, 'btc_dominance_pct'],
  [SERIES.ethDominancePct, 'eth_dominance_pct'],
  [SERIES.stablecoinDominancePct, 'stablecoin_dominance_pct'],
];

export async function loadReportedMarketSeries(store: Store, range: { from?: DayNumber; to?: DayNumber } = {}): Promise<MarketStructureSeries[]> {
  const msRange: { from?: ReturnType<typeof msOfDay>; to?: ReturnType<typeof msOfDay> } = {};
  if (range.from !== undefined) msRange.from = msOfDay(range.from);
  // Up to the end of the last day: a /global snapshot at 18:00 belongs to that day.
  if (range.to !== undefined) msRange.to = (msOfDay(range.to) + 86_399_999) as ReturnType<typeof msOfDay>;
  const out: MarketStructureSeries[] = [];
  for (const [name, metric] of REPORTED) {
    const points = await store.readSeries(name, msRange);
    const bySource = new Map<string, Map<number, number>>();
    for (const point of [...points].sort((a, b) => a.at - b.at)) {
      let days = bySource.get(point.source);
      if (!days) bySource.set(point.source, (days = new Map()));
      days.set(dayOfMs(point.at), point.value);
    }
    for (const [source, days] of [...bySource].sort(([a], [b]) => a.localeCompare(b))) {
      const ordered = [...days].sort(([a], [b]) => a - b);
      const { universe, provider } = describeReportedSource(source);
      out.push({
        metric,
        universe,
        source: provider,
        series: makeSeries(`${metric} ${source}`, ordered.map(([day]) => day), ordered.map(([, value]) => value)),
      });
    }
  }
  return out;
}

/**
 * Market-structure series as providers report them: total market cap and dominance from CoinGecko
 * /global snapshots, the imported btc_dominance_daily_2017_2024.csv and
 * total_market_cap_weekly_2013_2018.csv. One labelled series per (series, source), on the days the
 * provider reported (several points in a day: the last one counts). Pure: the store's points are
 * read by data/panel/load-reported-market-series.ts.
 */
import { dayOfMs } from '../../domain/dates.ts';
import type { SeriesPointRecord } from '../../domain/records.ts';
import { makeSeries } from '../../domain/series.ts';
import { SERIES } from '../../domain/series-names.ts';
import type { MarketMetric, MarketStructureSeries } from './market-structure-series.ts';

const DOMINANCE_FILE = {
  universe: 'all coins (provider unnamed)',
  provider: 'btc_dominance_daily_2017_2024.csv (unnamed provider, CryptoQuant-like export)',
};
const CMC_WEEKLY_TOTAL_FILE = { universe: 'all CMC-listed coins (weekly)', provider: 'total_market_cap_weekly_2013_2018.csv (CoinMarketCap weekly total)' };

/**
 * What each known source's figures cover. Unknown sources are labelled by their id. The last three
 * ids are the ones the importer stores the two files under (data/import/formats; the loader's test
 * checks they still match).
 */
export const REPORTED_SOURCE_UNIVERSES: Record<string, { universe: string; provider: string }> = {
  coingecko: { universe: 'all coins (CoinGecko /global)', provider: 'CoinGecko /global' },
  coingecko_global: { universe: 'all coins (CoinGecko /global)', provider: 'CoinGecko /global' },
  coinmarketcap: { universe: 'all coins (CoinMarketCap global metrics)', provider: 'CoinMarketCap' },
  btc_dominance_daily_2017_2024: DOMINANCE_FILE,
  total_market_cap_weekly_2013_2018: CMC_WEEKLY_TOTAL_FILE,
  heun630_onchain: DOMINANCE_FILE,
  cmc_total_weekly: CMC_WEEKLY_TOTAL_FILE,
  cmc_total_weekly_derived: { universe: CMC_WEEKLY_TOTAL_FILE.universe, provider: 'total_market_cap_weekly_2013_2018.csv (its BTC cap / total column)' },
};

export function describeReportedSource(source: string): { universe: string; provider: string } {
  return REPORTED_SOURCE_UNIVERSES[source] ?? { universe: `as reported by ${source}`, provider: source };
}

/** Stored series names and the metric each one is. */
export const REPORTED_MARKET_SERIES: readonly (readonly [string, MarketMetric])[] = [
  [SERIES.totalMarketCapUsd, 'total_usd'],
  [SERIES.btcDominancePct, 'btc_dominance_pct'],
  [SERIES.ethDominancePct, 'eth_dominance_pct'],
  [SERIES.stablecoinDominancePct, 'stablecoin_dominance_pct'],
];

/** Labelled series from stored points of the REPORTED_MARKET_SERIES (other series are ignored). */
export function reportedMarketSeries(points: readonly SeriesPointRecord[]): MarketStructureSeries[] {
  const out: MarketStructureSeries[] = [];
  for (const [name, metric] of REPORTED_MARKET_SERIES) {
    const bySource = new Map<string, Map<number, number>>();
    for (const point of points.filter((p) => p.series === name).sort((a, b) => a.at - b.at)) {
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

/**
 * total_market_cap_weekly_2013_2018.csv: CMC's weekly total market cap, plus a BTC dominance the
 * data set derived from it (BTC's cap of the previous day), kept under its own source name.
 */
import { SERIES } from '../../../domain/series-names.ts';
import { dailySeriesFormat } from './daily-series-format.ts';

export const CMC_TOTAL_WEEKLY_SOURCE = 'cmc_total_weekly';
export const CMC_TOTAL_WEEKLY_DERIVED_SOURCE = 'cmc_total_weekly_derived';

export const totalMarketCapWeeklyFormat = dailySeriesFormat({
  id: 'total-market-cap-weekly',
  description: 'weekly total crypto market cap (USD) and derived BTC dominance',
  columns: [
    { column: 'total_market_cap_usd', series: SERIES.totalMarketCapUsd, source: CMC_TOTAL_WEEKLY_SOURCE, rule: 'positive', optional: false },
    // BTC's cap is only a check column (it comes from the Kaggle prices imported elsewhere).
    { column: 'btc_market_cap_usd', series: null, source: null, rule: 'positive', optional: true },
    { column: 'btc_dominance_pct_derived', series: SERIES.btcDominancePct, source: CMC_TOTAL_WEEKLY_DERIVED_SOURCE, rule: 'positive', range: [0, 100], optional: true },
    { column: 'total_ex_btc_usd_derived', series: null, source: null, rule: 'positive', optional: true },
  ],
});

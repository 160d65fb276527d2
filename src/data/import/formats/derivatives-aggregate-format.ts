/**
 * btc_derivatives_daily_aggregate.csv: BTC open interest (USD) and a funding rate that is in
 * PERCENT per 8h (0.146 on 2021-02-18 against Binance's 0.00137 fraction), so it is stored under
 * its own series name rather than beside the fractional funding_rate_8h series.
 */
import { SERIES, seriesName } from '../../../domain/series-names.ts';
import { HEUN630_SOURCE } from './btc-dominance-format.ts';
import { dailySeriesFormat } from './daily-series-format.ts';

export const derivativesAggregateFormat = dailySeriesFormat({
  id: 'btc-derivatives-aggregate',
  description: 'daily BTC open interest (USD) and aggregate funding (% per 8h)',
  columns: [
    { column: 'btc_open_interest_usd_all_exchanges', series: seriesName(SERIES.openInterestUsd, 'BTC'), source: HEUN630_SOURCE, rule: 'positive', optional: true },
    { column: 'btc_funding_rate_all_exchanges', series: SERIES.fundingRatePctAllExchanges, source: HEUN630_SOURCE, rule: 'any', optional: true },
  ],
});

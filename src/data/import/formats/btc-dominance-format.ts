/** btc_dominance_daily_2017_2024.csv: BTC dominance in percent; the provider is not stated upstream. */
import { SERIES } from '../../../domain/series-names.ts';
import { dailySeriesFormat } from './daily-series-format.ts';

/** Named after the repository it came from, since the data's provider is unknown. */
export const HEUN630_SOURCE = 'heun630_onchain';

export const btcDominanceFormat = dailySeriesFormat({
  id: 'btc-dominance',
  description: 'daily BTC dominance (%)',
  columns: [{ column: 'btc_dominance_pct', series: SERIES.btcDominancePct, source: HEUN630_SOURCE, rule: 'positive', range: [0, 100], optional: false }],
});

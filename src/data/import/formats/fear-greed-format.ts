/** fear_greed_daily.csv: alternative.me's Crypto Fear & Greed Index, 0–100. */
import { SERIES } from '../../../domain/series-names.ts';
import { dailySeriesFormat } from './daily-series-format.ts';

export const FEAR_GREED_SOURCE = 'alternative.me';

export const fearGreedFormat = dailySeriesFormat({
  id: 'fear-greed',
  description: 'daily Crypto Fear & Greed Index (0–100)',
  columns: [{ column: 'fng_value', series: SERIES.fearGreed, source: FEAR_GREED_SOURCE, rule: 'non-negative', range: [0, 100], optional: false }],
});

/**
 * The Altcoin Season Index at one date: of the top N coins by market cap AS OF that date (BTC,
 * stablecoins, wrapped, staked and commodity-backed tokens left out, ETH included), the share
 * (0–100) whose price return over the window was strictly greater than BTC's. Ties do not count as
 * beating BTC. Coins without an as-of price at both window ends give their place to the next-ranked
 * coin. See docs/methodology.md.
 */
import type { DayNumber } from '../../domain/dates.ts';
import type { Panel } from '../../domain/panel.ts';
import { altcoinSeasonIndexSeries, type SeasonIndexPoint } from './altcoin-season-index-series.ts';
import type { SeasonIndexOptions } from './season-index-options.ts';

export function altcoinSeasonIndex(panel: Panel, day: DayNumber, options: Partial<SeasonIndexOptions> = {}): SeasonIndexPoint {
  return altcoinSeasonIndexSeries(panel, day, day, options)[0]!.points[0]!;
}

/**
 * Everything needed to reproduce the index at one date by hand: each constituent's rank, as-of
 * market cap, the start and end prices with the days and sources they came from, its window return
 * against BTC's, and every higher-ranked coin that was skipped, with the reason.
 */
import { isoDateOf, type DayNumber, type IsoDate } from '../../domain/dates.ts';
import { sourceName, type Panel } from '../../domain/panel.ts';
import { AsOfLookup } from './as-of-lookup.ts';
import { seasonIndexPoint, type SeasonIndexPoint } from './altcoin-season-index-series.ts';
import { indexExclusionReasons } from './index-exclusions.ts';
import { MarketCapRanker } from './market-cap-ranker.ts';
import { resolveSeasonIndexOptions, type SeasonIndexOptions } from './season-index-options.ts';
import { summarizeWindow } from './summarize-window.ts';
import { makeUniverseBuffers, universeInputs, walkUniverse } from './walk-universe.ts';

/** A value looked up as of a date: what it was, which day it was observed, and by which source. */
export interface AsOfValue {
  value: number;
  date: IsoDate;
  source: string | null;
}

export interface ExplainedConstituent {
  rank: number;
  assetId: string;
  symbol: string;
  name: string;
  /** The as-of market cap it was ranked by (at `rankDate`). */
  marketCap: AsOfValue;
  /** Market cap at the window start (the weight in the cap-weighted basket), null if unknown. */
  startMarketCap: AsOfValue | null;
  startPrice: AsOfValue;
  endPrice: AsOfValue;
  windowReturn: number;
  /** BTC's return over the same days as this coin's start and end prices (weekly snapshots end early). */
  btcReturnSameDays: number | null;
  /** windowReturn − btcReturnSameDays. */
  excessReturn: number | null;
  beatBtc: boolean;
}

export interface SkippedCoin {
  rank: number;
  assetId: string;
  symbol: string;
  name: string;
  marketCap: AsOfValue;
  reason: string;
}

export interface SeasonIndexExplanation {
  date: IsoDate;
  windowStart: IsoDate;
  /** The date whose market caps ranked the coins: the window end or start (options.rankAt). */
  rankDate: IsoDate;
  options: SeasonIndexOptions;
  point: SeasonIndexPoint;
  btc: { assetId: string; startPrice: AsOfValue | null; endPrice: AsOfValue | null; windowReturn: number | null };
  constituents: ExplainedConstituent[];
  /** Coins ranked above the last constituent that were left out (BTC, stablecoins, missing prices…). */
  skipped: SkippedCoin[];
}

export function explainSeasonIndex(panel: Panel, day: DayNumber, partial: Partial<SeasonIndexOptions> = {}): SeasonIndexExplanation {
  const options = resolveSeasonIndexOptions(partial);
  const { top, window, stalenessDays } = options;
  const start = day - window;
  const exclusions = indexExclusionReasons(panel, options);
  const rankDay = options.rankAt === 'start' ? start : day;
  const ranking = new MarketCapRanker(panel, stalenessDays).rank(rankDay);
  const lookup = new AsOfLookup(panel, stalenessDays);
  const buffers = makeUniverseBuffers(top);
  const skipped: SkippedCoin[] = [];

  const asOf = (assetIndex: number, column: 'price' | 'marketCap', at: number): AsOfValue | null => {
    const asset = panel.assets[assetIndex]!;
    const cell = column === 'price' ? lookup.price(assetIndex, at) : lookup.marketCap(assetIndex, at);
    if (cell < 0) return null;
    const sources = column === 'price' ? asset.priceSource : asset.marketCapSource;
    return { value: asset[column][cell]!, date: isoDateOf((asset.firstDay + cell) as DayNumber), source: sourceName(panel, sources[cell]!) };
  };

  const size = walkUniverse(universeInputs(panel, lookup, exclusions), ranking, day, window, top, buffers, (a, rank, reason) => {
    const asset = panel.assets[a]!;
    skipped.push({ rank, assetId: asset.id, symbol: asset.symbol, name: asset.name, marketCap: asOf(a, 'marketCap', rankDay)!, reason });
  });

  const benchmark = panel.assets.findIndex((a) => a.id === options.benchmarkAssetId);
  const btcStart = benchmark < 0 ? null : asOf(benchmark, 'price', start);
  const btcEnd = benchmark < 0 ? null : asOf(benchmark, 'price', day);
  const btcReturn = btcStart && btcEnd ? btcEnd.value / btcStart.value - 1 : null;

  const constituents: ExplainedConstituent[] = [];
  for (let i = 0; i < size; i++) {
    const a = buffers.asset[i]!;
    const asset = panel.assets[a]!;
    const startPrice = asOf(a, 'price', start)!;
    const endPrice = asOf(a, 'price', day)!;
    const startMarketCap = asOf(a, 'marketCap', start);
    // The walk's own figures, the very numbers the index counts.
    const windowReturn = buffers.windowReturn[i]!;
    const matched = buffers.benchmarkReturn[i]!;
    const btcSameDays = Number.isNaN(matched) ? null : matched;
    constituents.push({
      rank: buffers.rank[i]!,
      assetId: asset.id,
      symbol: asset.symbol,
      name: asset.name,
      marketCap: asOf(a, 'marketCap', rankDay)!,
      startMarketCap,
      startPrice,
      endPrice,
      windowReturn,
      btcReturnSameDays: btcSameDays,
      excessReturn: btcSameDays === null ? null : windowReturn - btcSameDays,
      beatBtc: btcReturn !== null && btcSameDays !== null && windowReturn > btcSameDays,
    });
  }
  const summary = summarizeWindow(buffers.windowReturn, buffers.benchmarkReturn, buffers.startCap, size, btcReturn, Math.min(options.minUniverse, top), new Float64Array(top));
  return {
    date: isoDateOf(day),
    windowStart: isoDateOf(start as DayNumber),
    rankDate: isoDateOf(rankDay as DayNumber),
    options,
    point: seasonIndexPoint(day, options, summary, buffers.counts),
    btc: { assetId: options.benchmarkAssetId, startPrice: btcStart, endPrice: btcEnd, windowReturn: btcReturn },
    constituents,
    skipped,
  };
}

/**
 * The constituents of the Altcoin Season Index on one date: rank, cap, prices with their dates and
 * sources, returns against BTC's over the same days, and every higher-ranked coin skipped with the
 * reason. Shared by `altseason index --explain`, `GET /api/index/explain` and the library; it comes
 * from the same analytics as the number itself.
 */
import { isoDateOf, type DayNumber } from '../domain/dates.ts';
import { NoDataError } from '../domain/errors.ts';
import { explainSeasonIndex, type AsOfValue } from '../analytics/season/explain-season-index.ts';
import { resolveSeasonIndexOptions, type SeasonIndexOptions } from '../analytics/season/season-index-options.ts';
import type { ExplainIndexResult } from './contracts/explain-index.ts';
import { EXPLAIN_INDEX_SCHEMA } from './contracts/schema-names.ts';
import { checkExcludedSymbols } from './check-excluded-symbols.ts';
import { dataNotice } from './data-notice.ts';
import { inSnapshot, type ReadContext } from './read-context.ts';
import { roundOrNull } from './round.ts';
import { seasonIndexSettings } from './season-index.ts';
import { storedCryptoSpan } from './stored-span.ts';

export interface ExplainIndexQuery {
  date: DayNumber;
  settings?: Partial<SeasonIndexOptions>;
  /** How the interface names the date in its errors ("--explain" on the CLI, "date" in the API). */
  fieldName?: string;
  excludeFieldName?: string;
}

const asOf = (v: AsOfValue | null) => (v === null ? null : { value: v.value, date: v.date, source: v.source });

export async function explainIndex(context: ReadContext, query: ExplainIndexQuery): Promise<ExplainIndexResult> {
  const settings = resolveSeasonIndexOptions(query.settings ?? {});
  const name = query.fieldName ?? 'date';
  return inSnapshot(context, async () => {
    const span = await storedCryptoSpan(context.store);
    await checkExcludedSymbols(context.store, settings.excludeSymbols, query.excludeFieldName ?? 'exclude');
    if (query.date > span.last) throw new NoDataError(`${name} ${isoDateOf(query.date)} is after the last day with data: ${span.text}`);
    if (query.date < span.first) throw new NoDataError(`${name} ${isoDateOf(query.date)} is before the first day with data: ${span.text}`);
    // Why a coin was skipped ("first seen after the window start") needs its whole history up to the date.
    const panel = await context.panel({ to: query.date });
    const e = explainSeasonIndex(panel, query.date, settings);
    const simulated = await context.simulated();
    return {
      schema: EXPLAIN_INDEX_SCHEMA,
      simulated,
      data: dataNotice(span.last, context.today(), simulated),
      settings: seasonIndexSettings(e.options),
      date: e.date,
      windowStart: e.windowStart,
      rankDate: e.rankDate,
      index: roundOrNull(e.point.index, 4),
      season: e.point.season,
      universeSize: e.point.universeSize,
      beatCount: e.point.beatCount,
      btc: { startPrice: asOf(e.btc.startPrice), endPrice: asOf(e.btc.endPrice), windowReturn: roundOrNull(e.btc.windowReturn, 6) },
      medianExcessReturn: roundOrNull(e.point.medianExcessReturn, 6),
      capWeightedExcessReturn: roundOrNull(e.point.capWeightedExcessReturn, 6),
      constituents: e.constituents.map((c) => ({
        rank: c.rank,
        assetId: c.assetId,
        symbol: c.symbol,
        name: c.name,
        marketCap: c.marketCap.value,
        marketCapDate: c.marketCap.date,
        marketCapSource: c.marketCap.source,
        startMarketCap: c.startMarketCap?.value ?? null,
        startDate: c.startPrice.date,
        startPrice: c.startPrice.value,
        startSource: c.startPrice.source,
        endDate: c.endPrice.date,
        endPrice: c.endPrice.value,
        endSource: c.endPrice.source,
        windowReturn: roundOrNull(c.windowReturn, 6)!,
        btcReturnSameDays: roundOrNull(c.btcReturnSameDays, 6),
        excessReturn: roundOrNull(c.excessReturn, 6),
        beatBtc: c.beatBtc,
      })),
      skipped: e.skipped.map((s) => ({ rank: s.rank, assetId: s.assetId, symbol: s.symbol, marketCap: s.marketCap.value, reason: s.reason })),
    };
  });
}

/** `altseason index --explain` / `GET /api/index/explain` / `explainIndex()`: the constituents of one date. */
import { z } from 'zod';
import { EXPLAIN_INDEX_SCHEMA } from './schema-names.ts';
import { dataResultHeader, IsoDateSchema, SeasonLabelSchema } from './data-notice.ts';
import { SeasonIndexSettingsSchema } from './season-index.ts';


/** A price or cap looked up as of a date: the value, the day it is from, and its source. */
export const AsOfValueSchema = z.object({ value: z.number(), date: IsoDateSchema, source: z.string().nullable() });

export const ConstituentSchema = z.object({
  rank: z.number().int(),
  assetId: z.string(),
  symbol: z.string(),
  name: z.string(),
  marketCap: z.number(),
  marketCapDate: IsoDateSchema,
  marketCapSource: z.string().nullable(),
  startMarketCap: z.number().nullable(),
  startDate: IsoDateSchema,
  startPrice: z.number(),
  startSource: z.string().nullable(),
  endDate: IsoDateSchema,
  endPrice: z.number(),
  endSource: z.string().nullable(),
  /** Fractions (0.1 = +10 %). */
  windowReturn: z.number(),
  /** BTC's return over the same days as this coin's prices (weekly snapshots end early). */
  btcReturnSameDays: z.number().nullable(),
  excessReturn: z.number().nullable(),
  beatBtc: z.boolean(),
});
export type Constituent = z.infer<typeof ConstituentSchema>;

export const SkippedCoinSchema = z.object({
  rank: z.number().int(),
  assetId: z.string(),
  symbol: z.string(),
  marketCap: z.number(),
  reason: z.string(),
});
export type SkippedCoin = z.infer<typeof SkippedCoinSchema>;

export const ExplainIndexResultSchema = z.object({
  ...dataResultHeader(EXPLAIN_INDEX_SCHEMA),
  settings: SeasonIndexSettingsSchema,
  date: IsoDateSchema,
  windowStart: IsoDateSchema,
  /** The day whose market caps picked the top N (the window end, or its start with rankAt 'start'). */
  rankDate: IsoDateSchema,
  index: z.number().nullable(),
  season: SeasonLabelSchema.nullable(),
  universeSize: z.number().int(),
  beatCount: z.number().int(),
  btc: z.object({ startPrice: AsOfValueSchema.nullable(), endPrice: AsOfValueSchema.nullable(), windowReturn: z.number().nullable() }),
  medianExcessReturn: z.number().nullable(),
  capWeightedExcessReturn: z.number().nullable(),
  constituents: z.array(ConstituentSchema),
  skipped: z.array(SkippedCoinSchema),
});
export type ExplainIndexResult = z.infer<typeof ExplainIndexResultSchema>;

export { EXPLAIN_INDEX_SCHEMA };

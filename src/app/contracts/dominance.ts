/** `altseason dominance` / `GET /api/dominance` / `dominance()`: BTC.D, TOTAL2 and the rest, labelled. */
import { z } from 'zod';
import { DOMINANCE_SCHEMA } from './schema-names.ts';
import { dataResultHeader, IsoDateSchema } from './data-notice.ts';


/** Every figure names its definition: the universe it sums and where the numbers come from. */
const Labelled = { universe: z.string(), source: z.string() };

export const DefinitionSchema = z.object({ metric: z.string(), label: z.string(), ...Labelled });
export const LatestFigureSchema = z.object({ metric: z.string(), label: z.string(), value: z.number().nullable(), date: IsoDateSchema.nullable(), ...Labelled });
export type LatestFigureRow = z.infer<typeof LatestFigureSchema>;

export const DominanceTrendSchema = z.object({
  ...Labelled,
  windowDays: z.number().int(),
  value: z.number().nullable(),
  movingAverage: z.number().nullable(),
  aboveAverage: z.boolean().nullable(),
  /** Change of the moving average over the slope lookback, in percentage points of dominance. */
  averageChangePts: z.number().nullable(),
  slopeLookbackDays: z.number().int(),
  direction: z.string().nullable(),
});

export const GrowthSchema = z.object({
  ...Labelled,
  windowDays: z.number().int(),
  from: IsoDateSchema,
  to: IsoDateSchema,
  total2GrowthPct: z.number().nullable(),
  btcGrowthPct: z.number().nullable(),
  differencePts: z.number().nullable(),
  total2Faster: z.boolean().nullable(),
});

export const CrossingSchema = z.object({
  ...Labelled,
  date: IsoDateSchema,
  threshold: z.number(),
  direction: z.enum(['above', 'below']),
  value: z.number(),
  previousDate: IsoDateSchema,
  previousValue: z.number(),
});
export type CrossingRow = z.infer<typeof CrossingSchema>;

/** One day of the stored universe's figures, and the provider's own BTC.D beside ours. */
export const DominanceDaySchema = z.object({
  date: IsoDateSchema,
  btcDominancePct: z.number().nullable(),
  ethDominancePct: z.number().nullable(),
  stablecoinDominancePct: z.number().nullable(),
  totalUsd: z.number().nullable(),
  total2Usd: z.number().nullable(),
  total3Usd: z.number().nullable(),
  othersUsd: z.number().nullable(),
  btcMarketCapUsd: z.number().nullable(),
  assetCount: z.number().nullable(),
  providerBtcDominancePct: z.number().nullable(),
});
export type DominanceDay = z.infer<typeof DominanceDaySchema>;

export const DominanceResultSchema = z.object({
  ...dataResultHeader(DOMINANCE_SCHEMA),
  asOf: IsoDateSchema,
  from: IsoDateSchema,
  to: IsoDateSchema,
  /** The stored universe behind `days`: "top 125 stored assets, wrapped and staked tokens excluded". */
  universe: z.string(),
  includeWrapped: z.boolean(),
  /** The provider's own BTC.D shown beside ours (another definition), or null. */
  providerSeriesLabel: z.string().nullable(),
  definitions: z.array(DefinitionSchema),
  storedUniverseAssetDaysBySource: z.record(z.string(), z.number()),
  latest: z.array(LatestFigureSchema),
  btcDominanceGaps: z.array(z.object({ a: LatestFigureSchema, b: LatestFigureSchema, differencePts: z.number() })),
  btcDominanceTrends: z.array(DominanceTrendSchema),
  total2VsBtc: z.array(GrowthSchema),
  crossings: z.array(CrossingSchema),
  crossingThresholds: z.array(z.number()),
  days: z.array(DominanceDaySchema),
  /** One line each for people: the latest figures, the trend, growth, the last crossings. */
  readings: z.array(z.string()),
});
export type DominanceResult = z.infer<typeof DominanceResultSchema>;

export { DOMINANCE_SCHEMA };

/** `altseason index` / `GET /api/index` / `seasonIndex()`: the ASI over a range, with its episodes. */
import { z } from 'zod';
import { SEASON_INDEX_SCHEMA } from './schema-names.ts';
import { dataResultHeader, IsoDateSchema, SeasonLabelSchema } from './data-notice.ts';


export const SeasonIndexSettingsSchema = z.object({
  window: z.number().int(),
  top: z.number().int(),
  altThreshold: z.number(),
  btcThreshold: z.number(),
  stalenessDays: z.number().int(),
  minUniverse: z.number().int(),
  excludeSymbols: z.array(z.string()),
  rankAt: z.enum(['start', 'end']),
});
export type SeasonIndexSettings = z.infer<typeof SeasonIndexSettingsSchema>;

export const IndexPointSchema = z.object({
  date: IsoDateSchema,
  /** 0–100, null when undefined (too few coins priced at both ends of the window, or no BTC price). */
  index: z.number().nullable(),
  season: SeasonLabelSchema.nullable(),
  universeSize: z.number().int(),
  beatCount: z.number().int().nullable(),
  /** BTC's return over the window, a fraction (0.1 = +10 %). */
  btcReturn: z.number().nullable(),
  medianExcessReturn: z.number().nullable(),
  capWeightedExcessReturn: z.number().nullable(),
  /** Why coins ranked within the top N did not qualify (docs/methodology.md): */
  /** stablecoins, wrapped/staked/commodity-backed tokens and --exclude; */
  excludedCount: z.number().int(),
  /** no price by the window start (listed during the window); */
  noStartPriceCount: z.number().int(),
  /** a price at the window start or end older than the staleness limit; */
  stalePriceCount: z.number().int(),
  /** places left empty because the store ranks too few coins. */
  unfilledCount: z.number().int(),
  /** Most constituents are priced from weekly snapshots (a step in a weekly index is a week's move). */
  weeklyData: z.boolean(),
});
export type IndexPoint = z.infer<typeof IndexPointSchema>;

export const IndexEpisodeSchema = z.object({
  season: z.enum(['altcoin', 'bitcoin']),
  start: IsoDateSchema,
  end: IsoDateSchema,
  days: z.number().int(),
  peak: z.number(),
  peakDate: IsoDateSchema,
  /** The episode runs to the end of the range asked (it may go on). */
  ongoing: z.boolean(),
  /** The run rests mostly on weekly snapshots. */
  weeklyData: z.boolean(),
});
export type IndexEpisode = z.infer<typeof IndexEpisodeSchema>;

export const SeasonIndexResultSchema = z.object({
  ...dataResultHeader(SEASON_INDEX_SCHEMA),
  settings: SeasonIndexSettingsSchema,
  from: IsoDateSchema,
  to: IsoDateSchema,
  points: z.array(IndexPointSchema),
  /** Season runs of at least `minEpisodeDays` days. */
  minEpisodeDays: z.number().int(),
  episodes: z.array(IndexEpisodeSchema),
});
export type SeasonIndexResult = z.infer<typeof SeasonIndexResultSchema>;

export { SEASON_INDEX_SCHEMA };

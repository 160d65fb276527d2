/** `altseason sectors` / `sectors()`: the members of every tier and sector on a date, their weights and where each sector label comes from. */
import { z } from 'zod';
import { SECTORS_SCHEMA } from './rotation-names.ts';
import { dataResultHeader, IsoDateSchema } from './data-notice.ts';

export const SectorMemberSchema = z.object({
  id: z.string(),
  symbol: z.string(),
  name: z.string(),
  /** Place among the alts that day (ETH counted; BTC, stablecoins, wrapped and staked tokens left out). */
  altRank: z.number().int(),
  /** Place in the whole market-cap ranking (as on CoinMarketCap). */
  marketRank: z.number().int(),
  tier: z.string(),
  sector: z.string(),
  /** Where the sector label comes from: 'coin_categories', 'coingecko', 'user sector file', or null (no label: unclassified). */
  labelSource: z.string().nullable(),
  /** The id or ticker the label matched. */
  labelMatchedBy: z.string().nullable(),
  /** Other sectors some label gave the asset. */
  otherLabels: z.array(z.string()),
  marketCapUsd: z.number(),
  priceUsd: z.number(),
  /** Share of the sector's (tier's) total as-of cap that day, a fraction. */
  sectorCapWeight: z.number(),
  tierCapWeight: z.number(),
});
export type SectorMember = z.infer<typeof SectorMemberSchema>;

export const SectorSummarySchema = z.object({
  sector: z.string(),
  members: z.number().int(),
  marketCapUsd: z.number(),
  /** Share of the universe's total as-of cap, a fraction. */
  capShare: z.number(),
  /** Label sources of the members and how many each. */
  labelSources: z.record(z.string(), z.number().int()),
});

export const SectorsResultSchema = z.object({
  ...dataResultHeader(SECTORS_SCHEMA),
  date: IsoDateSchema,
  /** The universe: alt ranks 1 … smallTo that day. */
  universe: z.string(),
  sectorsFile: z.string().nullable(),
  /** Where the sector labels come from, in order of precedence (user file > CoinGecko membership as of the date > coin_categories.csv). */
  labelProvenance: z.string(),
  /** The sector asked (--sector), or null for all. */
  sector: z.string().nullable(),
  sectors: z.array(SectorSummarySchema),
  members: z.array(SectorMemberSchema),
});
export type SectorsResult = z.infer<typeof SectorsResultSchema>;

export { SECTORS_SCHEMA };

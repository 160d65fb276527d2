/** CoinGecko v3 response shapes (docs.coingecko.com), validated at the edge. */
import { z } from 'zod';

const nullableNumber = z.number().nullable().optional().transform((v) => v ?? null);

export const marketsSchema = z.array(
  z.object({
    id: z.string().min(1),
    symbol: z.string(),
    name: z.string(),
    current_price: nullableNumber,
    market_cap: nullableNumber,
    market_cap_rank: nullableNumber,
    total_volume: nullableNumber,
  }),
);

const pointsSchema = z.array(z.tuple([z.number(), z.number().nullable()]));

export const marketChartSchema = z.object({
  prices: pointsSchema,
  market_caps: pointsSchema,
  total_volumes: pointsSchema,
});

export const globalSchema = z.object({
  data: z.object({
    total_market_cap: z.object({ usd: z.number() }),
    market_cap_percentage: z.record(z.string(), z.number()),
    updated_at: z.number().optional(),
  }),
});

export const categoriesListSchema = z.array(z.object({ category_id: z.string(), name: z.string() }));

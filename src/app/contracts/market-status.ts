/** `altseason status` / `GET /api/status` / `marketStatus()`: one screen of where the market is. */
import { z } from 'zod';
import { MARKET_STATUS_SCHEMA } from './schema-names.ts';
import { dataResultHeader, IsoDateSchema } from './data-notice.ts';


export const StatusItemSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** As shown: "61.7%", "+20.7 pp". */
  value: z.string(),
  /** The same figure as a number, in `unit`; null when undefined. */
  number: z.number().nullable(),
  unit: z.enum(['index', 'percent', 'points', 'index points']),
  reading: z.string(),
  /** What the figure is computed over: "90-day window, top 50 alts", "top 125 stored assets". */
  basis: z.string(),
  /** The last day this figure's own data cover (each series reports its own). */
  asOf: IsoDateSchema,
  tone: z.enum(['alt', 'btc', 'neutral', 'info']),
});
export type StatusItem = z.infer<typeof StatusItemSchema>;

export const MarketStatusResultSchema = z.object({
  ...dataResultHeader(MARKET_STATUS_SCHEMA),
  /** The last day of the crypto data (the ASI and dominance figures). */
  asOf: IsoDateSchema.nullable(),
  items: z.array(StatusItemSchema),
});
export type MarketStatusResult = z.infer<typeof MarketStatusResultSchema>;

export { MARKET_STATUS_SCHEMA };

/** `altseason size` / `size()`: a position's quantity from risk per trade, its stop and every cap. */
import { z } from 'zod';
import { dataResultHeader, IsoDateSchema } from './data-notice.ts';
import { SIZE_SCHEMA } from './portfolio-names.ts';

export const SizeCandidateSchema = z.object({ constraint: z.string(), quantity: z.number(), notionalUsd: z.number(), binding: z.boolean() });
export type SizeCandidateRow = z.infer<typeof SizeCandidateSchema>;

export const SizeResultSchema = z.object({
  ...dataResultHeader(SIZE_SCHEMA),
  id: z.string(),
  symbol: z.string(),
  asOf: IsoDateSchema,
  priceDate: IsoDateSchema,
  entryPriceUsd: z.number(),
  stopPriceUsd: z.number(),
  stop: z.object({ kind: z.enum(['price', 'atr']), atr: z.number().nullable(), atrMultiple: z.number().nullable(), atrPeriod: z.number().int().nullable(), atrBasis: z.string().nullable() }),
  equityUsd: z.number(),
  equitySource: z.enum(['flag', 'portfolio']),
  riskFraction: z.number(),
  positionCap: z.number(),
  quantity: z.number(),
  notionalUsd: z.number(),
  weight: z.number(),
  riskAtStopUsd: z.number(),
  binding: z.string(),
  /** The binding constraint, in words ("the 5.0 % position cap binds"). */
  bindingNote: z.string(),
  noTradeReason: z.string().nullable(),
  candidates: z.array(SizeCandidateSchema),
  /** What the optional sizes assume (volatility target, Kelly). */
  assumptions: z.array(z.string()),
});
export type SizeResult = z.infer<typeof SizeResultSchema>;

/**
 * Bybit v5 response shapes: `{retCode, retMsg, result: {list, nextPageCursor}, time}`, numbers as
 * strings; `retCode ≠ 0` with HTTP 200 is an error. Shared by the Bybit source and Binance's
 * fallback to Bybit.
 */
import { z } from 'zod';
import { ProviderError } from '../../../domain/errors.ts';

export const BYBIT = 'bybit';

export const bybitNumber = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = Number(v);
  if (v === '' || !Number.isFinite(n)) ctx.addIssue({ code: 'custom', message: `not a number: ${JSON.stringify(v)}` });
  return n;
});

export const bybitEnvelope = <T extends z.ZodType>(item: T) =>
  z.object({ retCode: z.number(), retMsg: z.string().optional(), result: z.object({ list: z.array(item), nextPageCursor: z.string().nullable() }).partial() });

export const bybitFundingSchema = bybitEnvelope(z.object({ symbol: z.string(), fundingRate: bybitNumber, fundingRateTimestamp: bybitNumber }));
export const bybitRatioSchema = bybitEnvelope(z.object({ symbol: z.string(), buyRatio: bybitNumber, sellRatio: bybitNumber, timestamp: bybitNumber }));
export const bybitOpenInterestSchema = bybitEnvelope(z.object({ openInterest: bybitNumber, timestamp: bybitNumber }));

export function checkBybit<T extends { retCode: number; retMsg?: string | undefined }>(body: T, endpoint: string): T {
  if (body.retCode !== 0) throw new ProviderError(BYBIT, endpoint, `retCode ${body.retCode}: ${body.retMsg ?? ''}`.trim());
  return body;
}

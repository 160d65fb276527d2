/** `altseason rut` / `GET /api/rut` / `russell2000()`: record closes, breakouts, relative strength. */
import { z } from 'zod';
import { RUSSELL_2000_SCHEMA } from './schema-names.ts';
import { dataResultHeader, IsoDateSchema } from './data-notice.ts';


export const BreakoutSchema = z.object({
  date: IsoDateSchema,
  close: z.number(),
  priorRecordDate: IsoDateSchema,
  priorRecord: z.number(),
  troughDate: IsoDateSchema,
  trough: z.number(),
  /** Depth of the drawdown before the breakout, a positive percentage. */
  drawdownPct: z.number(),
  daysSincePriorRecord: z.number().int(),
  daysFromTrough: z.number().int(),
});
export type BreakoutRow = z.infer<typeof BreakoutSchema>;

export const RecordCloseSchema = z.object({
  date: IsoDateSchema,
  close: z.number(),
  previousRecordDate: IsoDateSchema.nullable(),
  previousRecord: z.number().nullable(),
  gainOverPreviousPct: z.number().nullable(),
});
export type RecordCloseRow = z.infer<typeof RecordCloseSchema>;

/** One exchange day. */
export const RutDaySchema = z.object({
  date: IsoDateSchema,
  close: z.number(),
  record: z.number(),
  recordDate: IsoDateSchema,
  isRecord: z.boolean(),
  isBreakout: z.boolean(),
  /** Below the record so far, ≤ 0 (−7.6 = 7.6 % below). */
  distanceFromRecordPct: z.number().nullable(),
  maxDrawdownSinceRecordPct: z.number().nullable(),
  daysSinceRecord: z.number().int(),
  sessionsSinceRecord: z.number().int(),
  /** Close / the benchmark's close that day, null when the benchmark did not trade. */
  benchmarkRatio: z.number().nullable(),
});
export type RutDay = z.infer<typeof RutDaySchema>;

export const TrendSchema = z.object({
  windowSessions: z.number().int(),
  movingAverage: z.number().nullable(),
  pctFromAverage: z.number().nullable(),
  aboveAverage: z.boolean().nullable(),
  averageChangePct: z.number().nullable(),
  slopeLookbackSessions: z.number().int(),
  direction: z.string().nullable(),
});
export type Trend = z.infer<typeof TrendSchema>;

export const Russell2000ResultSchema = z.object({
  ...dataResultHeader(RUSSELL_2000_SCHEMA),
  symbol: z.string(),
  benchmark: z.string(),
  asOf: IsoDateSchema,
  historyFrom: IsoDateSchema,
  latestClose: z.number(),
  isRecordToday: z.boolean(),
  recordClose: z.number(),
  recordDate: IsoDateSchema,
  distanceFromRecordPct: z.number().nullable(),
  drawdownPct: z.number().nullable(),
  maxDrawdownSinceRecordPct: z.number().nullable(),
  daysSinceRecord: z.number().int(),
  sessionsSinceRecord: z.number().int(),
  breakoutDrawdownPct: z.number(),
  recordCount: z.number().int(),
  breakouts: z.array(BreakoutSchema),
  /** Every record close in the range (only when asked for: `records`). */
  records: z.array(RecordCloseSchema).nullable(),
  relativeStrength: z
    .object({ name: z.string(), asOf: IsoDateSchema, ratio: z.number(), sma50: TrendSchema, sma200: TrendSchema, sma50AboveSma200: z.boolean().nullable(), changePct: z.object({ sessions20: z.number().nullable(), sessions60: z.number().nullable(), sessions250: z.number().nullable() }) })
    .nullable(),
  /** Days of closes by source, per symbol. */
  sources: z.record(z.string(), z.record(z.string(), z.number())),
  /** The listed exchange days (from `from`, or all of them). */
  days: z.array(RutDaySchema),
});
export type Russell2000Result = z.infer<typeof Russell2000ResultSchema>;

export { RUSSELL_2000_SCHEMA };

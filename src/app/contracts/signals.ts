/**
 * `altseason signals` / `GET /api/signals` / `signals()`: every confirmation signal as of a day —
 * value, unit, the day of the value and its age, 1-year percentile, reading and provenance; and
 * `altseason signal NAME` / `signalHistory()`: one signal's history (docs/signals.md).
 */
import { z } from 'zod';
import { SIGNAL_HISTORY_SCHEMA, SIGNALS_SCHEMA } from './signals-schema-names.ts';
import { dataResultHeader, IsoDateSchema } from './data-notice.ts';

export const SignalReadingSchema = z.enum(['supports', 'neutral', 'against']);
export type SignalReadingName = z.infer<typeof SignalReadingSchema>;

const Described = {
  name: z.string(),
  label: z.string(),
  group: z.string(),
  unit: z.string(),
  /** How the value is computed. */
  definition: z.string(),
  /** The stated rule that gives the reading. */
  rule: z.string(),
};

export const SignalRowSchema = z.object({
  ...Described,
  value: z.number().nullable(),
  /** The day of the value (at or before `at`), null without one. */
  date: IsoDateSchema.nullable(),
  ageDays: z.number().int().nullable(),
  /** ageDays > STALE_AFTER_DAYS. */
  stale: z.boolean(),
  /** Rank among the signal's own values of the trailing 365 days, 0–100; null with fewer than 180. */
  percentile1y: z.number().nullable(),
  /** supports / neutral / against an altcoin season, null without a value. */
  reading: SignalReadingSchema.nullable(),
  /** The input series behind the value (store series and their source). */
  sources: z.array(z.string()),
  /** Why there is no value, when there is none. */
  note: z.string().nullable(),
  /** The signal's values on the 90 days ending on `at` (null where none), for a sparkline. */
  recent: z.array(z.number().nullable()),
});
export type SignalRow = z.infer<typeof SignalRowSchema>;

export const SignalsResultSchema = z.object({
  ...dataResultHeader(SIGNALS_SCHEMA),
  /** The as-of day: nothing after it is used. */
  at: IsoDateSchema,
  /** A value older than this many days before `at` is not used. */
  maxAgeDays: z.number().int(),
  signals: z.array(SignalRowSchema),
  summary: z.object({ supports: z.number().int(), neutral: z.number().int(), against: z.number().int(), missing: z.number().int() }),
});
export type SignalsResult = z.infer<typeof SignalsResultSchema>;

export const SignalHistoryPointSchema = z.object({
  date: IsoDateSchema,
  value: z.number(),
  percentile1y: z.number().nullable(),
  reading: SignalReadingSchema,
});
export type SignalHistoryPointRow = z.infer<typeof SignalHistoryPointSchema>;

export const SignalHistoryResultSchema = z.object({
  ...dataResultHeader(SIGNAL_HISTORY_SCHEMA),
  ...Described,
  from: IsoDateSchema,
  to: IsoDateSchema,
  sources: z.array(z.string()),
  points: z.array(SignalHistoryPointSchema),
});
export type SignalHistoryResult = z.infer<typeof SignalHistoryResultSchema>;

export { SIGNAL_HISTORY_SCHEMA, SIGNALS_SCHEMA };

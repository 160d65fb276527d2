/**
 * What every result says about its data: how old they are, and a warning when they are older than
 * a few days (or simulated) — so nothing stale is ever shown as "today". Every result also carries
 * `schema` (its name and version) and `simulated` at its top level.
 */
import { z } from 'zod';
import { STALE_AFTER_DAYS } from './schema-names.ts';

export const DataNoticeSchema = z.object({
  /** The last day of the data the result is about (ISO date), null when there are none. */
  lastDate: z.string().nullable(),
  /** Whole days from lastDate to today (UTC). */
  ageDays: z.number().int().nullable(),
  /** ageDays > STALE_AFTER_DAYS. */
  stale: z.boolean(),
  /** One line for people: the data are simulated or stale; null when all is well. */
  warning: z.string().nullable(),
});
export type DataNotice = z.infer<typeof DataNoticeSchema>;

/**
 * The fields every result about market data starts with: its name and version, whether the data
 * are simulated, and their age.
 */
export function dataResultHeader<Name extends string>(schema: Name) {
  return { schema: z.literal(schema), simulated: z.boolean(), data: DataNoticeSchema };
}

export const SeasonLabelSchema = z.enum(['altcoin', 'bitcoin', 'neutral']);
export type SeasonLabel = z.infer<typeof SeasonLabelSchema>;

/** An ISO date `YYYY-MM-DD` (UTC). */
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export { STALE_AFTER_DAYS };

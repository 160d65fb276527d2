/**
 * `planStatus()` and `GET /api/plans`: every stored profit-taking plan checked against the stored
 * holdings on one day (the dashboard's plan status). Each plan's check is plan-check's contract;
 * a plan that cannot be checked (no holding in its scope with an entry date, a series it needs not
 * stored) carries the reason instead.
 */
import { z } from 'zod';
import { dataResultHeader, IsoDateSchema } from './data-notice.ts';
import { PlanCheckResultSchema } from './portfolio.ts';
import { PLAN_STATUS_SCHEMA } from './portfolio-names.ts';

export const PlanStatusRowSchema = z.object({
  plan: z.string(),
  rules: z.number().int(),
  /** Firings on the day itself: orders to place now. */
  firesToday: z.number().int(),
  check: PlanCheckResultSchema.nullable(),
  /** Why the plan could not be checked (null when it was). */
  error: z.string().nullable(),
});
export type PlanStatusRow = z.infer<typeof PlanStatusRowSchema>;

export const PlanStatusResultSchema = z.object({
  ...dataResultHeader(PLAN_STATUS_SCHEMA),
  /** The day checked (null with no stored plan). */
  asOf: IsoDateSchema.nullable(),
  plans: z.array(PlanStatusRowSchema),
});
export type PlanStatusResult = z.infer<typeof PlanStatusResultSchema>;

/**
 * `altseason plan sweep` / `planSweep()`: variants of a profit-taking plan's ladder (price targets
 * × g, shares sold × s) replayed through the backtest engine, each a trial in the deflated Sharpe
 * ratio and the probability of backtest overfitting, as every backtest sweep.
 */
import { z } from 'zod';
import { dataResultHeader, IsoDateSchema } from './data-notice.ts';
import { PLAN_SWEEP_SCHEMA } from './portfolio-names.ts';

export const PlanSweepVariantSchema = z.object({
  gainScale: z.number(),
  sellScale: z.number(),
  /** Annualised (× √365); null when undefined. */
  sharpe: z.number().nullable(),
  totalReturn: z.number().nullable(),
  maxDrawdown: z.number().nullable(),
  firings: z.number().int(),
});
export type PlanSweepVariant = z.infer<typeof PlanSweepVariantSchema>;

export const PlanSweepResultSchema = z.object({
  ...dataResultHeader(PLAN_SWEEP_SCHEMA),
  plan: z.string(),
  from: IsoDateSchema,
  to: IsoDateSchema,
  costs: z.object({ feesBps: z.number(), slippageBps: z.number() }),
  days: z.number().int(),
  variants: z.array(PlanSweepVariantSchema),
  /** Index in `variants` of the highest Sharpe (the in-sample best); null when none is defined. */
  best: z.number().int().nullable(),
  /** Holding the same book over the same days, for comparison. */
  hold: z.object({ sharpe: z.number().nullable(), totalReturn: z.number().nullable() }),
  honesty: z.object({
    trials: z.number().int(),
    effectiveTrials: z.number().int().nullable(),
    /** SR₀ annualised: the best Sharpe luck alone would give after this many trials. */
    expectedMaxSharpe: z.number().nullable(),
    deflatedSharpe: z.number().nullable(),
    pbo: z.number().nullable(),
    pboSplits: z.number().int().nullable(),
    pboNote: z.string().nullable(),
    verdict: z.string(),
  }),
});
export type PlanSweepResult = z.infer<typeof PlanSweepResultSchema>;

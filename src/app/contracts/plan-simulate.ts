/**
 * `altseason plan simulate` / `planSimulate()`: a profit-taking plan replayed over history through
 * the backtest engine, against holding the same book and BTC buy-and-hold. Money is exact decimal
 * text (as in portfolio.ts); the metrics are the backtest contract's, rounded as every backtest's.
 */
import { z } from 'zod';
import { BacktestMetricsSchema } from './backtest.ts';
import { dataResultHeader, IsoDateSchema } from './data-notice.ts';
import { PlanCheckResultSchema } from './portfolio.ts';
import { PLAN_SIMULATE_SCHEMA } from './portfolio-names.ts';

export const PlanSimulateResultSchema = z.object({
  ...dataResultHeader(PLAN_SIMULATE_SCHEMA),
  plan: z.string(),
  from: IsoDateSchema,
  to: IsoDateSchema,
  costs: z.object({ feesBps: z.number(), slippageBps: z.number() }),
  /** Σ Q₀ × the close of `from`: what the book cost (before the purchase fee). */
  entryValueUsd: z.string(),
  /** entryValueUsd × the run's final equity (fees and slippage paid). */
  planValueUsd: z.string(),
  holdValueUsd: z.string(),
  differenceUsd: z.string(),
  metrics: z.object({ plan: BacktestMetricsSchema, hold: BacktestMetricsSchema, btc: BacktestMetricsSchema }),
  firings: PlanCheckResultSchema.shape.firings,
  skipped: PlanCheckResultSchema.shape.skipped,
  series: z.array(z.string()),
});
export type PlanSimulateResult = z.infer<typeof PlanSimulateResultSchema>;

/** `altseason backtest` / `backtest()`: a point-in-time strategy backtest, its sweep and whether it is luck. */
import { z } from 'zod';
import { BACKTEST_SCHEMA } from './backtest-names.ts';
import { dataResultHeader, IsoDateSchema } from './data-notice.ts';

/** A figure and the observations behind it (days, decision days or trades); null where undefined. */
export const BacktestFigureSchema = z.object({ value: z.number().nullable(), sampleSize: z.number().int() });

export const BacktestMetricsSchema = z.object({
  days: z.number().int(),
  totalReturn: BacktestFigureSchema,
  annualisedReturn: BacktestFigureSchema,
  /** Annualised (× √365). */
  volatility: BacktestFigureSchema,
  sharpe: BacktestFigureSchema,
  sortino: BacktestFigureSchema,
  maxDrawdown: BacktestFigureSchema.extend({ peakDate: IsoDateSchema.nullable(), troughDate: IsoDateSchema.nullable(), recoveryDate: IsoDateSchema.nullable() }),
  calmar: BacktestFigureSchema,
  turnover: BacktestFigureSchema,
  annualTurnover: BacktestFigureSchema,
  exposure: BacktestFigureSchema,
  meanGross: BacktestFigureSchema,
  trades: BacktestFigureSchema,
  hitRate: BacktestFigureSchema,
  excessReturnVsBtc: BacktestFigureSchema,
  annualisedExcessVsBtc: BacktestFigureSchema,
  costsPaid: BacktestFigureSchema,
});
export type BacktestMetricsContract = z.infer<typeof BacktestMetricsSchema>;

const ParametersSchema = z.record(z.string(), z.union([z.number(), z.string()]));

export const BacktestIntervalSchema = z.object({
  estimate: z.number(),
  lower: z.number(),
  upper: z.number(),
  confidence: z.number(),
  method: z.string(),
  blockLength: z.number(),
  replicates: z.number().int(),
});

export const BacktestHonestySchema = z.object({
  /** PSR(0) of the headline curve's daily returns. */
  probabilisticSharpe: z.number().nullable(),
  minTrackRecordDays: z.number().nullable(),
  /** Block bootstrap of the Sharpe ratio (annualised) and of the excess return over BTC (mean daily × 365). */
  sharpeInterval: BacktestIntervalSchema.nullable(),
  excessReturnInterval: BacktestIntervalSchema.nullable(),
  /** For a sweep: the best configuration deflated by the configurations tried. */
  sweep: z
    .object({
      trials: z.number().int(),
      effectiveTrials: z.number().int().nullable(),
      effectiveTrialsBasedOn: z.number().int().nullable(),
      /** Variance of the per-period Sharpe ratios across the configurations. */
      varianceOfTrialSharpes: z.number().nullable(),
      /** SR₀ annualised. */
      expectedMaxSharpe: z.number().nullable(),
      deflatedSharpe: z.number().nullable(),
      pbo: z.number().nullable(),
      pboSplits: z.number().int().nullable(),
      pboBlocks: z.number().int().nullable(),
      pboConfigurations: z.number().int().nullable(),
      probabilityOfLoss: z.number().nullable(),
      degradationSlope: z.number().nullable(),
      pboNote: z.string().nullable(),
    })
    .nullable(),
  indistinguishableFromLuck: z.boolean(),
  /** Plain sentences, the headline first. */
  verdict: z.array(z.string()),
  /** One sentence per statistic: what it means. */
  explanations: z.record(z.string(), z.string()),
});

export const BacktestSweepRowSchema = z.object({
  index: z.number().int(),
  parameters: ParametersSchema,
  /** Annualised Sharpe; total return and max drawdown as fractions. */
  sharpe: z.number().nullable(),
  totalReturn: z.number().nullable(),
  maxDrawdown: z.number().nullable(),
});
export type BacktestSweepRow = z.infer<typeof BacktestSweepRowSchema>;

export const BacktestSweepSchema = z.object({
  axes: z.array(z.object({ name: z.string(), values: z.array(z.union([z.number(), z.string()])) })),
  configurations: z.number().int(),
  /** How the configurations were evaluated: 'vectorised' (asi-regime) or 'engine'. */
  evaluation: z.string(),
  elapsedMs: z.number(),
  /** Threads the configurations were evaluated on, and why that many. */
  threads: z.number().int().min(1),
  threadsNote: z.string(),
  best: BacktestSweepRowSchema.nullable(),
  /** Every configuration (at most 5,000, best Sharpe first when cut). */
  rows: z.array(BacktestSweepRowSchema),
  rowsCut: z.boolean(),
  /** Best annualised Sharpe per cell of the first two axes (y = the first, x = the second). */
  heatmap: z
    .object({ x: z.string(), y: z.string(), xValues: z.array(z.union([z.number(), z.string()])), yValues: z.array(z.union([z.number(), z.string()])), sharpe: z.array(z.array(z.number().nullable())) })
    .nullable(),
});

export const BacktestWalkForwardSchema = z.object({
  trainDays: z.number().int(),
  testDays: z.number().int(),
  folds: z.array(
    z.object({
      trainFrom: IsoDateSchema,
      trainTo: IsoDateSchema,
      testFrom: IsoDateSchema,
      testTo: IsoDateSchema,
      parameters: ParametersSchema,
      inSampleSharpe: z.number().nullable(),
      outOfSampleSharpe: z.number().nullable(),
      inSampleAnnualReturn: z.number().nullable(),
      outOfSampleAnnualReturn: z.number().nullable(),
      trials: z.number().int(),
    }),
  ),
  /** Stitched out-of-sample: annualised Sharpe, t = SR·√T (per period), DSR with N = trials per fold. */
  stitchedSharpe: z.number().nullable(),
  tStatistic: z.number().nullable(),
  deflatedSharpe: z.number().nullable(),
  /** Walk-forward efficiency: annualised OOS return / mean annualised IS return (null when IS ≤ 0). */
  efficiency: z.number().nullable(),
});

export const BacktestCurvePointSchema = z.object({
  date: IsoDateSchema,
  equity: z.number(),
  btcEquity: z.number(),
  drawdown: z.number(),
  btcDrawdown: z.number(),
  /** Gross weight held from this close (null on the last day). */
  exposure: z.number().nullable(),
});
export type BacktestCurvePoint = z.infer<typeof BacktestCurvePointSchema>;

export const BacktestResultSchema = z.object({
  ...dataResultHeader(BACKTEST_SCHEMA),
  strategy: z.object({ id: z.string(), description: z.string(), source: z.string() }),
  /** The parameters of the headline curve (given, or the sweep's best; per fold under walkForward). */
  parameters: ParametersSchema,
  /** 'single' | 'sweep-best' (in-sample, deflated) | 'walk-forward' (stitched out-of-sample). */
  headline: z.enum(['single', 'sweep-best', 'walk-forward']),
  from: IsoDateSchema,
  to: IsoDateSchema,
  costs: z.object({ feesBps: z.number(), slippageBps: z.number(), funding: z.boolean(), delisting: z.string(), maxGross: z.number() }),
  /** The timing convention, in one sentence. */
  timing: z.string(),
  metrics: BacktestMetricsSchema,
  /** BTC buy-and-hold over the same days and costs. */
  benchmark: z.object({ strategy: z.string(), metrics: BacktestMetricsSchema }),
  honesty: BacktestHonestySchema,
  sweep: BacktestSweepSchema.nullable(),
  walkForward: BacktestWalkForwardSchema.nullable(),
  curve: z.array(BacktestCurvePointSchema),
  delistings: z.array(z.object({ date: IsoDateSchema, asset: z.string(), weight: z.number(), rule: z.string() })),
  notes: z.array(z.string()),
});
export type BacktestResult = z.infer<typeof BacktestResultSchema>;

export { BACKTEST_SCHEMA };

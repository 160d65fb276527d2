/**
 * `altseason readiness` / `readiness()`: the altseason readiness score with every component's
 * value, score, weight and contribution; and `altseason readiness --evaluate` /
 * `readinessEvaluation()`: the evidence of how well it has predicted seasons.
 */
import { z } from 'zod';
import { dataResultHeader, IsoDateSchema } from './data-notice.ts';
import { READINESS_EVALUATION_SCHEMA, READINESS_SCHEMA } from './readiness-names.ts';

export { READINESS_EVALUATION_SCHEMA, READINESS_SCHEMA };

export const ReadinessComponentSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** Raw value on the day in its unit (null: missing). */
  value: z.number().nullable(),
  unit: z.string(),
  /** Score in [0, 1] (null: missing). */
  score: z.number().nullable(),
  weight: z.number(),
  /** weight / Σ weights of the components present that day (0 when missing). */
  effectiveWeight: z.number(),
  /** Points of the 0–100 score it adds; the contributions sum to the score. */
  contribution: z.number().nullable(),
});
export type ReadinessComponentRow = z.infer<typeof ReadinessComponentSchema>;

export const MissingComponentSchema = z.object({ id: z.string(), label: z.string(), reason: z.string() });

export const ReadinessReadingSchema = z.object({
  date: IsoDateSchema,
  /** 0–100; null when less than half of the weight has a score that day. */
  score: z.number().nullable(),
  /** Share of the weight present. */
  coverage: z.number(),
  components: z.array(ReadinessComponentSchema),
  missing: z.array(MissingComponentSchema),
});
export type ReadinessReadingRow = z.infer<typeof ReadinessReadingSchema>;

export const ReadinessDaySchema = z.object({ date: IsoDateSchema, score: z.number().nullable(), coverage: z.number(), missingCount: z.number().int() });
export type ReadinessDay = z.infer<typeof ReadinessDaySchema>;

export const ComponentDefinitionSchema = z.object({
  id: z.string(),
  label: z.string(),
  group: z.string(),
  unit: z.string(),
  definition: z.string(),
  direction: z.enum(['higher', 'lower']),
  scoreRule: z.string(),
});

export const ReadinessResultSchema = z.object({
  ...dataResultHeader(READINESS_SCHEMA),
  /** 'default', the weights file's path, or 'fitted (…)'. */
  weightsSource: z.string(),
  weights: z.record(z.string(), z.number()),
  from: IsoDateSchema,
  to: IsoDateSchema,
  /** The reading on the last day (`--at`: that day). */
  latest: ReadinessReadingSchema,
  /** One row per day of a range (one row with `--at`). */
  days: z.array(ReadinessDaySchema),
  /** Past altcoin seasons (ASI ≥ 75 episodes), for shading a chart. */
  seasons: z.array(z.object({ start: IsoDateSchema, end: IsoDateSchema })),
  components: z.array(ComponentDefinitionSchema),
  notes: z.array(z.string()),
});
export type ReadinessResult = z.infer<typeof ReadinessResultSchema>;

const IntervalSchema = z.object({ lower: z.number(), upper: z.number(), confidence: z.number(), blockLength: z.number(), replicates: z.number().int() }).nullable();

export const HorizonEvaluationSchema = z.object({
  horizonDays: z.number().int(),
  n: z.number().int(),
  positives: z.number().int(),
  auc: z.number().nullable(),
  aucInterval: IntervalSchema,
  aucPValue: z.number().nullable(),
  brier: z.number().nullable(),
  brierBaseRate: z.number().nullable(),
  brierDays: z.number().int(),
  seasons: z.number().int(),
  hits: z.number().int(),
  hitRate: z.number().nullable(),
  medianLeadDays: z.number().nullable(),
  leadDays: z.array(z.number()),
  falseAlarms: z.number().int(),
  falseAlarmsPerYear: z.number().nullable(),
  falsePositiveRate: z.number().nullable(),
  onShare: z.number().nullable(),
  calibration: z.array(z.object({ from: z.number(), to: z.number(), n: z.number().int(), meanPredicted: z.number().nullable(), observedRate: z.number().nullable() })),
});

export const ReturnEvaluationSchema = z.object({
  horizonDays: z.number().int(),
  n: z.number().int(),
  correlation: z.number().nullable(),
  interval: IntervalSchema,
  meanWhenOn: z.number().nullable(),
  meanWhenOff: z.number().nullable(),
});

export const PredictorEvaluationSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['composite', 'component', 'baseline']),
  horizons: z.array(HorizonEvaluationSchema),
  returns: z.array(ReturnEvaluationSchema),
});
export type PredictorEvaluationRow = z.infer<typeof PredictorEvaluationSchema>;

export const TradeTrialSchema = z.object({
  weightSet: z.string(),
  threshold: z.number(),
  totalReturn: z.number().nullable(),
  annualisedReturn: z.number().nullable(),
  sharpe: z.number().nullable(),
  maxDrawdown: z.number().nullable(),
  excessReturnVsBtc: z.number().nullable(),
  /** Share of the decision days holding the alt basket (the rest: BTC). */
  altShare: z.number().nullable(),
  trades: z.number().nullable(),
});

export const ReadinessEvaluationResultSchema = z.object({
  ...dataResultHeader(READINESS_EVALUATION_SCHEMA),
  from: IsoDateSchema,
  to: IsoDateSchema,
  weightsSource: z.string(),
  weights: z.record(z.string(), z.number()),
  signalThreshold: z.number(),
  alpha: z.number(),
  bootstrap: z.object({ method: z.literal('stationary'), blockLength: z.number(), replicates: z.number().int(), seed: z.number() }),
  seasonStarts: z.array(IsoDateSchema),
  verdict: z.object({ headline: z.string(), skill: z.boolean(), findings: z.array(z.string()), caveats: z.array(z.string()) }),
  skillTests: z.array(z.object({ predictor: z.string(), horizonDays: z.number().int(), aucDifference: z.number().nullable(), interval: IntervalSchema, pValue: z.number().nullable(), adjustedPValue: z.number().nullable() })),
  predictors: z.array(PredictorEvaluationSchema),
  fittedWeights: z.array(z.object({ date: IsoDateSchema, trainedThrough: IsoDateSchema.nullable(), trainDays: z.number().int(), positives: z.number().int(), weights: z.record(z.string(), z.number()).nullable() })).nullable(),
  trade: z
    .object({
      description: z.string(),
      from: IsoDateSchema,
      to: IsoDateSchema,
      trials: z.array(TradeTrialSchema),
      btcTotalReturn: z.number().nullable(),
      best: TradeTrialSchema.nullable(),
      trialsTried: z.number().int(),
      effectiveTrials: z.number().nullable(),
      deflatedSharpe: z.number().nullable(),
      deflatedSharpeEffective: z.number().nullable(),
      probabilisticSharpe: z.number().nullable(),
      verdict: z.string(),
    })
    .nullable(),
  notes: z.array(z.string()),
});
export type ReadinessEvaluationResult = z.infer<typeof ReadinessEvaluationResultSchema>;

/**
 * `altseason risk` / `risk()`: exposure of the stored portfolio against its caps, concentration,
 * correlation with BTC, VaR/CVaR, stress replays and a reference HRP weighting. Losses are positive
 * fractions of equity; every breach is a finding with its number and its limit.
 */
import { z } from 'zod';
import { dataResultHeader, IsoDateSchema } from './data-notice.ts';
import { RISK_SCHEMA } from './portfolio-names.ts';

export const RiskFindingSchema = z.object({
  kind: z.string(),
  severity: z.enum(['breach', 'warning']),
  subject: z.string(),
  value: z.number(),
  limit: z.number(),
  message: z.string(),
});
export type RiskFinding = z.infer<typeof RiskFindingSchema>;

export const RiskPositionSchema = z.object({
  id: z.string(),
  symbol: z.string().nullable(),
  sector: z.string(),
  tier: z.string().nullable(),
  weight: z.number(),
  positionCap: z.number(),
  overCap: z.boolean(),
  annualVolatility: z.number().nullable(),
  correlationToBtc: z.number().nullable(),
  betaToBtc: z.number().nullable(),
  /** Share of portfolio variance (Σ shares = 1). */
  riskShare: z.number().nullable(),
  /** Hierarchical-risk-parity reference weight (not advice). */
  hrpWeight: z.number().nullable(),
  cluster: z.number().int().nullable(),
});
export type RiskPositionRow = z.infer<typeof RiskPositionSchema>;

export const RiskSectorSchema = z.object({ sector: z.string(), exposure: z.number(), cap: z.number(), overCap: z.boolean(), positions: z.number().int() });
export type RiskSectorRow = z.infer<typeof RiskSectorSchema>;

export const RiskVarSchema = z.object({
  method: z.enum(['historical', 'gaussian', 'cornish-fisher']),
  confidence: z.number(),
  horizonDays: z.number().int(),
  /** p when the row is a p-day figure carried to horizonDays by the square-root-of-time rule (mean × h/p, dispersion × √(h/p)); null when computed from h-day returns. */
  scaledFromDays: z.number().int().nullable(),
  valueAtRisk: z.number(),
  conditionalValueAtRisk: z.number().nullable(),
  valueAtRiskUsd: z.number(),
  observations: z.number().int(),
});
export type RiskVarRow = z.infer<typeof RiskVarSchema>;

export const RiskStressSchema = z.object({
  episode: z.string(),
  name: z.string(),
  from: IsoDateSchema,
  to: IsoDateSchema,
  /** Portfolio return over the episode (negative = a loss), over the covered weight only. */
  portfolioReturn: z.number().nullable(),
  lossUsd: z.number().nullable(),
  /** Σ|w| of the holdings with stored prices at both ends. */
  coverage: z.number(),
  notCovered: z.array(z.string()),
  truncated: z.boolean(),
});
export type RiskStressRow = z.infer<typeof RiskStressSchema>;

export const RiskResultSchema = z.object({
  ...dataResultHeader(RISK_SCHEMA),
  asOf: IsoDateSchema,
  equityUsd: z.string(),
  limits: z.object({ positionCap: z.number(), sectorCap: z.number(), correlationThreshold: z.number(), windowDays: z.number().int() }),
  positions: z.array(RiskPositionSchema),
  sectors: z.array(RiskSectorSchema),
  concentration: z.object({
    hhi: z.number().nullable(),
    effectiveN: z.number().nullable(),
    sectorHhi: z.number().nullable(),
    effectiveBets: z.number().nullable(),
    annualVolatility: z.number().nullable(),
    /** Days where every holding has a return (the covariance's sample). */
    observations: z.number().int(),
    /** Ledoit–Wolf shrinkage intensity of the covariance used. */
    shrinkage: z.number().nullable(),
  }),
  correlation: z.object({ ids: z.array(z.string()), matrix: z.array(z.array(z.number().nullable())), clusters: z.array(z.array(z.string())) }),
  /** 1: daily returns; 7: weekly returns (only weekly closes stored in the window). */
  returnPeriodDays: z.number().int(),
  /** The returns behind volatility, correlations, VaR and HRP: the periods where every holding has one. */
  returnCoverage: z.object({
    periodDays: z.number().int(),
    /** First and last day those returns span (null without any). */
    from: IsoDateSchema.nullable(),
    to: IsoDateSchema.nullable(),
    periods: z.number().int(),
    windowDays: z.number().int(),
    coveredDays: z.number().int(),
    /** coveredDays / windowDays (at most 1). */
    share: z.number(),
  }),
  valueAtRisk: z.array(RiskVarSchema),
  stress: z.array(RiskStressSchema),
  findings: z.array(RiskFindingSchema),
  notes: z.array(z.string()),
});
export type RiskResult = z.infer<typeof RiskResultSchema>;

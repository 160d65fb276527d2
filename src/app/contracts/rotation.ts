/** `altseason rotation` / `rotation()`: tier and sector indices vs BTC, breadth, the rotation phase and its episodes. */
import { z } from 'zod';
import { ROTATION_SCHEMA, ROTATION_TEST_SCHEMA } from './rotation-names.ts';
import { dataResultHeader, IsoDateSchema } from './data-notice.ts';

export const RotationPhaseSchema = z.enum(['bitcoin-led', 'eth-led', 'large-caps', 'mid-caps', 'small-caps-and-memes', 'risk-off']);

export const RotationSettingsSchema = z.object({
  window: z.number().int(),
  weighting: z.enum(['cap', 'equal']),
  largeTo: z.number().int(),
  midTo: z.number().int(),
  smallTo: z.number().int(),
  stalenessDays: z.number().int(),
  leadMargin: z.number(),
  riskOffBtcReturn: z.number(),
  confirmDays: z.number().int(),
  sectorsFile: z.string().nullable(),
  /** Where the sector labels come from, in order of precedence; CoinGecko labels count from the day first seen. */
  labelProvenance: z.string(),
});

/** The phase on one date and why. */
export const PhaseEvidenceSchema = z.object({
  date: IsoDateSchema,
  phase: RotationPhaseSchema.nullable(),
  phaseLabel: z.string().nullable(),
  /** The day the phase began (was confirmed), and how many days ago. */
  since: IsoDateSchema.nullable(),
  sinceDays: z.number().int().nullable(),
  /** The day's own reading before confirmation (it differs while a change waits for confirmDays). */
  candidate: RotationPhaseSchema.nullable(),
  leader: z.string().nullable(),
  leaderLabel: z.string().nullable(),
  /** Relative strength vs BTC over the window (fraction). */
  leaderStrength: z.number().nullable(),
  runnerUp: z.string().nullable(),
  runnerUpStrength: z.number().nullable(),
  /** Leader minus runner-up, in relative-strength units (fraction). */
  leadOverRunnerUp: z.number().nullable(),
  btcReturn: z.number().nullable(),
  /** One line for people. */
  evidence: z.string(),
});
export type PhaseEvidence = z.infer<typeof PhaseEvidenceSchema>;

/** A tier or sector on the last date of the range. */
export const RotationGroupSchema = z.object({
  id: z.string(),
  kind: z.enum(['tier', 'sector']),
  name: z.string(),
  label: z.string(),
  members: z.number().int(),
  /** Chain-linked level (100 on the group's first day with members), of the chosen weighting. */
  level: z.number().nullable(),
  /** Level relative to BTC, 100 on the group's first day. */
  ratioToBtc: z.number().nullable(),
  /** Relative strength vs BTC over 30 and 90 days (fractions). */
  strength30: z.number().nullable(),
  strength90: z.number().nullable(),
  /** ln(1 + strength30) − ln(1 + strength90) / 3: positive = gaining on BTC faster lately. */
  momentum: z.number().nullable(),
  /** Share of members beating BTC over 30 and 90 days (fractions). */
  breadth30: z.number().nullable(),
  breadth90: z.number().nullable(),
});
export type RotationGroupRow = z.infer<typeof RotationGroupSchema>;

/**
 * One day: the phase, and each tier's level divided by BTC's × 100 (each chain-linked from its own
 * first day with members, so compare a ratio's changes, not its level across tiers; the dashboard
 * rebases them to 100 on the first day shown).
 */
export const RotationDaySchema = z.object({
  date: IsoDateSchema,
  phase: RotationPhaseSchema.nullable(),
  leader: z.string().nullable(),
  leaderStrength: z.number().nullable(),
  btcReturn: z.number().nullable(),
  btcLevel: z.number().nullable(),
  ethRatio: z.number().nullable(),
  largeRatio: z.number().nullable(),
  midRatio: z.number().nullable(),
  smallRatio: z.number().nullable(),
  largeMembers: z.number().int(),
  midMembers: z.number().int(),
  smallMembers: z.number().int(),
});
export type RotationDay = z.infer<typeof RotationDaySchema>;

export const RotationEpisodeSchema = z.object({
  phase: RotationPhaseSchema,
  phaseLabel: z.string(),
  start: IsoDateSchema,
  end: IsoDateSchema,
  days: z.number().int(),
  ongoing: z.boolean(),
  /** Sectors (≥ 2 members at the start) by relative strength vs BTC over the episode, strongest first (top 3). */
  leadingSectors: z.array(z.object({ sector: z.string(), strength: z.number() })),
  /** The tiers by relative strength vs BTC over the episode, strongest first. */
  tiers: z.array(z.object({ tier: z.string(), strength: z.number() })),
});
export type RotationEpisode = z.infer<typeof RotationEpisodeSchema>;

/** A sector's relative strength vs BTC over one week (the dashboard's heatmap). */
export const SectorWeekSchema = z.object({ weekEnding: IsoDateSchema, sector: z.string(), strength: z.number().nullable(), members: z.number().int() });

export const RotationResultSchema = z.object({
  ...dataResultHeader(ROTATION_SCHEMA),
  settings: RotationSettingsSchema,
  from: IsoDateSchema,
  to: IsoDateSchema,
  current: PhaseEvidenceSchema,
  /** Tiers and sectors on `to`, strongest (30 days) first. */
  groups: z.array(RotationGroupSchema),
  days: z.array(RotationDaySchema),
  /** Phase episodes overlapping the range. */
  episodes: z.array(RotationEpisodeSchema),
  /** Week ending each Sunday in the range (at most the last 104 weeks when the range is longer). */
  sectorWeeks: z.array(SectorWeekSchema),
  readings: z.array(z.string()),
});
export type RotationResult = z.infer<typeof RotationResultSchema>;

export { ROTATION_SCHEMA };

/** One pair of the order test: does the driver's excess return over BTC lead the target's? */
export const OrderPairSchema = z.object({
  driver: z.string(),
  target: z.string(),
  driverLabel: z.string(),
  targetLabel: z.string(),
  /** Steps with both excess returns defined. */
  steps: z.number().int(),
  scan: z.object({
    peakLagSteps: z.number().int().nullable(),
    peakLagDays: z.number().int().nullable(),
    r: z.number().nullable(),
    /** Half-width of the robust (1 − alpha) band at the peak lag. */
    band: z.number().nullable(),
    /** Šidák-corrected over the lags scanned, then Holm-adjusted over the family. */
    pValue: z.number().nullable(),
    adjustedP: z.number().nullable(),
    lagsTested: z.number().int(),
    /** Smallest |r| the scan detects with 80 % power. */
    minimumDetectableR: z.number().nullable(),
  }),
  granger: z
    .object({ driverLags: z.array(z.number().int()), ownLags: z.number().int(), coefficientSum: z.number().nullable(), pValue: z.number().nullable(), adjustedP: z.number().nullable(), n: z.number().int() })
    .nullable(),
  eventStudy: z.object({ events: z.number().int(), effect: z.number().nullable(), interval: z.tuple([z.number(), z.number()]).nullable(), pValue: z.number().nullable(), adjustedP: z.number().nullable() }).nullable(),
  supported: z.boolean(),
});
export type OrderPair = z.infer<typeof OrderPairSchema>;

export const OrderTestSchema = z.object({
  from: IsoDateSchema,
  to: IsoDateSchema,
  pairs: z.array(OrderPairSchema),
  familySize: z.number().int(),
  /** Every pair supported (scan and Granger, Holm-adjusted, positive). */
  holds: z.boolean(),
  verdict: z.string(),
});
export type OrderTest = z.infer<typeof OrderTestSchema>;

export const RotationTestResultSchema = z.object({
  ...dataResultHeader(ROTATION_TEST_SCHEMA),
  settings: z.object({
    weighting: z.enum(['cap', 'equal']),
    stepDays: z.number().int(),
    maxLagSteps: z.number().int(),
    alpha: z.number(),
    horizonSteps: z.number().int(),
    replicates: z.number().int(),
    seed: z.number().int(),
    phaseWindow: z.number().int(),
  }),
  /** The whole stored history. */
  whole: OrderTestSchema,
  /** The named cycles (2017–18, 2020–21): the phase episodes as computed, and the test over each. */
  periods: z.array(z.object({ name: z.string(), from: IsoDateSchema, to: IsoDateSchema, episodes: z.array(RotationEpisodeSchema), test: OrderTestSchema.nullable() })),
  /** On a simulated market: what was planted and whether the test found it. */
  groundTruth: z.object({ planted: z.string(), lagDays: z.number().int().nullable(), effect: z.number().nullable(), recovered: z.boolean() }).nullable(),
  caveats: z.array(z.string()),
});
export type RotationTestResult = z.infer<typeof RotationTestResultSchema>;

export { ROTATION_TEST_SCHEMA };

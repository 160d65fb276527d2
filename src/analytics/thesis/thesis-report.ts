/**
 * The thesis report as data: what `altseason thesis --format json` prints and what the dashboard
 * reads. Plain JSON only (ISO dates, numbers, null for undefined statistics), so it survives
 * JSON.stringify unchanged and two runs with the same seed give byte-identical output.
 */

export const THESIS_REPORT_SCHEMA = 'altseason.thesis/1';

/** The drivers: Russell 2000 log returns and RUT/SPX relative-strength log returns, on crypto days. */
export type DriverId = 'rut' | 'rut-spx';
/** The targets: ΔASI (points), median alt − BTC log return, cap-weighted alt basket − BTC log return. */
export type TargetId = 'asi-change' | 'median-excess' | 'cap-weighted-excess';
export type Frequency = 'daily' | 'weekly';

export interface SeriesDescription {
  id: string;
  label: string;
  definition: string;
}

export interface CorrelogramPoint {
  lag: number;
  r: number | null;
  n: number;
  /** Half-width of the (1 − α) band around 0 (robust Bartlett; 95 % at the default α = 0.05). */
  band: number | null;
  pValue: number | null;
}

export interface GrangerSummary {
  direction: string;
  lag: number;
  criterion: string;
  fStatistic: number | null;
  numeratorDf: number;
  denominatorDf: number;
  pValue: number | null;
  n: number;
  /** Share of the target's residual variance explained by the other series' lags: 1 − RSS_u / RSS_r. */
  partialR2: number | null;
}

export interface RollingSummary {
  windowDays: number;
  windows: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  latest: number | null;
  /** Share of windows whose |r| exceeds the naive 95 % band 1.96/√window (≈ 5 % by chance alone). */
  shareBeyondNaiveBand: number | null;
  /** Sampled every 7 days, for charts. */
  points: { date: string; r: number | null }[];
}

export interface LeadLagResult {
  id: string;
  driver: DriverId;
  target: TargetId;
  frequency: Frequency;
  /** Days per lag step (1 daily, 7 weekly). */
  unitDays: number;
  period: { from: string | null; to: string | null };
  /** Complete pairs at lag 0. */
  n: number;
  varianceInflation: number;
  correlogram: CorrelogramPoint[];
  /** Correlation at lag 0 with its 95 % interval (r ± band). */
  contemporaneous: { r: number | null; interval: [number, number] | null; pValue: number | null };
  /** Driver leads target: the scan over lags 1 … maxLag. */
  lead: {
    lagsTested: number;
    peakLag: number | null;
    peakLagDays: number | null;
    r: number | null;
    interval: [number, number] | null;
    z: number | null;
    pointwisePValue: number | null;
    /** Šidák-corrected for the scan. */
    pValue: number | null;
  };
  /** Target leads driver (lags −1 … −maxLag), for reference; not a hypothesis of the thesis. */
  reverse: { peakLag: number | null; r: number | null; pValue: number | null };
  granger: { driverToTarget: GrangerSummary; targetToDriver: GrangerSummary };
  rolling: RollingSummary[];
}

export interface EventPathPoint {
  day: number;
  excess: number | null;
  placeboLower: number | null;
  placeboUpper: number | null;
}

export interface EventStudySummary {
  id: string;
  target: TargetId;
  horizonDays: number;
  events: number;
  eventsDropped: number;
  eventDates: string[];
  eventMean: number | null;
  baselineMean: number | null;
  baselineDays: number;
  /** Mean forward log excess after breakouts minus the mean over all days. */
  effect: number | null;
  interval: [number, number] | null;
  pValue: number | null;
  replicates: number;
  /** Smallest effect this many events could detect with 80 % power (from the placebo spread). */
  minimumDetectableEffect: number | null;
  path: EventPathPoint[];
}

export interface HitRateSummary {
  id: string;
  horizonDays: number;
  threshold: number;
  events: number;
  eventsDropped: number;
  hits: number;
  rate: number | null;
  interval: [number, number] | null;
  baseRate: number | null;
  baseDays: number;
  difference: number | null;
  pValue: number | null;
  replicates: number;
}

export type HypothesisFamily = 'lead-lag scan' | 'granger' | 'event study' | 'hit rate';

export interface Hypothesis {
  id: string;
  family: HypothesisFamily;
  description: string;
  primary: boolean;
  n: number;
  effectLabel: string;
  effect: number | null;
  interval: [number, number] | null;
  pValue: number | null;
  holmPValue: number | null;
  bhPValue: number | null;
}

export interface Precedent {
  label: string;
  window: { from: string; to: string };
  asiPeak: { date: string; index: number } | null;
  firstAltseasonDay: string | null;
  /** Breakouts in the 365 days before the ASI peak (or in the window when there is no peak). */
  breakouts: { date: string; close: number; drawdownPct: number }[];
  lastBreakoutBeforePeak: string | null;
  /** Calendar days from the last breakout before the peak to the peak. */
  lagToPeakDays: number | null;
  /** Calendar days from the last breakout before the first altseason day (ASI ≥ threshold) to it. */
  lagToAltseasonDays: number | null;
  note: string;
}

export interface PowerSection {
  /** The main test: effective n, variance inflation, smallest detectable |r| at 80 % power. */
  mainTest: {
    n: number;
    effectiveN: number;
    varianceInflation: number;
    lagsScanned: number;
    detectableCorrelationScan: number | null;
    detectableCorrelationSingleLag: number | null;
    detectableCorrelationAfterFamily: number | null;
  };
  eventStudy: { horizonDays: number; events: number; minimumDetectableEffect: number | null }[];
  hitRate: { horizonDays: number; events: number; intervalWidth: number | null }[];
  explanation: string;
}

export interface ThesisReport {
  schema: typeof THESIS_REPORT_SCHEMA;
  question: string;
  simulated: boolean;
  groundTruth: {
    leadDays: number;
    effect: number;
    plantedLink: string | null;
    seed: number;
    found: { peakLagDays: number | null; r: number | null; pValue: number | null; recovered: boolean } | null;
  } | null;
  settings: {
    from: string;
    to: string;
    window: number;
    top: number;
    breakoutDrawdownPct: number;
    altseasonThreshold: number;
    seed: number;
    replicates: number;
    maxLagDays: number;
    alpha: number;
    grangerMaxLagDaily: number;
    grangerMaxLagWeekly: number;
    eventHorizons: number[];
    hitHorizons: number[];
    rollingWindows: number[];
  };
  data: {
    period: { from: string; to: string; days: number };
    sources: { crypto: string[]; equity: Record<string, Record<string, number>> };
    universe: {
      description: string;
      universeSize: { min: number | null; median: number | null; max: number | null };
      asiDays: number;
      dailyTargetDays: number;
      weeklyTargetWeeks: number;
    };
    series: SeriesDescription[];
    caveats: string[];
  };
  breakouts: { date: string; close: number; drawdownPct: number; priorRecordDate: string; troughDate: string }[];
  leadLag: LeadLagResult[];
  eventStudies: EventStudySummary[];
  hitRates: HitRateSummary[];
  hypotheses: { count: number; alpha: number; significantRaw: number; significantHolm: number; significantBh: number; list: Hypothesis[] };
  precedents: Precedent[];
  power: PowerSection;
  verdict: { headline: string; findings: string[]; caveats: string[] };
  /** For charts: RUT close (carried to crypto days) and the ASI, every `step` days. */
  chart: { step: number; points: { date: string; rut: number | null; asi: number | null }[] };
}

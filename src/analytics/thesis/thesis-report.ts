/**
 * The thesis report as data: what `altseason thesis --format json` prints and what the dashboard
 * reads. Plain JSON only (ISO dates, numbers, null for undefined statistics), so it survives
 * JSON.stringify unchanged and two runs with the same seed give byte-identical output.
 */

export const THESIS_REPORT_SCHEMA = 'altseason.thesis/v1';

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
  /** Own lags of the explained series (and, for the BIC test, lags of the other series). */
  lag: number;
  /** Lags at which the other series enters: 1 … lag (BIC) or the scan's peak lag. */
  driverLags: number[];
  criterion: string;
  /** Classical (homoskedastic) F test, for comparison with textbooks and statsmodels' defaults. */
  fStatistic: number | null;
  numeratorDf: number;
  denominatorDf: number;
  pValue: number | null;
  /** HC3 heteroskedasticity-robust Wald test (F form) of the same hypothesis: the one the verdict uses. */
  robustFStatistic: number | null;
  robustPValue: number | null;
  /**
   * The robust p-value the hypothesis list carries: robustPValue, Šidák-corrected over the scanned
   * lags for the test at the scan's lag (that lag was chosen by looking at the same data).
   */
  testPValue: number | null;
  /** Σ of the other series' lag coefficients: > 0 means its rise is followed by a rise of the explained series. */
  coefficientSum: number | null;
  n: number;
  /** Share of the target's residual variance explained by the other series' lags: 1 − RSS_u / RSS_r. */
  partialR2: number | null;
  /** Why the test could not run (too few rows, a constant series), or null. */
  unavailable: string | null;
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
  /** Why this pair's tests could not run (e.g. no daily alt data in the period), or null when they ran. */
  unavailable: string | null;
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
  /** Correlation at lag 0 with its Fisher-z (1 − α) interval (robust standard error, see fisher-interval.ts). */
  contemporaneous: { r: number | null; interval: [number, number] | null; pValue: number | null };
  /** Driver leads target: the scan over lags 1 … maxLag. */
  lead: {
    lagsTested: number;
    peakLag: number | null;
    peakLagDays: number | null;
    r: number | null;
    /** Fisher-z interval at the peak lag; the lag was picked as the largest |z|, so it is optimistic about |r|. */
    interval: [number, number] | null;
    z: number | null;
    pointwisePValue: number | null;
    /** Šidák-corrected for the scan. */
    pValue: number | null;
  };
  /**
   * Target leads driver, for reference; not a hypothesis of the thesis. Daily lags −1 and −2 are
   * left out (minLag 3): the Russell 2000 closes at 20:00–21:00 UTC, so its day overlaps the
   * previous crypto day, and Monday's return spans the whole crypto weekend.
   */
  reverse: { minLag: number; lagsTested: number; peakLag: number | null; r: number | null; pValue: number | null };
  granger: {
    /** Classical Granger test, lag order by BIC. */
    driverToTarget: GrangerSummary;
    targetToDriver: GrangerSummary;
    /** Driver → target with the driver entering only at the scan's peak lag (BIC picks 1 and misses a 20-day lead); null without a peak. */
    atScanLag: GrangerSummary | null;
  };
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
  /**
   * Whether the estimate points the thesis's way: the Russell 2000 side first and alts doing better
   * after it (r > 0, a positive event effect or hit-rate difference, a Granger test RUT → alts with
   * positive summed coefficients). Null without an estimate.
   */
  thesisDirection: boolean | null;
  /**
   * The p-value the verdict uses: the main test's own p (tested first, at the full α), every other
   * test's Holm p among the others, raised to at least the main test's p (fixed-sequence
   * gatekeeping: the others count only if the main test rejects). Family-wise error ≤ α.
   */
  adjustedPValue: number | null;
  /** Holm over every hypothesis, main test included (for reference). */
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
    /**
     * What the main test found: `recovered` when it supports the thesis in the verdict's sense (p <
     * α in the thesis's direction) AND its peak lies within 3 days of the planted lead: the same rule
     * as bench/thesis-power.
     */
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
    /**
     * Where the crypto and ^RUT data overlap (first and last common day) and each one's own span;
     * the tests use only the common span (cut further by --from/--to). `limitedBy` says whose end cut it.
     */
    commonSpan: {
      from: string;
      to: string;
      crypto: { from: string; to: string };
      russell: { from: string; to: string };
      limitedBy: { start: 'crypto' | 'russell' | 'from'; end: 'crypto' | 'russell' | 'to' };
    };
    /** Russell 2000 breakouts in the stored history after the period, which no test uses. */
    breakoutsAfterPeriod: { date: string; close: number; drawdownPct: number }[];
    /** Stretches of the period in which the stored crypto data hold only coins that survived to a later date. */
    survivorOnlyPeriods: { from: string; to: string; note: string }[];
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
  hypotheses: {
    count: number;
    alpha: number;
    /** How adjustedPValue is computed, in words. */
    procedure: string;
    significantRaw: number;
    significantAdjusted: number;
    significantHolm: number;
    significantBh: number;
    list: Hypothesis[];
  };
  precedents: Precedent[];
  power: PowerSection;
  verdict: { headline: string; findings: string[]; caveats: string[] };
  /** For charts: RUT close (carried to crypto days) and the ASI, every `step` days. */
  chart: { step: number; points: { date: string; rut: number | null; asi: number | null }[] };
}

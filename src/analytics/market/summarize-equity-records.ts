/**
 * The Russell 2000 picture in one object (for `altseason rut`, `status` and the dashboard): the
 * latest close against its record, the breakouts, and relative strength against the S&P 500.
 * Compute on the full history and filter for display: a record is "above every earlier close",
 * which a truncated series cannot know.
 */
import type { DayNumber } from '../../domain/dates.ts';
import { NoDataError } from '../../domain/errors.ts';
import type { DailySeries } from '../../domain/series.ts';
import { DEFAULT_BREAKOUT_DRAWDOWN_PCT, findBreakouts, type Breakout } from './find-breakouts.ts';
import { findRecordCloses, type RecordClose } from './find-record-closes.ts';
import { movingAverageTrend, type MovingAverageTrend } from './moving-average-trend.ts';
import { ratioSeries } from './ratio-series.ts';
import { computeRecordState, type RecordState } from './record-state.ts';

export interface RelativeStrengthSummary {
  name: string;
  day: DayNumber;
  ratio: number;
  /** The ratio against its 50- and 200-session moving averages. */
  trend50: MovingAverageTrend;
  trend200: MovingAverageTrend;
  /** 50-session average above the 200-session one (the ratio's "golden cross" state). */
  average50AboveAverage200: boolean | null;
  /** Ratio change over 20, 60 and 250 sessions, in %. */
  changePct: { sessions20: number | null; sessions60: number | null; sessions250: number | null };
}

export interface EquityRecordSummary {
  symbol: string;
  firstDay: DayNumber;
  latestDay: DayNumber;
  latestClose: number;
  isRecordToday: boolean;
  record: number;
  recordDay: DayNumber;
  distanceFromRecordPct: number;
  drawdownPct: number;
  /** Deepest drawdown since the current record was set. */
  maxDrawdownSinceRecordPct: number;
  daysSinceRecord: number;
  sessionsSinceRecord: number;
  breakoutDrawdownPct: number;
  breakouts: Breakout[];
  records: RecordClose[];
  relativeStrength: RelativeStrengthSummary | null;
  state: RecordState;
}

export interface EquityRecordOptions {
  breakoutDrawdownPct?: number;
  /** Benchmark for relative strength (^GSPC for ^RUT). */
  benchmark?: DailySeries | null;
}

function changeOver(series: DailySeries, sessions: number): number | null {
  const last = series.values.length - 1;
  if (last - sessions < 0) return null;
  const start = series.values[last - sessions]!;
  const end = series.values[last]!;
  return Number.isFinite(start) && Number.isFinite(end) && start !== 0 ? (end / start - 1) * 100 : null;
}

export function summarizeRelativeStrength(numerator: DailySeries, denominator: DailySeries): RelativeStrengthSummary | null {
  const ratio = ratioSeries(numerator, denominator);
  const last = ratio.days.length - 1;
  if (last < 0) return null;
  const trend50 = movingAverageTrend(ratio, 50);
  const trend200 = movingAverageTrend(ratio, 200);
  return {
    name: ratio.name,
    day: ratio.days[last]! as DayNumber,
    ratio: ratio.values[last]!,
    trend50,
    trend200,
    average50AboveAverage200: trend50.movingAverage !== null && trend200.movingAverage !== null ? trend50.movingAverage > trend200.movingAverage : null,
    changePct: { sessions20: changeOver(ratio, 20), sessions60: changeOver(ratio, 60), sessions250: changeOver(ratio, 250) },
  };
}

export function summarizeEquityRecords(series: DailySeries, options: EquityRecordOptions = {}): EquityRecordSummary {
  const breakoutDrawdownPct = options.breakoutDrawdownPct ?? DEFAULT_BREAKOUT_DRAWDOWN_PCT;
  const state = computeRecordState(series);
  let last = state.days.length - 1;
  while (last >= 0 && !Number.isFinite(state.closes[last]!)) last--;
  if (last < 0) throw new NoDataError(`${series.name}: no closes to find records in`);
  return {
    symbol: series.name,
    firstDay: state.days[0]! as DayNumber,
    latestDay: state.days[last]! as DayNumber,
    latestClose: state.closes[last]!,
    isRecordToday: state.isRecord[last] === 1,
    record: state.record[last]!,
    recordDay: state.recordDay[last]! as DayNumber,
    distanceFromRecordPct: state.distanceFromRecordPct[last]!,
    drawdownPct: state.drawdownPct[last]!,
    maxDrawdownSinceRecordPct: state.maxDrawdownSinceRecordPct[last]!,
    daysSinceRecord: state.daysSinceRecord[last]!,
    sessionsSinceRecord: state.sessionsSinceRecord[last]!,
    breakoutDrawdownPct,
    breakouts: findBreakouts(state, breakoutDrawdownPct),
    records: findRecordCloses(state),
    relativeStrength: options.benchmark ? summarizeRelativeStrength(series, options.benchmark) : null,
    state,
  };
}

/**
 * Breakouts: the first record close after a drawdown of at least `minDrawdownPct` % from the
 * previous record (measured close to close: (record − lowest close since) / record). The trough
 * is the lowest close between the two records.
 */
import type { DayNumber } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import type { RecordState } from './record-state.ts';

export const DEFAULT_BREAKOUT_DRAWDOWN_PCT = 10;

export interface Breakout {
  day: DayNumber;
  close: number;
  priorRecordDay: DayNumber;
  priorRecord: number;
  troughDay: DayNumber;
  trough: number;
  /** Depth of the drawdown that preceded the breakout, as a positive percentage. */
  drawdownPct: number;
  /** Calendar days from the prior record to the breakout. */
  daysSincePriorRecord: number;
  /** Calendar days from the trough to the breakout. */
  daysFromTrough: number;
}

export function findBreakouts(state: RecordState, minDrawdownPct: number = DEFAULT_BREAKOUT_DRAWDOWN_PCT): Breakout[] {
  if (!Number.isFinite(minDrawdownPct) || minDrawdownPct <= 0 || minDrawdownPct >= 100) {
    throw new InvalidInputError(`breakout drawdown must be a percentage between 0 and 100 (exclusive), got ${minDrawdownPct}`);
  }
  const breakouts: Breakout[] = [];
  let priorIndex = -1;
  let troughIndex = -1;
  for (let i = 0; i < state.days.length; i++) {
    const close = state.closes[i]!;
    if (state.isRecord[i]) {
      if (priorIndex >= 0 && troughIndex >= 0) {
        const priorRecord = state.closes[priorIndex]!;
        const trough = state.closes[troughIndex]!;
        const drawdownPct = ((priorRecord - trough) / priorRecord) * 100;
        // A drawdown of exactly the threshold counts; the tolerance absorbs float rounding.
        if (drawdownPct >= minDrawdownPct - 1e-9) {
          breakouts.push({
            day: state.days[i]! as DayNumber,
            close,
            priorRecordDay: state.days[priorIndex]! as DayNumber,
            priorRecord,
            troughDay: state.days[troughIndex]! as DayNumber,
            trough,
            drawdownPct,
            daysSincePriorRecord: state.days[i]! - state.days[priorIndex]!,
            daysFromTrough: state.days[i]! - state.days[troughIndex]!,
          });
        }
      }
      priorIndex = i;
      troughIndex = i;
    } else if (Number.isFinite(close) && troughIndex >= 0 && close < state.closes[troughIndex]!) {
      troughIndex = i;
    }
  }
  return breakouts;
}

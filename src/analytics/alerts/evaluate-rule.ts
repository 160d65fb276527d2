/**
 * An alert rule on one daily series, evaluated bar by bar on closed daily values (METHODS.md,
 * "Alert semantics"). Pure: the caller gives the series up to the day evaluated, never later.
 *
 * Each condition says, per bar t, whether it TRIGGERS and whether it RE-ARMS:
 * - crosses-above θ: triggers when xₜ₋₁ < θ ≤ xₜ; re-arms when xₜ < θ − margin.
 * - crosses-below θ: triggers when xₜ₋₁ > θ ≥ xₜ; re-arms when xₜ > θ + margin.
 * - stays-above / stays-below θ for N bars: triggers on the N-th bar in a row ≥ θ (≤ θ);
 *   re-arms when xₜ < θ − margin (> θ + margin).
 * - changes-by X over N days: Δ = xₜ − x(t−N) (points), or 100·(xₜ / x(t−N) − 1) (percent), with
 *   x(t−N) the value at or before the day N calendar days earlier; X > 0 triggers when Δ becomes
 *   ≥ X (it was not on the bar before) and re-arms when Δ < X − margin; X < 0 mirrors it.
 * - enters-phase P (a categorical series): triggers when the phase becomes P (it was another
 *   phase the bar before); re-arms when the phase is not P.
 * With no previous bar (the first one), nothing triggers: the rule only records state.
 *
 * Hysteresis: a rule is ARMED or FIRED. Armed and triggering → it fires and is fired; fired, a
 * trigger is suppressed ("hysteresis") until a bar re-arms it. Cooldown C days: a trigger of an
 * armed rule before the last fire day + C is dropped ("cooldown", not queued) and the rule counts
 * as fired (it must re-arm again). At most one fire per rule and bar (the daily cap).
 */
import { indexAtOrBefore } from '../../domain/series.ts';

export type AlertSeverity = 'info' | 'warning' | 'critical';

export type AlertCondition =
  | { when: 'crosses-above' | 'crosses-below'; value: number }
  | { when: 'stays-above' | 'stays-below'; value: number; days: number }
  | { when: 'changes-by'; value: number; days: number; unit: 'points' | 'percent' }
  | { when: 'enters-phase'; phase: string };

export interface AlertRuleDefinition {
  id: string;
  condition: AlertCondition;
  /** Re-arm margin in the series' units (0: re-arm as soon as the value is back on the other side). */
  rearmMargin: number;
  /** Days after a fire during which a new trigger is dropped (0: none). */
  cooldownDays: number;
  severity: AlertSeverity;
}

/** A daily series for alerts: ascending days, a number (or, for phases, a text) or null per day. */
export interface AlertSeries {
  days: Int32Array;
  values: readonly (number | string | null)[];
}

/** What the evaluator carries from one bar to the next (stored between evaluations). */
export interface RuleState {
  armed: boolean;
  lastFireDay: number | null;
  /** The last bar evaluated and its value. */
  lastDay: number | null;
  lastValue: number | string | null;
  /** Consecutive bars beyond the threshold (stays-above/below). */
  run: number;
  /** Whether the change was beyond X on the last bar (changes-by triggers when it becomes so). */
  met: boolean;
}

export type AlertEventKind = 'fire' | 'suppressed';

export interface AlertEvent {
  day: number;
  kind: AlertEventKind;
  /** Why a trigger did not fire. */
  reason: 'hysteresis' | 'cooldown' | null;
  value: number | string;
  /** The value the condition compared with: xₜ₋₁ for a crossing, x(t−N) for a change, the run length for stays. */
  reference: number | string | null;
  direction: 'up' | 'down' | 'enter';
}

export interface EvaluateOptions {
  /** State after the last bar evaluated before (absent: the rule starts armed, with no history). */
  state?: RuleState;
  /** Evaluate bars on or after this day only (earlier bars are history for windows)… */
  fromDay?: number;
  /** …and on or before this day (the as-of day: later bars are ignored). */
  toDay?: number;
}

export function initialRuleState(): RuleState {
  return { armed: true, lastFireDay: null, lastDay: null, lastValue: null, run: 0, met: false };
}

export function directionOf(condition: AlertCondition): 'up' | 'down' | 'enter' {
  switch (condition.when) {
    case 'crosses-above':
    case 'stays-above':
      return 'up';
    case 'crosses-below':
    case 'stays-below':
      return 'down';
    case 'changes-by':
      return condition.value >= 0 ? 'up' : 'down';
    case 'enters-phase':
      return 'enter';
  }
}

/**
 * Runs the rule over the series' bars in [fromDay, toDay] after the bar of `state.lastDay` (bars
 * with a null value are skipped: no bar closed with a value). Returns every trigger (fired or
 * suppressed) and the state after the last bar.
 */
export function evaluateRule(rule: AlertRuleDefinition, series: AlertSeries, options: EvaluateOptions = {}): { events: AlertEvent[]; state: RuleState } {
  const state: RuleState = { ...(options.state ?? initialRuleState()) };
  const condition = rule.condition;
  const direction = directionOf(condition);
  const events: AlertEvent[] = [];
  const { days, values } = series;
  const from = Math.max(options.fromDay ?? -Infinity, state.lastDay === null ? -Infinity : state.lastDay + 1);
  const to = options.toDay ?? Infinity;
  for (let i = 0; i < days.length; i++) {
    const day = days[i]!;
    if (day < from) continue;
    if (day > to) break;
    const value = values[i];
    if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) continue;
    const previous = state.lastValue;
    let trigger = false;
    let rearm = false;
    let reference: number | string | null = previous;
    if (condition.when === 'enters-phase') {
      trigger = previous !== null && previous !== condition.phase && value === condition.phase;
      rearm = value !== condition.phase;
    } else if (typeof value === 'number') {
      const m = rule.rearmMargin;
      const θ = condition.value;
      switch (condition.when) {
        case 'crosses-above':
          trigger = typeof previous === 'number' && previous < θ && θ <= value;
          rearm = value < θ - m;
          break;
        case 'crosses-below':
          trigger = typeof previous === 'number' && previous > θ && θ >= value;
          rearm = value > θ + m;
          break;
        case 'stays-above':
        case 'stays-below': {
          const beyond = condition.when === 'stays-above' ? value >= θ : value <= θ;
          state.run = beyond ? state.run + 1 : 0;
          reference = state.run;
          trigger = state.run === condition.days;
          rearm = condition.when === 'stays-above' ? value < θ - m : value > θ + m;
          break;
        }
        case 'changes-by': {
          const j = indexAtOrBefore(days, day - condition.days);
          const base = j >= 0 ? values[j] : null;
          if (typeof base === 'number' && Number.isFinite(base) && !(condition.unit === 'percent' && base === 0)) {
            const change = condition.unit === 'percent' ? 100 * (value / base - 1) : value - base;
            reference = base;
            const met = θ >= 0 ? change >= θ : change <= θ;
            trigger = met && !state.met && previous !== null;
            rearm = θ >= 0 ? change < θ - m : change > θ + m;
            state.met = met;
          } else {
            reference = null;
            state.met = false;
          }
          break;
        }
      }
    }
    if (trigger) {
      if (!state.armed) events.push({ day, kind: 'suppressed', reason: 'hysteresis', value, reference, direction });
      else if (state.lastFireDay !== null && rule.cooldownDays > 0 && day < state.lastFireDay + rule.cooldownDays) {
        events.push({ day, kind: 'suppressed', reason: 'cooldown', value, reference, direction });
        state.armed = false;
      } else {
        events.push({ day, kind: 'fire', reason: null, value, reference, direction });
        state.armed = false;
        state.lastFireDay = day;
      }
    } else if (!state.armed && rearm) state.armed = true;
    state.lastDay = day;
    state.lastValue = value;
  }
  return { events, state };
}

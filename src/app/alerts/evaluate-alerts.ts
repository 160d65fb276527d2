/**
 * Evaluates every rule of a rules file on its series' closed daily values up to a day, from the
 * start of the series' history: a rule's hysteresis and cooldown state on day t is the same in a
 * backtest, in `alerts check` and in `watch` (one computation, point in time).
 */
import { addDays, isoDateOf, type DayNumber } from '../../domain/dates.ts';
import { evaluateRule, type AlertEvent, type RuleState } from '../../analytics/alerts/evaluate-rule.ts';
import type { RuleConfig, RulesFile } from '../../data/alerts/rules-file.ts';
import type { AlertRuleRow } from '../contracts/alerts.ts';
import { inSnapshot, type ReadContext } from '../read-context.ts';
import { describeCondition, ruleDefinition } from './alert-rules.ts';
import { checkRuleSeries, loadAlertSeries, seriesLabel } from './alert-series.ts';

export interface EvaluatedRule {
  rule: RuleConfig;
  events: AlertEvent[];
  state: RuleState;
}

/** The last closed daily bar on `today`: yesterday (today's bar is still forming). */
export function lastClosedDay(today: DayNumber): DayNumber {
  return addDays(today, -1);
}

export async function evaluateRules(context: ReadContext, file: RulesFile, to: DayNumber): Promise<EvaluatedRule[]> {
  checkRuleSeries(file);
  const series = await inSnapshot(context, () => loadAlertSeries(context, [...new Set(file.rules.map((r) => r.series))], to));
  return file.rules.map((rule) => {
    const { events, state } = evaluateRule(ruleDefinition(rule), series.get(rule.series)!, { toDay: to });
    return { rule, events, state };
  });
}

export function ruleRow(e: EvaluatedRule): AlertRuleRow {
  const v = e.state.lastValue;
  return {
    id: e.rule.id,
    series: e.rule.series,
    seriesLabel: seriesLabel(e.rule.series),
    condition: describeCondition(e.rule),
    severity: e.rule.severity,
    channels: e.rule.channels,
    lastDate: e.state.lastDay === null ? null : isoDateOf(e.state.lastDay as DayNumber),
    lastValue: v === null ? null : typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v,
    state: e.state.armed ? 'armed' : 'fired',
    lastFireDate: e.state.lastFireDay === null ? null : isoDateOf(e.state.lastFireDay as DayNumber),
  };
}

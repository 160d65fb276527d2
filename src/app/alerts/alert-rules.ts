/**
 * From a rules file's rule to what the evaluator runs, and the names every output shows: the
 * condition in words, the rule's version (a change of its meaning makes new alerts) and the
 * dedupe key (METHODS.md: hex SHA-256 of rule_id|rule_version|symbol|direction|bar_close_time).
 */
import { createHash } from 'node:crypto';
import { addDays, isoDateOf, msOfDay, type DayNumber } from '../../domain/dates.ts';
import { directionOf, type AlertCondition, type AlertEvent, type AlertRuleDefinition } from '../../analytics/alerts/evaluate-rule.ts';
import { rearmMarginOf, type RuleConfig } from '../../data/alerts/rules-file.ts';
import type { AlertEventRow } from '../contracts/alerts.ts';

export function conditionOf(rule: RuleConfig): AlertCondition {
  switch (rule.when) {
    case 'crosses-above':
    case 'crosses-below':
      return { when: rule.when, value: rule.value };
    case 'stays-above':
    case 'stays-below':
      return { when: rule.when, value: rule.value, days: rule.days };
    case 'changes-by':
      return { when: 'changes-by', value: rule.value, days: rule.days, unit: rule.unit };
    case 'enters-phase':
      return { when: 'enters-phase', phase: rule.phase };
  }
}

export function ruleDefinition(rule: RuleConfig): AlertRuleDefinition {
  return { id: rule.id, condition: conditionOf(rule), rearmMargin: rearmMarginOf(rule), cooldownDays: rule.cooldown, severity: rule.severity };
}

/** "crosses above 75 (re-arms below 70; cooldown 14 d)" */
export function describeCondition(rule: RuleConfig): string {
  const c = conditionOf(rule);
  const m = rearmMarginOf(rule);
  let text: string;
  let rearm = '';
  switch (c.when) {
    case 'crosses-above':
      text = `crosses above ${c.value}`;
      if (m > 0) rearm = `re-arms below ${c.value - m}`;
      break;
    case 'crosses-below':
      text = `crosses below ${c.value}`;
      if (m > 0) rearm = `re-arms above ${c.value + m}`;
      break;
    case 'stays-above':
      text = `stays at or above ${c.value} for ${c.days} bars`;
      if (m > 0) rearm = `re-arms below ${c.value - m}`;
      break;
    case 'stays-below':
      text = `stays at or below ${c.value} for ${c.days} bars`;
      if (m > 0) rearm = `re-arms above ${c.value + m}`;
      break;
    case 'changes-by':
      text = `${c.value >= 0 ? 'rises' : 'falls'} by ${Math.abs(c.value)}${c.unit === 'percent' ? ' %' : ' points'} or more over ${c.days} days`;
      if (m > 0) rearm = `re-arms within ${Math.abs(c.value) - m}`;
      break;
    case 'enters-phase':
      text = `enters the ${c.phase} phase`;
  }
  const notes = [rearm, rule.cooldown > 0 ? `cooldown ${rule.cooldown} d` : ''].filter(Boolean);
  return notes.length ? `${text} (${notes.join('; ')})` : text;
}

/** A short hash of what the rule means (series, condition, margin, cooldown): its version. */
export function ruleVersion(rule: RuleConfig): string {
  const meaning = JSON.stringify({ series: rule.series, condition: conditionOf(rule), rearm: rearmMarginOf(rule), cooldown: rule.cooldown });
  return createHash('sha256').update(meaning).digest('hex').slice(0, 16);
}

/** The close time of a daily bar: the next 00:00 UTC (METHODS.md, Conventions). */
export function barCloseIso(day: DayNumber): string {
  return new Date(msOfDay(addDays(day, 1))).toISOString();
}

export function dedupeKey(rule: RuleConfig, direction: string, day: DayNumber): string {
  return createHash('sha256').update(`${rule.id}|${ruleVersion(rule)}|${rule.series}|${direction}|${barCloseIso(day)}`).digest('hex');
}

export function eventRow(rule: RuleConfig, e: AlertEvent): AlertEventRow {
  return {
    ruleId: rule.id,
    date: isoDateOf(e.day as DayNumber),
    kind: e.kind,
    reason: e.reason,
    value: roundValue(e.value),
    reference: e.reference === null ? null : roundValue(e.reference),
    direction: e.direction,
    severity: rule.severity,
  };
}

function roundValue(v: number | string): number | string {
  return typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v;
}

export { directionOf };

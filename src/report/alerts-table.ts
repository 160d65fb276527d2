/** Alerts for a terminal: what each rule would have fired (backtest), what fired now (check), the delivery log. */
import type { AlertAttemptRow, AlertEventRow, AlertRuleRow, AlertsBacktestResult, AlertsCheckResult, AlertsLogResult } from '../app/contracts/alerts.ts';
import type { Column } from './columns.ts';
import { renderTable } from './render-table.ts';

const showValue = (v: number | string | null) => (v === null ? '—' : typeof v === 'number' ? (Math.abs(v) >= 1000 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(2) : v.toFixed(4)) : v);

/** The CSV fields of an event (`alerts backtest --format csv`). */
export const ALERT_EVENT_FIELDS: readonly (keyof AlertEventRow)[] = ['date', 'ruleId', 'kind', 'reason', 'value', 'reference', 'direction', 'severity'];
/** The CSV fields of an attempt (`alerts log --format csv`). */
export const ALERT_ATTEMPT_FIELDS: readonly (keyof AlertAttemptRow)[] = ['startedAt', 'finishedAt', 'ruleId', 'date', 'channel', 'attempt', 'outcome', 'httpStatus', 'error'];

const EVENT_COLUMNS: Column<AlertEventRow>[] = [
  { key: 'date', value: (e) => e.date },
  { key: 'ruleId', header: 'rule', value: (e) => e.ruleId },
  { key: 'kind', header: 'what', value: (e) => (e.kind === 'fire' ? 'FIRES' : `suppressed (${e.reason})`) },
  { key: 'value', align: 'right', value: (e) => (typeof e.value === 'number' ? e.value : null), display: (e) => showValue(e.value) },
  { key: 'reference', header: 'before/base', align: 'right', value: (e) => (typeof e.reference === 'number' ? e.reference : null), display: (e) => showValue(e.reference) },
  { key: 'severity', value: (e) => e.severity },
];

const RULE_COLUMNS: Column<AlertRuleRow>[] = [
  { key: 'id', header: 'rule', value: (r) => r.id },
  { key: 'seriesLabel', header: 'series', value: (r) => r.seriesLabel },
  { key: 'condition', value: (r) => r.condition },
  { key: 'lastDate', header: 'last bar', value: (r) => r.lastDate },
  { key: 'lastValue', header: 'value', align: 'right', value: (r) => (typeof r.lastValue === 'number' ? r.lastValue : null), display: (r) => showValue(r.lastValue) },
  { key: 'state', value: (r) => r.state },
  { key: 'lastFireDate', header: 'last fire', value: (r) => r.lastFireDate },
];

export function renderAlertsBacktestTable(r: AlertsBacktestResult): string {
  const lines = [`Alert backtest of ${r.rulesFile}, ${r.from} to ${r.to} (closed daily bars; the same evaluation as alerts check and watch)`, ''];
  lines.push(
    renderTable(r.rules, [
      ...RULE_COLUMNS.slice(0, 3),
      { key: 'fires', align: 'right', value: (x) => x.fires },
      { key: 'suppressedByHysteresis', header: 'held by hysteresis', align: 'right', value: (x) => x.suppressedByHysteresis },
      { key: 'suppressedByCooldown', header: 'held by cooldown', align: 'right', value: (x) => x.suppressedByCooldown },
    ]).trimEnd(),
  );
  lines.push('');
  lines.push(r.events.length ? renderTable(r.events, EVENT_COLUMNS).trimEnd() : 'No rule triggered in this range.');
  return `${lines.join('\n')}\n`;
}

export function renderAlertsCheckTable(r: AlertsCheckResult): string {
  const lines = [`Alerts of ${r.rulesFile} as of ${r.asOf} (the last closed day)`, '', renderTable(r.rules, RULE_COLUMNS).trimEnd(), ''];
  if (r.fired.length === 0) lines.push('No new alert.');
  else {
    lines.push(`${r.fired.length} new alert${r.fired.length === 1 ? '' : 's'}:`);
    lines.push(renderTable(r.fired, EVENT_COLUMNS.filter((c) => c.key !== 'kind')).trimEnd());
  }
  if (r.delivery) {
    const d = r.delivery;
    lines.push('', `delivery: ${d.delivered} delivered, ${d.retried} retried, ${d.dead} dead, ${d.pending} still pending${d.dead ? ' (see altseason alerts log)' : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderAlertsLogTable(r: AlertsLogResult): string {
  const c = r.counts;
  const lines = [`${c.alerts} alert${c.alerts === 1 ? '' : 's'}; deliveries: ${c.delivered} delivered, ${c.pending} pending, ${c.dead} dead`, ''];
  const deliveries = r.alerts.flatMap((a) => a.deliveries.map((d) => ({ ...d, ruleId: a.ruleId, date: a.date, value: a.value })));
  if (deliveries.length) {
    lines.push(
      renderTable(deliveries, [
        { key: 'date', value: (d) => d.date },
        { key: 'ruleId', header: 'rule', value: (d) => d.ruleId },
        { key: 'value', align: 'right', value: (d) => d.value, display: (d) => showValue(d.value) },
        { key: 'channel', value: (d) => d.channel },
        { key: 'status', value: (d) => (d.status === 'dead' ? 'DEAD' : d.status) },
        { key: 'attempts', align: 'right', value: (d) => d.attempts },
        { key: 'lastError', header: 'last error', value: (d) => d.lastError },
        { key: 'updatedAt', header: 'updated', value: (d) => d.updatedAt },
      ]).trimEnd(),
      '',
    );
  }
  if (r.attempts.length) {
    lines.push('Attempts:');
    lines.push(
      renderTable(r.attempts, [
        { key: 'startedAt', header: 'started', value: (t) => t.startedAt },
        { key: 'ruleId', header: 'rule', value: (t) => t.ruleId },
        { key: 'date', value: (t) => t.date },
        { key: 'channel', value: (t) => t.channel },
        { key: 'attempt', header: '#', align: 'right', value: (t) => t.attempt },
        { key: 'outcome', value: (t) => t.outcome },
        { key: 'httpStatus', header: 'status', align: 'right', value: (t) => t.httpStatus },
        { key: 'error', value: (t) => t.error },
      ]).trimEnd(),
    );
  } else lines.push('No delivery attempt yet.');
  return `${lines.join('\n')}\n`;
}

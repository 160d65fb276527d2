/**
 * `altseason alerts log`: every recorded alert with its deliveries (pending, delivered, dead: the
 * dead-letter state) and every attempt (time, channel, outcome, HTTP status, last error). An
 * attempt that started and never finished was interrupted (a kill): its delivery stayed pending
 * and was, or will be, sent again with the same message id. Nothing here holds a secret.
 */
import { isoDateOf, type DayNumber } from '../../domain/dates.ts';
import type { Store } from '../../data/store/store.ts';
import type { AlertsLogResult } from '../contracts/alerts.ts';
import { ALERTS_LOG_SCHEMA } from '../contracts/alerts-names.ts';

export interface AlertsLogQuery {
  /** Only alerts of this rule. */
  ruleId?: string;
  /** Only the last this many alerts (and their attempts). */
  last?: number;
}

const isoTime = (ms: number) => new Date(ms).toISOString();

export async function alertsLog(store: Store, query: AlertsLogQuery = {}): Promise<AlertsLogResult> {
  const journal = store.alerts;
  let alerts = await journal.listAlerts();
  if (query.ruleId !== undefined) alerts = alerts.filter((a) => a.ruleId === query.ruleId);
  if (query.last !== undefined) alerts = alerts.slice(-query.last);
  const keys = new Set(alerts.map((a) => a.key));
  const deliveries = (await journal.listDeliveries()).filter((d) => keys.has(d.key));
  const byKey = new Map(alerts.map((a) => [a.key, a]));
  const attempts = (await journal.listAttempts()).filter((a) => keys.has(a.key));
  return {
    schema: ALERTS_LOG_SCHEMA,
    alerts: alerts.map((a) => ({
      key: a.key,
      ruleId: a.ruleId,
      date: isoDateOf(a.day as DayNumber),
      series: a.series,
      value: a.value,
      severity: a.severity,
      recordedAt: isoTime(a.createdAt),
      deliveries: deliveries
        .filter((d) => d.key === a.key)
        .map((d) => ({ channel: d.channel, status: d.status, attempts: d.attempts, lastError: d.lastError, updatedAt: isoTime(d.updatedAt) })),
    })),
    attempts: attempts.map((t) => {
      const alert = byKey.get(t.key)!;
      return {
        startedAt: isoTime(t.startedAt),
        finishedAt: t.finishedAt === null ? null : isoTime(t.finishedAt),
        ruleId: alert.ruleId,
        date: isoDateOf(alert.day as DayNumber),
        channel: t.channel,
        attempt: t.attempt,
        outcome: t.outcome ?? 'interrupted',
        httpStatus: t.httpStatus,
        error: t.error,
      };
    }),
    counts: {
      alerts: alerts.length,
      pending: deliveries.filter((d) => d.status === 'pending').length,
      delivered: deliveries.filter((d) => d.status === 'delivered').length,
      dead: deliveries.filter((d) => d.status === 'dead').length,
    },
  };
}

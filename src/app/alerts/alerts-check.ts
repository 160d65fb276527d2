/**
 * `altseason alerts check RULES` and one tick of `altseason watch`: evaluate every rule as of the
 * last closed day, record in ONE store transaction each rule's state and the new alerts (with a
 * pending delivery per channel: the outbox), then deliver what is pending (deliver-pending.ts).
 *
 * Which fires are new: those after the day the rule was last evaluated (a watch that was down for
 * days catches up; none is lost), or on a rule's first evaluation (or after its meaning changed),
 * only one on the as-of bar itself: history is what `alerts backtest` shows. A fire already in the
 * outbox (same dedupe key) is never recorded twice, so a re-run after a kill records nothing new.
 */
import { isoDateOf, type DayNumber, type UnixMs } from '../../domain/dates.ts';
import type { RuleState } from '../../analytics/alerts/evaluate-rule.ts';
import type { RulesFile } from '../../data/alerts/rules-file.ts';
import { deliverPending, type DeliverOptions } from '../../data/delivery/deliver-pending.ts';
import type { AlertMessage } from '../../data/delivery/send-alert.ts';
import type { AlertRecord, AlertRuleStateRecord } from '../../data/store/alert-journal.ts';
import type { AlertsCheckResult } from '../contracts/alerts.ts';
import { ALERTS_CHECK_SCHEMA } from '../contracts/alerts-names.ts';
import { dataNotice } from '../data-notice.ts';
import type { ReadContext } from '../read-context.ts';
import { dedupeKey, describeCondition, eventRow, ruleVersion } from './alert-rules.ts';
import { seriesLabel } from './alert-series.ts';
import { evaluateRules, lastClosedDay, ruleRow } from './evaluate-alerts.ts';

export interface AlertsCheckQuery {
  /** Evaluate as of this closed day (default: yesterday, UTC). */
  at?: DayNumber;
  /** Deliver the pending alerts afterwards (default true). */
  deliver?: boolean;
  /** Passed to the deliverer (wait for retries due within…, abort signal, log of each step). */
  delivery?: Pick<DeliverOptions, 'waitUpToMs' | 'signal' | 'onStep' | 'now' | 'random' | 'sleep' | 'terminal'>;
  now?: () => number;
  /** Told after the evaluation was recorded (the watch logs it). */
  onRecorded?: (inserted: number) => void;
}

interface StoredState extends RuleState {
  version: string;
}

/** The dashboard view a message links to. */
function linkFor(base: string, series: string): string {
  const view = series.startsWith('asi-') ? 'index' : series === 'btc-dominance' || series === 'total2-vs-btc' ? 'dominance' : series.startsWith('rut') ? 'rut' : series === 'rotation-phase' ? 'rotation' : series;
  return `${base.replace(/\/$/, '')}/#${view}`;
}

export async function checkAlerts(context: ReadContext, file: RulesFile, query: AlertsCheckQuery = {}): Promise<AlertsCheckResult> {
  const now = query.now ?? Date.now;
  const asOf = query.at ?? lastClosedDay(context.today());
  const evaluated = await evaluateRules(context, file, asOf);
  const journal = context.store.alerts;
  const stored = new Map((await journal.readRuleStates()).map((s) => [s.ruleId, { ...(JSON.parse(s.state) as StoredState), evaluatedDay: s.evaluatedDay }]));
  const states: AlertRuleStateRecord[] = [];
  const alerts: { alert: AlertRecord; channels: string[] }[] = [];
  const fired: AlertsCheckResult['fired'] = [];
  const createdAt = now() as UnixMs;
  for (const e of evaluated) {
    const version = ruleVersion(e.rule);
    const before = stored.get(e.rule.id);
    const lastDay = e.state.lastDay;
    if (lastDay === null) continue;
    const since = before && before.version === version ? before.evaluatedDay : lastDay - 1;
    for (const event of e.events) {
      if (event.kind !== 'fire' || event.day <= since) continue;
      const day = event.day as DayNumber;
      const key = dedupeKey(e.rule, event.direction, day);
      const message: AlertMessage = {
        key,
        ruleId: e.rule.id,
        series: e.rule.series,
        seriesLabel: seriesLabel(e.rule.series),
        condition: describeCondition(e.rule),
        value: typeof event.value === 'number' ? Math.round(event.value * 1e4) / 1e4 : event.value,
        date: isoDateOf(day),
        severity: e.rule.severity,
        direction: event.direction,
        link: linkFor(file.dashboard, e.rule.series),
        note: e.rule.note ?? null,
      };
      alerts.push({
        alert: { key, ruleId: e.rule.id, day, series: e.rule.series, direction: event.direction, value: typeof event.value === 'number' ? event.value : null, severity: e.rule.severity, payload: JSON.stringify(message), createdAt },
        channels: e.rule.channels,
      });
      fired.push({ ...eventRow(e.rule, event), key });
    }
    if (!before || before.version !== version || before.evaluatedDay < lastDay) {
      states.push({ ruleId: e.rule.id, state: JSON.stringify({ version, ...e.state } satisfies StoredState), evaluatedDay: lastDay as DayNumber });
    }
  }
  const recorded = states.length || alerts.length ? await journal.recordEvaluation({ states, alerts }) : { inserted: [] };
  query.onRecorded?.(recorded.inserted.length);
  const inserted = new Set(recorded.inserted);
  let delivery: AlertsCheckResult['delivery'] = null;
  if (query.deliver !== false) {
    delivery = await deliverPending(journal, { channels: file.channels, settings: file.delivery, now, ...query.delivery });
  }
  const simulated = await context.simulated();
  const span = await context.store.cryptoDaySpan();
  return {
    schema: ALERTS_CHECK_SCHEMA,
    simulated,
    data: dataNotice(span.lastDay === null ? null : (Math.min(span.lastDay, asOf) as DayNumber), context.today(), simulated),
    rulesFile: file.path,
    asOf: isoDateOf(asOf),
    rules: evaluated.map(ruleRow),
    fired: fired.filter((f) => inserted.has(f.key)),
    delivery,
  };
}

/**
 * `altseason alerts backtest RULES [--from --to]`: the dates each rule would have fired on (and
 * the triggers hysteresis and the cooldown suppressed), computed exactly as `alerts check` and
 * `watch` compute them, so a rule can be tuned before it is trusted.
 */
import { isoDateOf, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import type { RulesFile } from '../../data/alerts/rules-file.ts';
import type { AlertsBacktestResult } from '../contracts/alerts.ts';
import { ALERTS_BACKTEST_SCHEMA } from '../contracts/alerts-names.ts';
import { dataNotice } from '../data-notice.ts';
import type { ReadContext } from '../read-context.ts';
import { eventRow } from './alert-rules.ts';
import { evaluateRules, lastClosedDay, ruleRow } from './evaluate-alerts.ts';

export interface AlertsBacktestQuery {
  from?: DayNumber;
  to?: DayNumber;
}

export async function backtestAlerts(context: ReadContext, file: RulesFile, query: AlertsBacktestQuery = {}): Promise<AlertsBacktestResult> {
  const span = await context.store.cryptoDaySpan();
  const to = query.to ?? lastClosedDay(context.today());
  const from = query.from ?? ((span.firstDay ?? to) as DayNumber);
  if (to < from) throw new InvalidInputError(`--to ${isoDateOf(to)} is before --from ${isoDateOf(from)}`);
  const evaluated = await evaluateRules(context, file, to);
  const events = evaluated
    .flatMap((e) => e.events.filter((x) => x.day >= from).map((x) => eventRow(e.rule, x)))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const simulated = await context.simulated();
  const lastDay = span.lastDay === null ? null : (Math.min(span.lastDay, to) as DayNumber);
  return {
    schema: ALERTS_BACKTEST_SCHEMA,
    simulated,
    data: dataNotice(lastDay, context.today(), simulated),
    rulesFile: file.path,
    from: isoDateOf(from),
    to: isoDateOf(to),
    rules: evaluated.map((e) => {
      const inRange = e.events.filter((x) => x.day >= from);
      return {
        ...ruleRow(e),
        fires: inRange.filter((x) => x.kind === 'fire').length,
        suppressedByHysteresis: inRange.filter((x) => x.reason === 'hysteresis').length,
        suppressedByCooldown: inRange.filter((x) => x.reason === 'cooldown').length,
      };
    }),
    events,
  };
}

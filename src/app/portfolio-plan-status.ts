/**
 * `planStatus()` / `GET /api/plans`: every stored profit-taking plan checked on one day (default the
 * last day with data) against the stored holdings, through planCheck — the dashboard's plan status.
 * A plan that cannot be checked carries the reason (the error's message) instead of failing the rest.
 */
import type { DayNumber } from '../domain/dates.ts';
import { AltseasonError } from '../domain/errors.ts';
import type { PlanStatusResult } from './contracts/plan-status.ts';
import { PLAN_STATUS_SCHEMA } from './contracts/portfolio-names.ts';
import { dataNotice } from './data-notice.ts';
import { listPlans, planCheck } from './portfolio-plan.ts';
import { inSnapshot, type ReadContext } from './read-context.ts';
import { DEFAULT_DATE_FIELDS, type DateFieldNames } from './stored-span.ts';

export interface PlanStatusQuery {
  at?: DayNumber;
  fieldNames?: DateFieldNames;
}

export async function planStatus(context: ReadContext, query: PlanStatusQuery = {}): Promise<PlanStatusResult> {
  return inSnapshot(context, async () => {
    const plans = await listPlans(context.store);
    const rows: PlanStatusResult['plans'] = [];
    for (const plan of plans) {
      try {
        const check = await planCheck(context, { name: plan.name, fieldNames: query.fieldNames ?? DEFAULT_DATE_FIELDS, ...(query.at !== undefined ? { at: query.at } : {}) });
        rows.push({ plan: plan.name, rules: plan.rules.length, firesToday: check.firings.filter((f) => f.firesToday).length, check, error: null });
      } catch (error) {
        if (!(error instanceof AltseasonError)) throw error;
        rows.push({ plan: plan.name, rules: plan.rules.length, firesToday: 0, check: null, error: error.message });
      }
    }
    const checked = rows.find((r) => r.check !== null)?.check ?? null;
    const simulated = checked?.simulated ?? (await context.simulated());
    return {
      schema: PLAN_STATUS_SCHEMA,
      simulated,
      data: checked?.data ?? dataNotice(null, context.today(), simulated),
      asOf: checked?.asOf ?? null,
      plans: rows,
    };
  });
}

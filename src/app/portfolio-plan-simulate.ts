/**
 * `altseason plan simulate NAME --from DATE [--to DATE] [--fees-bps N]` (also `portfolio plan
 * simulate`): a profit-taking plan replayed over history through the backtest engine. Every stored
 * holding is bought at the close of --from (Q₀ = its stored quantity), the plan's firings
 * (evaluatePlan, point in time) become the strategy's weights (analytics/portfolio/plan-strategy.ts),
 * and runBacktest charges fees and slippage on every purchase and sale. The engine's metrics are
 * reported for the plan, for holding the same book, and for BTC buy-and-hold, as every backtest is.
 * The result contract is app/contracts/plan-simulate.ts (altseason.plan-simulate/v1); the metrics
 * are mapped by backtest.ts's metricsOut, as every backtest's.
 */
import { metricsOut } from './backtest.ts';
import { isoDateOf, type DayNumber } from '../domain/dates.ts';
import { InvalidInputError, NoDataError } from '../domain/errors.ts';
import { BacktestData } from '../analytics/backtest/backtest-data.ts';
import { computeMetrics } from '../analytics/backtest/backtest-metrics.ts';
import { HOLD } from '../analytics/backtest/builtin-strategies.ts';
import { resolveCosts } from '../analytics/backtest/costs.ts';
import { runBacktest } from '../analytics/backtest/run-backtest.ts';
import { planStrategy } from '../analytics/portfolio/plan-strategy.ts';
import type { PlanSimulateResult } from './contracts/plan-simulate.ts';
import { PLAN_SIMULATE_SCHEMA } from './contracts/portfolio-names.ts';
import { dataNotice } from './data-notice.ts';
import { evaluateStoredPlan, firingRows } from './portfolio-plan.ts';
import { inSnapshot, type ReadContext } from './read-context.ts';
import { DEFAULT_DATE_FIELDS, type DateFieldNames } from './stored-span.ts';

export interface PlanSimulateQuery {
  name: string;
  /** Entry: every holding bought at this day's close. */
  from: DayNumber;
  /** Last day (default the last day with data). */
  to?: DayNumber;
  feesBps?: number;
  slippageBps?: number;
  fieldNames?: DateFieldNames;
}

/**
 * What plan simulate and plan sweep share (called inside a snapshot): the plan evaluated on the
 * stored book bought at the close of `from`, the engine's data and options, and the runs of BTC
 * buy-and-hold and of holding the book over the same days.
 */
export async function replayStoredBook(context: ReadContext, query: PlanSimulateQuery) {
  const names = query.fieldNames ?? { ...DEFAULT_DATE_FIELDS, at: DEFAULT_DATE_FIELDS.to };
  const costs = resolveCosts({ feesBps: query.feesBps, slippageBps: query.slippageBps });
  const stored = await evaluateStoredPlan(context, { name: query.name, entryAt: query.from, fieldNames: names, ...(query.to !== undefined ? { at: query.to } : {}) });
  const { view, day, positions } = stored;
  if (positions.length === 0) throw new NoDataError(`no stored holding has a close at or within 7 days before ${isoDateOf(query.from)} to enter at`);
  const data = new BacktestData({ panel: view.panel });
  if (query.from < data.firstDay) throw new InvalidInputError(`${names.from} ${isoDateOf(query.from)} is before the stored prices (${isoDateOf(data.firstDay)} …)`);
  const options = { from: query.from, to: day, costs };
  const btc = runBacktest(data, HOLD, { asset: 'BTC' }, options);
  const hold = runBacktest(data, planStrategy('hold-book', positions, []), {}, options);
  const header = {
    simulated: view.simulated,
    data: dataNotice(view.lastDay, context.today(), view.simulated),
    plan: stored.plan.name,
    from: isoDateOf(query.from),
    to: isoDateOf(day),
    costs: { feesBps: costs.feesBps, slippageBps: costs.slippageBps },
  };
  return { stored, data, options, btc, hold, header };
}

export async function planSimulate(context: ReadContext, query: PlanSimulateQuery): Promise<PlanSimulateResult> {
  return inSnapshot(context, async () => {
    const { stored, data, options, btc, hold: holdRun, header } = await replayStoredBook(context, query);
    const { plan, day, positions, evaluation } = stored;
    const planRun = runBacktest(data, planStrategy(plan.name, positions, evaluation.firings), {}, options);
    const entryValue = positions.reduce((s, p) => s.plus(p.cost ?? 0), positions[0]!.quantity.times(0));
    const last = (run: typeof planRun) => run.equity[run.equity.length - 1]!;
    const planValue = entryValue.times(last(planRun));
    const holdValue = entryValue.times(last(holdRun));
    return {
      schema: PLAN_SIMULATE_SCHEMA,
      ...header,
      entryValueUsd: entryValue.toFixed(2),
      planValueUsd: planValue.toFixed(2),
      holdValueUsd: holdValue.toFixed(2),
      differenceUsd: planValue.minus(holdValue).toFixed(2),
      metrics: { plan: metricsOut(computeMetrics(planRun, btc)), hold: metricsOut(computeMetrics(holdRun, btc)), btc: metricsOut(computeMetrics(btc, btc)) },
      firings: firingRows(evaluation.firings, stored.symbolOf, day),
      skipped: stored.skipped.concat(evaluation.skipped.map((s) => ({ ruleId: s.ruleId, id: s.assetId, reason: s.reason }))),
      series: [...stored.series, `backtest engine: fees ${header.costs.feesBps} bps, slippage ${header.costs.slippageBps} bps of turnover`],
    };
  });
}

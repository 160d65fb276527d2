/**
 * `altseason plan sweep NAME --from DATE [--to DATE] [--gain-scales …] [--sell-scales …]` /
 * `planSweep()`: variants of a stored plan's ladder (analytics/portfolio/ladder-variants.ts: price
 * targets × g, shares sold × s) replayed as plan simulate replays the plan — the stored book bought
 * at the close of --from, each variant's firings (point in time, on the same series) as the
 * strategy, the backtest engine charging fees and slippage — through the backtest sweep
 * (runSweep), and judged as every backtest sweep is (sweepHonesty: DSR over the variants tried,
 * PBO by CSCV, the effective number of trials; verdictOf). Nothing here recomputes a statistic.
 */
import { InvalidInputError } from '../domain/errors.ts';
import { seriesHonesty, sweepHonesty, verdictOf } from '../analytics/backtest/backtest-honesty.ts';
import { DAYS_PER_YEAR } from '../analytics/backtest/backtest-metrics.ts';
import { runBacktest } from '../analytics/backtest/run-backtest.ts';
import { runSweep } from '../analytics/backtest/sweep.ts';
import { ladderVariants } from '../analytics/portfolio/ladder-variants.ts';
import { planStrategy } from '../analytics/portfolio/plan-strategy.ts';
import { evaluatePlan } from '../analytics/portfolio/profit-plan.ts';
import { sharpeEstimate } from '../analytics/stats/sharpe-statistics.ts';
import type { PlanSweepResult } from './contracts/plan-sweep.ts';
import { PLAN_SWEEP_SCHEMA } from './contracts/portfolio-names.ts';
import { replayStoredBook, type PlanSimulateQuery } from './portfolio-plan-simulate.ts';
import { BTC_ID } from './portfolio-show.ts';
import { inSnapshot, type ReadContext } from './read-context.ts';
import { roundOrNull } from './round.ts';

export const DEFAULT_GAIN_SCALES: readonly number[] = [0.5, 0.75, 1, 1.5, 2];
export const DEFAULT_SELL_SCALES: readonly number[] = [0.5, 1, 2];

export interface PlanSweepQuery extends PlanSimulateQuery {
  gainScales?: readonly number[];
  sellScales?: readonly number[];
}

const annual = (perPeriod: number) => (Number.isFinite(perPeriod) ? perPeriod * Math.sqrt(DAYS_PER_YEAR) : null);

export async function planSweep(context: ReadContext, query: PlanSweepQuery): Promise<PlanSweepResult> {
  const gainScales = query.gainScales ?? DEFAULT_GAIN_SCALES;
  const sellScales = query.sellScales ?? DEFAULT_SELL_SCALES;
  if (gainScales.length * sellScales.length < 2) throw new InvalidInputError('a sweep needs at least 2 variants (give more than one gain or sell scale)');
  return inSnapshot(context, async () => {
    const { stored, data, options, btc, hold, header } = await replayStoredBook(context, query);
    const { plan, day, positions, planSeries } = stored;
    const variants = ladderVariants(plan, gainScales, sellScales);
    const firings = variants.map((v) => evaluatePlan(v.plan, positions, planSeries, day, { btcId: BTC_ID }).firings);
    const run = (i: number) => runBacktest(data, planStrategy(variants[i]!.plan.name, positions, firings[i]!), {}, options);
    const summary = runSweep({ length: day - query.from, evaluate: (i, out) => out.set(run(i).returns) }, variants.length);
    const bestReturns = summary.best >= 0 ? run(summary.best).returns : new Float64Array(0);
    const honesty = sweepHonesty(summary, bestReturns);
    const verdict = verdictOf(seriesHonesty(bestReturns, btc.returns, { replicates: 1000 }), honesty, `The best ladder variant of ${plan.name}`);
    const holdSharpe = sharpeEstimate(hold.returns);
    return {
      schema: PLAN_SWEEP_SCHEMA,
      ...header,
      days: summary.sharpe.length === 0 ? 0 : day - query.from,
      variants: variants.map((v, i) => ({
        gainScale: v.gainScale,
        sellScale: v.sellScale,
        sharpe: roundOrNull(annual(summary.sharpe[i]!), 4),
        totalReturn: roundOrNull(summary.totalReturn[i]!, 6),
        maxDrawdown: roundOrNull(summary.maxDrawdown[i]!, 6),
        firings: firings[i]!.length,
      })),
      best: summary.best >= 0 ? summary.best : null,
      hold: { sharpe: roundOrNull(holdSharpe ? annual(holdSharpe.sharpe) : null, 4), totalReturn: roundOrNull(hold.equity[hold.equity.length - 1]! - 1, 6) },
      honesty: {
        trials: honesty.trials,
        effectiveTrials: honesty.effectiveTrials?.value ?? null,
        expectedMaxSharpe: roundOrNull(honesty.deflated ? annual(honesty.deflated.expectedMaxSharpe) : null, 4),
        deflatedSharpe: roundOrNull(honesty.deflated?.deflatedSharpe ?? null, 6),
        pbo: roundOrNull(honesty.pbo?.pbo ?? null, 6),
        pboSplits: honesty.pbo?.splits ?? null,
        pboNote: honesty.pboNote,
        verdict: verdict.lines[0]!,
      },
    };
  });
}

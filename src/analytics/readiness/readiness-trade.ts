/**
 * A trade on the readiness score through the backtest engine (analytics/backtest/run-backtest.ts):
 * hold the equal-weight top-N alt basket while the score on the decision day is ≥ X, else BTC.
 * The score series must be point in time (a day's score uses data up to that day only — the
 * readiness components and the walk-forward weights are); the strategy reads only the decision
 * day's value. Every threshold and weight set tried is one trial of the sweep, and the deflated
 * Sharpe ratio of the best one's daily excess return over BTC is computed over all of them
 * (analytics/stats/sharpe-statistics.ts).
 */
import type { DayNumber } from '../../domain/dates.ts';
import { BTC_ID, type BacktestData } from '../backtest/backtest-data.ts';
import { DEFAULT_ALT_BASKET } from '../backtest/builtin-strategies.ts';
import { computeMetrics, type BacktestMetrics } from '../backtest/backtest-metrics.ts';
import type { CostOptions } from '../backtest/costs.ts';
import { runBacktest, type BacktestRun } from '../backtest/run-backtest.ts';
import type { StrategyDefinition } from '../backtest/strategy.ts';
import { deflatedSharpeOfSweep, type SweepDeflatedSharpe } from '../stats/sharpe-statistics.ts';
import { valueOn, type DailyValues } from '../signals/daily-values.ts';

export const DEFAULT_TRADE_THRESHOLDS: readonly number[] = [40, 50, 60, 65, 70, 80];

export interface ScoreSet {
  /** e.g. 'default', 'fitted'. */
  name: string;
  /** The score on 0–100 (NaN = none: BTC is held). */
  score: DailyValues;
}

export interface TradeTrial {
  weightSet: string;
  threshold: number;
  metrics: BacktestMetrics;
  run: BacktestRun;
  /** Share of the decision days on which the alt basket was held (score ≥ threshold). */
  altShare: number;
}

export interface ReadinessTrade {
  trials: TradeTrial[];
  btc: BacktestRun;
  /** The deflated Sharpe ratio of the best trial's excess return over BTC, over all trials (null with fewer than 2 defined). */
  deflated: SweepDeflatedSharpe | null;
  best: TradeTrial | null;
  top: number;
}

export function readinessStrategy(score: DailyValues, threshold: number, top = DEFAULT_ALT_BASKET): StrategyDefinition {
  return {
    id: 'readiness-threshold',
    description: `Hold the equal-weight top-${top} alt basket while the readiness score is ≥ ${threshold}, else BTC.`,
    parameters: [],
    warmupDays: () => 0,
    decide(view) {
      const s = valueOn(score, view.day);
      return Number.isFinite(s) && s >= threshold ? view.altBasket(top) : { [BTC_ID]: 1 };
    },
  };
}

export function readinessTrade(data: BacktestData, sets: readonly ScoreSet[], from: DayNumber, to: DayNumber, options: { thresholds?: readonly number[]; costs?: Partial<CostOptions>; top?: number } = {}): ReadinessTrade {
  const thresholds = options.thresholds ?? DEFAULT_TRADE_THRESHOLDS;
  const top = options.top ?? DEFAULT_ALT_BASKET;
  const costs = options.costs ?? {};
  const btcStrategy: StrategyDefinition = { id: 'btc', description: 'Hold BTC.', parameters: [], warmupDays: () => 0, decide: () => ({ [BTC_ID]: 1 }) };
  const btc = runBacktest(data, btcStrategy, {}, { from, to, costs });
  const trials: TradeTrial[] = [];
  for (const set of sets) {
    for (const threshold of thresholds) {
      const run = runBacktest(data, readinessStrategy(set.score, threshold, top), {}, { from, to, costs });
      let on = 0;
      for (let d = from; d < to; d++) if (valueOn(set.score, d) >= threshold) on++;
      trials.push({ weightSet: set.name, threshold, run, metrics: computeMetrics(run, btc), altShare: on / Math.max(1, to - from) });
    }
  }
  // The question is whether trading on the score beats holding BTC: the trials' daily excess returns over BTC.
  const deflated = deflatedSharpeOfSweep(trials.map((t) => t.run.returns.map((r, i) => r - btc.returns[i]!)));
  return { trials, btc, deflated, best: deflated ? trials[deflated.selected]! : null, top };
}

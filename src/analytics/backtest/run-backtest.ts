/**
 * The backtest engine. Timing: at the close of day t the strategy sees the data up to t (a
 * PointInTimeView) and returns target weights; the trade fills at the close of t (the price the
 * rule has just seen; slippage models the gap to a real fill) and the weights are held to the
 * close of t+1. Day t+1's return is
 *   r(t+1) = (1 − c·τ(t)) · (1 + Σᵢ wᵢ(t)·rᵢ(t+1) − funding) − 1,
 * τ(t) = Σᵢ |target wᵢ(t) − drifted wᵢ(t)| the turnover, c = (fees + slippage) / 10⁴. Asset returns
 * use as-of closes (at most `stalenessDays` old, so a weekly-only coin moves on snapshot days). A
 * held coin with no price within the staleness limit has stopped trading: it is sold at its last
 * price (return 0, its weight goes to cash and the sale pays fees) or, with the 'zero' rule,
 * marked to zero. Equity starts at 1 at the close of `from`; the last decision is at `to − 1`.
 */
import { isoDateOf, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError, NoDataError } from '../../domain/errors.ts';
import type { BacktestData } from './backtest-data.ts';
import { costPerTurnover, resolveCosts, type CostOptions } from './costs.ts';
import { PointInTimeView } from './point-in-time-view.ts';
import type { StrategyDefinition, StrategyParameters, Weights } from './strategy.ts';

/** Parameters from a day on (walk-forward changes them at each fold). */
export interface ScheduledParameters {
  fromDay: DayNumber;
  parameters: StrategyParameters;
}

export interface BacktestOptions {
  from: DayNumber;
  to: DayNumber;
  costs?: Partial<CostOptions>;
  /** Keep each decision day's target weights (ids → weight). */
  recordPositions?: boolean;
}

export interface BacktestRun {
  strategyId: string;
  from: DayNumber;
  to: DayNumber;
  costs: CostOptions;
  /** from..to (T + 1 days). */
  days: Int32Array;
  /** Mark-to-market equity at each close of `days`, before that day's trade; 1 at `from`. */
  equity: Float64Array;
  /** Return of each day from+1..to, costs included (T values). */
  returns: Float64Array;
  /** The same before costs and funding: Σᵢ wᵢ·rᵢ. */
  grossReturns: Float64Array;
  /** Per decision day from..to−1: turnover Σ|Δw|, cost charged (fraction of equity), gross weight after the trade, gross weight before it (drifted). */
  turnover: Float64Array;
  costsPaid: Float64Array;
  exposure: Float64Array;
  driftedExposure: Float64Array;
  /** Funding paid each day from+1..to (fraction of equity). */
  funding: Float64Array;
  /** Per decision day, when recordPositions: the target weights by asset id. */
  positions: Weights[] | null;
  /** Coins sold at their last price or marked to zero because they stopped trading. */
  delistings: { date: string; asset: string; weight: number; rule: string }[];
}

const GROSS_TOLERANCE = 1e-9;

export function runBacktest(data: BacktestData, strategy: StrategyDefinition, schedule: StrategyParameters | readonly ScheduledParameters[], options: BacktestOptions): BacktestRun {
  const costs = resolveCosts(options.costs);
  const rate = costPerTurnover(costs);
  const { from, to } = options;
  if (to <= from) throw new InvalidInputError(`backtest: the range ${isoDateOf(from)} … ${isoDateOf(to)} needs at least two days`);
  const fromIndex = data.indexOf(from);
  const toIndex = data.indexOf(to);
  if (fromIndex < 0 || toIndex >= data.length) {
    throw new NoDataError(`backtest: ${isoDateOf(from)} … ${isoDateOf(to)} is outside the stored prices (${isoDateOf(data.firstDay)} … ${isoDateOf(data.lastDay)})`);
  }
  const steps: readonly ScheduledParameters[] = Array.isArray(schedule) ? schedule : [{ fromDay: from, parameters: schedule as StrategyParameters }];
  const T = toIndex - fromIndex;
  const run: BacktestRun = {
    strategyId: strategy.id,
    from,
    to,
    costs,
    days: Int32Array.from({ length: T + 1 }, (_, k) => from + k),
    equity: new Float64Array(T + 1),
    returns: new Float64Array(T),
    grossReturns: new Float64Array(T),
    turnover: new Float64Array(T),
    costsPaid: new Float64Array(T),
    exposure: new Float64Array(T),
    driftedExposure: new Float64Array(T),
    funding: new Float64Array(T),
    positions: options.recordPositions ? [] : null,
    delistings: [],
  };
  const assets = data.panel.assets;
  const funding = costs.funding ? data.fundingDaily() : null;
  let held = new Map<number, number>();
  const mark = new Map<number, number>();
  let equity = 1;
  let step = 0;
  let lastCost = 0;
  run.equity[0] = 1;

  for (let i = fromIndex; i <= toIndex; i++) {
    const k = i - fromIndex;
    const dead = new Set<number>();
    if (i > fromIndex) {
      // Day i's return on the weights held since the close of i − 1.
      let gross = 0;
      let weightSum = 0;
      const r = new Map<number, number>();
      for (const [a, w] of held) {
        const p = data.price(a, i);
        let ra: number;
        if (Number.isFinite(p)) ra = p / mark.get(a)! - 1;
        else {
          ra = costs.delisting === 'zero' ? -1 : 0;
          dead.add(a);
          run.delistings.push({ date: data.isoAt(i), asset: assets[a]!.id, weight: w, rule: costs.delisting === 'zero' ? 'marked to zero' : 'sold at its last price' });
        }
        r.set(a, ra);
        gross += w * ra;
        weightSum += w;
      }
      let fundingPaid = 0;
      if (weightSum > 1 + GROSS_TOLERANCE && costs.funding) {
        const f = funding?.[i];
        if (f === undefined || !Number.isFinite(f)) throw new NoDataError(`backtest: leveraged exposure on ${data.isoAt(i)} needs the day's BTC funding rate, and none is stored for that day (${fundingSpan(data, funding)}); start later with --from or import btc_perp_funding_8h.csv`);
        fundingPaid = (weightSum - 1) * f;
      }
      const dayReturn = (1 - lastCost) * (1 + gross - fundingPaid) - 1;
      run.grossReturns[k - 1] = gross;
      run.funding[k - 1] = fundingPaid;
      run.returns[k - 1] = dayReturn;
      equity *= 1 + dayReturn;
      run.equity[k] = equity;
      const drifted = new Map<number, number>();
      const growth = 1 + gross - fundingPaid;
      if (growth > 0) {
        for (const [a, w] of held) {
          const value = (w * (1 + r.get(a)!)) / growth;
          if (value > 0) drifted.set(a, value);
        }
        for (const a of dead) if (costs.delisting === 'zero') drifted.delete(a);
      }
      held = drifted;
    }
    if (i === toIndex) break;

    // The decision at the close of day i.
    while (step + 1 < steps.length && steps[step + 1]!.fromDay <= data.dayAt(i)) step++;
    const view = new PointInTimeView(data, i, k, weightsById(data, held));
    const answer = strategy.decide(view, steps[step]!.parameters);
    let target: Map<number, number>;
    if (answer === null) {
      target = new Map(held);
      for (const a of dead) target.delete(a);
    } else target = targetOf(data, strategy.id, answer, i, costs.maxGross);
    let turnover = 0;
    let driftedGross = 0;
    for (const [a, w] of held) {
      turnover += Math.abs((target.get(a) ?? 0) - w);
      driftedGross += w;
    }
    let targetGross = 0;
    for (const [a, w] of target) {
      if (!held.has(a)) turnover += w;
      targetGross += w;
    }
    lastCost = turnover * rate;
    run.turnover[k] = turnover;
    run.costsPaid[k] = lastCost;
    run.exposure[k] = targetGross;
    run.driftedExposure[k] = driftedGross;
    run.positions?.push(weightsById(data, target));
    held = target;
    mark.clear();
    for (const a of held.keys()) mark.set(a, data.price(a, i));
  }
  return run;
}

/** "the stored funding covers 2019-09-10 … 2025-07-28" or "no funding is stored". */
function fundingSpan(data: BacktestData, funding: Float64Array | null): string {
  if (!funding) return 'no funding is stored';
  const first = funding.findIndex(Number.isFinite);
  const last = funding.findLastIndex(Number.isFinite);
  return first < 0 ? 'no funding is stored' : `the stored funding covers ${data.isoAt(first)} … ${data.isoAt(last)}`;
}

function weightsById(data: BacktestData, weights: ReadonlyMap<number, number>): Weights {
  const out: Record<string, number> = {};
  for (const [a, w] of weights) out[data.panel.assets[a]!.id] = w;
  return out;
}

/** The strategy's answer as asset indices, checked: known assets priced that day, long-only, within the gross limit. */
function targetOf(data: BacktestData, strategyId: string, answer: Weights, index: number, maxGross: number): Map<number, number> {
  const where = `${strategyId} on ${data.isoAt(index)}`;
  const target = new Map<number, number>();
  let gross = 0;
  for (const [key, w] of Object.entries(answer)) {
    if (key.toLowerCase() === 'cash' || key.toLowerCase() === 'usd') continue;
    if (typeof w !== 'number' || !Number.isFinite(w)) throw new InvalidInputError(`${where}: weight of ${JSON.stringify(key)} must be a finite number, got ${JSON.stringify(w)}`);
    if (w < 0) throw new InvalidInputError(`${where}: weight of ${key} is ${w}; backtests are long-only`);
    if (w === 0) continue;
    const a = data.assetIndex(key, where);
    if (!Number.isFinite(data.price(a, index))) throw new InvalidInputError(`${where}: ${key} has no price within ${data.stalenessDays} days, so it cannot be bought`);
    target.set(a, (target.get(a) ?? 0) + w);
    gross += w;
  }
  if (gross > maxGross + GROSS_TOLERANCE) throw new InvalidInputError(`${where}: weights add up to ${gross.toFixed(4)}, above the gross limit ${maxGross}`);
  return target;
}

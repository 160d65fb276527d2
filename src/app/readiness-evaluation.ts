/**
 * `altseason readiness --evaluate`: how well the readiness score has predicted altcoin seasons
 * (analytics/readiness/evaluate-readiness.ts), out of sample where weights are fitted, and a trade
 * on it through the backtest engine with the deflated Sharpe ratio over every threshold and
 * weight set tried (analytics/readiness/readiness-trade.ts). The inputs are read up to `to` and
 * the targets use the days after each scored day only up to `to`. Result: altseason.readiness-evaluation/v1.
 */
import { isoDateOf, parseDay, type DayNumber } from '../domain/dates.ts';
import { NoDataError } from '../domain/errors.ts';
import { BacktestData } from '../analytics/backtest/backtest-data.ts';
import { DEFAULT_WEIGHTS } from '../analytics/readiness/default-weights.ts';
import { evaluateReadiness } from '../analytics/readiness/evaluate-readiness.ts';
import { compositeSeries } from '../analytics/readiness/readiness-composite.ts';
import { readinessTrade, type ReadinessTrade, type TradeTrial } from '../analytics/readiness/readiness-trade.ts';
import { readinessVerdict } from '../analytics/readiness/readiness-verdict.ts';
import type { WeightSet } from '../analytics/readiness/readiness-weights.ts';
import type { BootstrapInterval } from '../analytics/stats/block-bootstrap.ts';
import type { ReadinessEvaluationResult } from './contracts/readiness.ts';
import { READINESS_EVALUATION_SCHEMA } from './contracts/readiness-names.ts';
import { dataNotice } from './data-notice.ts';
import { inSnapshot, type ReadContext } from './read-context.ts';
import { loadReadinessInputs } from './readiness.ts';
import { roundOrNull } from './round.ts';
import { storedCryptoSpan } from './stored-span.ts';

export interface ReadinessEvaluationQuery {
  from?: DayNumber;
  to?: DayNumber;
  weights?: WeightSet;
  weightsSource?: string;
  replicates?: number;
  seed?: number;
  /** Run the trade through the backtester (default true). */
  trade?: boolean;
}

const iso = (day: number) => isoDateOf(day as DayNumber);
/** Before 2018 the stored alts are snapshots of coins picked by their later size (survivorship, ../shared/data/README.md): the trade starts after. */
const TRADE_START = parseDay('2018-01-01');

function interval(i: BootstrapInterval | null) {
  return i === null ? null : { lower: roundOrNull(i.lower, 4)!, upper: roundOrNull(i.upper, 4)!, confidence: i.confidence, blockLength: i.blockLength, replicates: i.replicates };
}

function trialRow(t: TradeTrial) {
  return {
    weightSet: t.weightSet,
    threshold: t.threshold,
    totalReturn: roundOrNull(t.metrics.totalReturn.value, 4),
    annualisedReturn: roundOrNull(t.metrics.annualisedReturn.value, 4),
    sharpe: roundOrNull(t.metrics.sharpe.value, 3),
    maxDrawdown: roundOrNull(t.metrics.maxDrawdown.value, 4),
    excessReturnVsBtc: roundOrNull(t.metrics.excessReturnVsBtc.value, 4),
    altShare: roundOrNull(t.altShare, 4),
    trades: t.metrics.trades.value,
  };
}

function tradeVerdict(trade: ReadinessTrade): string {
  const d = trade.deflated;
  if (!d || !trade.best) return 'No verdict: fewer than two trials had a defined Sharpe ratio.';
  const dsr = d.effective?.deflatedSharpe ?? d.raw?.deflatedSharpe ?? null;
  const best = `${trade.best.weightSet} weights, score ≥ ${trade.best.threshold}`;
  if (dsr !== null && dsr >= 0.95) return `The best trial (${best}) beats holding BTC with a deflated Sharpe ratio (of its excess return) of ${dsr.toFixed(3)} over ${trade.trials.length} trials: significant at 5 % after the search, in this history (no guarantee out of it).`;
  return `Not significant: the best of ${trade.trials.length} trials (${best}) has a deflated Sharpe ratio of its excess return over BTC of ${dsr === null ? '—' : dsr.toFixed(3)} (below 0.95), within what the search alone would produce.`;
}

export async function readinessEvaluation(context: ReadContext, query: ReadinessEvaluationQuery = {}): Promise<ReadinessEvaluationResult> {
  return inSnapshot(context, async () => {
    const span = await storedCryptoSpan(context.store);
    const to = Math.min(query.to ?? span.last, span.last) as DayNumber;
    const inputs = await loadReadinessInputs(context, to);
    const weights = query.weights ?? DEFAULT_WEIGHTS;
    const composite = compositeSeries(inputs.present, inputs.absent, weights, inputs.targets.firstDay, to);
    const firstScored = composite.values.findIndex(Number.isFinite);
    if (firstScored < 0) throw new NoDataError(`readiness --evaluate: the score is undefined on every day up to ${iso(to)} (too little history for the 2-year percentiles)`);
    const from = Math.max(query.from ?? 0, composite.firstDay + firstScored) as DayNumber;
    const evaluation = evaluateReadiness(inputs.present, inputs.absent, weights, inputs.targets, from, to, { fitted: true, replicates: query.replicates ?? 1000, seed: query.seed ?? 1 });
    const simulated = await context.simulated();
    const verdict = readinessVerdict(evaluation, simulated);
    let trade: ReadinessEvaluationResult['trade'] = null;
    const notes = [...inputs.notes];
    if (query.trade !== false) {
      const panel = await context.panel({ to });
      const data = new BacktestData({ panel });
      const schedule = evaluation.fittedSchedule!;
      const fitted = compositeSeries(inputs.present, [], (day) => schedule.weightsOn(day) ?? {}, from, to);
      const tradeFrom = Math.max(from, data.firstDay, TRADE_START) as DayNumber;
      const tradeTo = Math.min(to, data.lastDay) as DayNumber;
      const result = readinessTrade(data, [{ name: query.weights ? 'given' : 'default', score: composite }, { name: 'fitted', score: fitted }], tradeFrom, tradeTo);
      const d = result.deflated;
      trade = {
        description: `Hold the equal-weight top-${result.top} alt basket while the score is ≥ X, else BTC; decisions at the close, 10 bps fees on turnover; X and the weight set swept. From 2018 on (earlier alt baskets are survivors picked by later size). The deflated Sharpe is of the daily return over BTC's.`,
        from: iso(tradeFrom),
        to: iso(tradeTo),
        trials: result.trials.map(trialRow),
        btcTotalReturn: roundOrNull(result.btc.equity[result.btc.equity.length - 1]! - 1, 4),
        best: result.best ? trialRow(result.best) : null,
        trialsTried: result.trials.length,
        effectiveTrials: d ? roundOrNull(d.effectiveTrials.effective, 2) : null,
        deflatedSharpe: roundOrNull(d?.raw?.deflatedSharpe ?? null, 4),
        deflatedSharpeEffective: roundOrNull(d?.effective?.deflatedSharpe ?? null, 4),
        probabilisticSharpe: roundOrNull(d?.probabilisticSharpe ?? null, 4),
        verdict: tradeVerdict(result),
      };
    }
    if (inputs.absent.length) notes.push(`Not in the score (no data): ${inputs.absent.map((c) => c.label).join(', ')}.`);
    return {
      schema: READINESS_EVALUATION_SCHEMA,
      simulated,
      data: dataNotice(span.last, context.today(), simulated),
      from: iso(from),
      to: iso(to),
      weightsSource: query.weightsSource ?? 'default',
      weights: { ...weights },
      signalThreshold: evaluation.threshold * 100,
      alpha: evaluation.alpha,
      bootstrap: { method: 'stationary', blockLength: evaluation.bootstrap.blockLength, replicates: evaluation.bootstrap.replicates, seed: evaluation.bootstrap.seed },
      seasonStarts: evaluation.seasonStarts.map(iso),
      verdict: { headline: verdict.headline, skill: evaluation.skillful, findings: verdict.findings, caveats: verdict.caveats },
      skillTests: evaluation.skill.map((s) => ({ predictor: s.predictor, horizonDays: s.horizon, aucDifference: roundOrNull(s.test.difference, 4), interval: interval(s.test.interval), pValue: roundOrNull(s.test.pValue, 4), adjustedPValue: roundOrNull(s.adjustedPValue, 4) })),
      predictors: evaluation.predictors.map((p) => ({
        id: p.id,
        label: p.label,
        kind: p.kind,
        horizons: p.horizons.map((h) => ({
          horizonDays: h.horizon,
          n: h.n,
          positives: h.positives,
          auc: roundOrNull(h.auc.auc, 4),
          aucInterval: interval(h.auc.interval),
          aucPValue: roundOrNull(h.auc.pValue, 4),
          brier: roundOrNull(h.brier, 4),
          brierBaseRate: roundOrNull(h.brierBaseRate, 4),
          brierDays: h.brierDays,
          seasons: h.signal.seasons,
          hits: h.signal.hits,
          hitRate: roundOrNull(h.signal.hitRate, 4),
          medianLeadDays: h.signal.medianLeadDays,
          leadDays: h.signal.leadDays,
          falseAlarms: h.signal.falseAlarms,
          falseAlarmsPerYear: roundOrNull(h.signal.falseAlarmsPerYear, 3),
          falsePositiveRate: roundOrNull(h.signal.falsePositiveRate, 4),
          onShare: roundOrNull(h.signal.onShare, 4),
          calibration: h.calibration.map((b) => ({ from: roundOrNull(b.from, 2)!, to: roundOrNull(b.to, 2)!, n: b.n, meanPredicted: roundOrNull(b.meanPredicted, 4), observedRate: roundOrNull(b.observedRate, 4) })),
        })),
        returns: p.returns.map((r) => ({ horizonDays: r.horizon, n: r.n, correlation: roundOrNull(r.correlation, 4), interval: interval(r.interval), meanWhenOn: roundOrNull(r.meanWhenOn, 5), meanWhenOff: roundOrNull(r.meanWhenOff, 5) })),
      })),
      fittedWeights: evaluation.fittedWeights
        ? evaluation.fittedWeights.map((f) => ({ date: iso(f.day), trainedThrough: f.trainedThrough === null ? null : iso(f.trainedThrough), trainDays: f.trainDays, positives: f.positives, weights: f.weights ? Object.fromEntries(Object.entries(f.weights).map(([k, v]) => [k, roundOrNull(v, 4)!])) : null }))
        : null,
      trade,
      notes,
    };
  });
}

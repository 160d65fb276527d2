/**
 * The readiness evaluation on simulated markets (sim/readiness-market.ts; 12 years, seasons every
 * ~250 days on average, an ASI that climbs into each one, the other inputs unrelated noise):
 * - no planted link: how often the evaluation's headline is "No predictive skill" (target ≥ 95 %);
 * - a planted leading component (Fear & Greed rising 45 days before each season start by 1.5 SD):
 *   the share of the fitted weight it is given (vs the same share in the null markets), how often
 *   it predicts alone (AUC > 0.5 at α = 0.05, 90-day target, block bootstrap) and how often the
 *   headline finds skill.
 * Timing: an evaluation per market against simulating it (measured in the same run).
 * Quoted in docs/readiness.md. Run: npm run bench -- readiness-skill
 */
import { DEFAULT_WEIGHTS } from '../src/analytics/readiness/default-weights.ts';
import { evaluateReadiness } from '../src/analytics/readiness/evaluate-readiness.ts';
import { aucWithInterval } from '../src/analytics/readiness/forecast-metrics.ts';
import { extractComponents } from '../src/analytics/readiness/readiness-components.ts';
import { seasonLabels } from '../src/analytics/readiness/readiness-targets.ts';
import { NO_SKILL, readinessVerdict } from '../src/analytics/readiness/readiness-verdict.ts';
import { wilsonInterval } from '../src/analytics/stats/hit-rate.ts';
import { simulateReadinessMarket } from '../src/sim/readiness-market.ts';

const NULL_SEEDS = 40;
const PLANTED_SEEDS = 20;
const LEAD = 45;
const MARKET = { days: 4380, meanGapDays: 250 };
const REPLICATES = 500;
/** Scored from here on (the 2-year percentiles need their window first). */
const WARMUP_DAYS = 900;

function rate(count: number, total: number): string {
  const [low, high] = wilsonInterval(count, total)!;
  return `${count}/${total} = ${((100 * count) / total).toFixed(1)} % (95 % CI ${(100 * low).toFixed(1)}–${(100 * high).toFixed(1)} %)`;
}

interface Outcome {
  noSkill: boolean;
  plantedShare: number | null;
  plantedPredicts: boolean;
  seasons: number;
  simulateMs: number;
  evaluateMs: number;
}

function one(seed: number, lead: number): Outcome {
  const t0 = performance.now();
  const market = simulateReadinessMarket({ seed, plantedLead: lead, ...MARKET });
  const { altOverBtc: _returns, ...targets } = market.targets;
  const t1 = performance.now();
  const { present, absent } = extractComponents(market.sources);
  const from = market.firstDay + WARMUP_DAYS;
  const evaluation = evaluateReadiness(present, absent, DEFAULT_WEIGHTS, targets, from, market.lastDay, { fitted: true, components: false, replicates: REPLICATES, seed });
  const verdict = readinessVerdict(evaluation);
  const fear = present.find((c) => c.definition.id === 'fear-greed')!;
  const labels = seasonLabels(targets, from, market.lastDay, 90);
  const scores = Float64Array.from(labels, (_, i) => fear.score.values[from + i - fear.score.firstDay]!);
  const alone = aucWithInterval(scores, labels, { blockLength: 180, replicates: REPLICATES, seed });
  const fits = evaluation.fittedWeights!.filter((f) => f.weights);
  const shares = fits.map((f) => f.weights!['fear-greed']! / Object.values(f.weights!).reduce((a, b) => a + b, 0));
  const t2 = performance.now();
  return {
    noSkill: verdict.headline.startsWith(NO_SKILL),
    plantedShare: shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : null,
    plantedPredicts: alone.pValue !== null && alone.pValue < 0.05,
    seasons: evaluation.seasonStarts.length,
    simulateMs: t1 - t0,
    evaluateMs: t2 - t1,
  };
}

function summary(outcomes: Outcome[]) {
  const shares = outcomes.map((o) => o.plantedShare).filter((s): s is number => s !== null);
  return {
    noSkill: outcomes.filter((o) => o.noSkill).length,
    predicts: outcomes.filter((o) => o.plantedPredicts).length,
    meanShare: shares.reduce((a, b) => a + b, 0) / Math.max(1, shares.length),
    seasons: outcomes.reduce((a, o) => a + o.seasons, 0) / outcomes.length,
  };
}

export default async function readinessSkill(): Promise<string[]> {
  const lines = [`simulated markets: ${MARKET.days} days, a season every ~${MARKET.meanGapDays} days, scored after ${WARMUP_DAYS} days, ${REPLICATES} bootstrap replicates, 180-day blocks, α = 0.05 (Holm over 2 weight sets × 3 horizons)`];
  const nulls = Array.from({ length: NULL_SEEDS }, (_, i) => one(1 + i, 0));
  const planted = Array.from({ length: PLANTED_SEEDS }, (_, i) => one(1001 + i, LEAD));
  const n = summary(nulls);
  const p = summary(planted);
  lines.push(`no planted link: headline "${NO_SKILL}" in ${rate(n.noSkill, NULL_SEEDS)}; Fear & Greed alone "predicts" (false positive) in ${rate(n.predicts, NULL_SEEDS)}; its mean fitted weight share ${(100 * n.meanShare).toFixed(1)} %; ${n.seasons.toFixed(1)} seasons per market`);
  lines.push(`planted lead ${LEAD} d: Fear & Greed's mean fitted weight share ${(100 * p.meanShare).toFixed(1)} % (${(p.meanShare / Math.max(1e-9, n.meanShare)).toFixed(1)}× the null's); it predicts alone in ${rate(p.predicts, PLANTED_SEEDS)}; the headline finds skill in ${rate(PLANTED_SEEDS - p.noSkill, PLANTED_SEEDS)}`);
  const all = [...nulls, ...planted];
  const sim = all.reduce((a, o) => a + o.simulateMs, 0) / all.length;
  const evaluate = all.reduce((a, o) => a + o.evaluateMs, 0) / all.length;
  lines.push(`time per market: evaluation ${evaluate.toFixed(0)} ms, ${(evaluate / sim).toFixed(0)}× simulating it (${sim.toFixed(1)} ms)`);
  return lines;
}

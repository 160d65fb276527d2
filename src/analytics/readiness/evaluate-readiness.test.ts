import { describe, expect, it } from 'vitest';
import { simulateReadinessMarket } from '../../sim/readiness-market.ts';
import { DEFAULT_WEIGHTS } from './default-weights.ts';
import { evaluateReadiness, walkForwardProbability, type Predictor } from './evaluate-readiness.ts';
import { extractComponents } from './readiness-components.ts';
import { seasonLabels } from './readiness-targets.ts';
import { NO_SKILL, readinessVerdict } from './readiness-verdict.ts';

describe('evaluateReadiness: the return targets', () => {
  it('the bootstrap resamples the same correlation as the point estimate', () => {
    const market = simulateReadinessMarket({ seed: 5, days: 2000 });
    const { present, absent } = extractComponents(market.sources);
    const e = evaluateReadiness(present, absent, DEFAULT_WEIGHTS, market.targets, market.firstDay + 900, market.lastDay, { components: false, replicates: 50 });
    const composite = e.predictors.find((p) => p.id === 'composite')!;
    expect(composite.returns.map((r) => r.horizon)).toEqual([30, 90]);
    for (const r of composite.returns) {
      expect(r.correlation).not.toBeNull();
      expect(r.interval!.estimate).toBeCloseTo(r.correlation!, 12);
    }
  });
});

describe('evaluateReadiness on a simulated market without a planted link', () => {
  const market = simulateReadinessMarket({ seed: 3, days: 3000, meanGapDays: 250 });
  const { altOverBtc: _ignored, ...targets } = market.targets;
  const { present, absent } = extractComponents(market.sources);
  const from = market.firstDay + 900;
  const evaluation = evaluateReadiness(present, absent, DEFAULT_WEIGHTS, targets, from, market.lastDay, { fitted: true, components: false, replicates: 200 });

  it('finds no skill beyond the baselines and says so, with n', () => {
    expect(evaluation.skillful).toBe(false);
    const verdict = readinessVerdict(evaluation);
    expect(verdict.headline.startsWith(NO_SKILL)).toBe(true);
    expect(verdict.headline).toMatch(/n = \d+ season starts? in \d+ clusters?/);
    expect(readinessVerdict(evaluation, true).headline.startsWith('SIMULATED DATA: ')).toBe(true);
  });

  it('tests both weight sets at every horizon, Holm-adjusted', () => {
    expect(evaluation.skill.map((s) => `${s.predictor}:${s.horizon}`)).toEqual(['composite:30', 'composite:60', 'composite:90', 'composite-fitted:30', 'composite-fitted:60', 'composite-fitted:90']);
    for (const s of evaluation.skill) if (s.test.pValue !== null) expect(s.adjustedPValue!).toBeGreaterThanOrEqual(s.test.pValue);
  });

  it('always-yes: every season flagged, every label-0 day a false positive, AUC undefined-as-0.5', () => {
    const always = evaluation.predictors.find((p) => p.id === 'baseline-always-yes')!;
    for (const h of always.horizons) {
      expect(h.signal.hitRate).toBe(1);
      expect(h.signal.falsePositiveRate).toBe(1);
      expect(h.auc.auc).toBe(0.5);
    }
  });

  it('the out-of-sample probability of a day uses only labels known before it', () => {
    const always = { id: 'x', label: 'x', kind: 'baseline', values: new Float64Array(market.lastDay - from + 1).fill(1), constant: true } satisfies Predictor;
    const labels = seasonLabels(targets, from, market.lastDay, 90);
    const p = walkForwardProbability(always, labels, targets, from, 90);
    // The base rate in force on day i is the positive share of the days labelled by its refit day.
    const i = 1200;
    const refit = from + i - (i % 60);
    let n = 0;
    let pos = 0;
    for (let k = 0; from + k + 90 + targets.confirmDays <= refit; k++) {
      if (!Number.isFinite(labels[k]!)) continue;
      n++;
      pos += labels[k]!;
    }
    expect(p[i]).toBeCloseTo(pos / n, 12);
  });
});

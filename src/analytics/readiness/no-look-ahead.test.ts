/**
 * No look-ahead: perturbing every input after day t (and the seasons after t) leaves every
 * component score, the composite and the fitted weights on t unchanged.
 */
import { describe, expect, it } from 'vitest';
import { simulateReadinessMarket } from '../../sim/readiness-market.ts';
import type { DailyValues } from '../signals/daily-values.ts';
import { DEFAULT_WEIGHTS } from './default-weights.ts';
import { fitWeightsOn } from './fitted-weights.ts';
import { readinessOn } from './readiness-composite.ts';
import { extractComponents, type ReadinessSources } from './readiness-components.ts';
import type { ReadinessTargets } from './readiness-targets.ts';

function perturbAfter(s: DailyValues, t: number, factor: number): DailyValues {
  return { firstDay: s.firstDay, values: s.values.map((v, i) => (s.firstDay + i > t ? v * factor + 3 : v)) };
}

function perturbed(sources: ReadinessSources, t: number): ReadinessSources {
  const rut = sources.rutCloses!;
  return {
    asi: perturbAfter(sources.asi!, t, 1.3),
    btcDominancePct: perturbAfter(sources.btcDominancePct!, t, 0.7),
    total2Usd: perturbAfter(sources.total2Usd!, t, 2),
    btcCapUsd: perturbAfter(sources.btcCapUsd!, t, 0.5),
    ethBtc: perturbAfter(sources.ethBtc!, t, 3),
    rutCloses: { days: rut.days, values: rut.values.map((v, i) => (rut.days[i]! > t ? v * 1.5 : v)) },
    signals: Object.fromEntries(Object.entries(sources.signals!).map(([k, v]) => [k, perturbAfter(v, t, -1)])),
  };
}

describe('readiness: no look-ahead', () => {
  const market = simulateReadinessMarket({ seed: 7, plantedLead: 30 });
  const t = market.firstDay + 2600;
  const a = extractComponents(market.sources);
  const b = extractComponents(perturbed(market.sources, t));

  it('component scores and the composite on t do not change', () => {
    expect(a.present.length).toBeGreaterThan(8);
    for (let k = 0; k < a.present.length; k++) {
      const x = a.present[k]!;
      const y = b.present[k]!;
      for (let d = t - 40; d <= t; d++) {
        expect(y.score.values[d - y.score.firstDay], `${x.definition.id} on ${d}`).toBe(x.score.values[d - x.score.firstDay]);
        expect(y.raw.values[d - y.raw.firstDay]).toBe(x.raw.values[d - x.raw.firstDay]);
      }
    }
    const ra = readinessOn(t, a.present, a.absent, DEFAULT_WEIGHTS);
    const rb = readinessOn(t, b.present, b.absent, DEFAULT_WEIGHTS);
    expect(ra.score).not.toBeNull();
    expect(rb).toEqual(ra);
  });

  it('with fitted weights: the fit on t and the score with it do not change', () => {
    // The future after t rewritten: other seasons, a longer history.
    const targetsB: ReadinessTargets = {
      ...market.targets,
      lastDay: market.targets.lastDay + 100,
      // Seasons that started by t stay (one still running on t ends on t instead); the later ones are replaced.
      seasons: [...market.targets.seasons.filter((s) => s.start <= t).map((s) => ({ start: s.start, end: Math.min(s.end, t) })), { start: t + 5, end: t + 50 }],
      seasonStarts: [...market.targets.seasons.filter((s) => s.start <= t).map((s) => s.start), t + 5],
    };
    const fa = fitWeightsOn(t, a.present, market.targets);
    const fb = fitWeightsOn(t, b.present, targetsB);
    expect(fa.weights).not.toBeNull();
    expect(fb).toEqual(fa);
    expect(readinessOn(t, b.present, b.absent, fb.weights!)).toEqual(readinessOn(t, a.present, a.absent, fa.weights!));
  });

  it('the planted leading component is given weight, and more than without the plant', () => {
    const share = (w: Readonly<Record<string, number>>) => w['fear-greed']! / Object.values(w).reduce((x, y) => x + y, 0);
    const planted = fitWeightsOn(market.lastDay, a.present, market.targets).weights!;
    const nullMarket = simulateReadinessMarket({ seed: 7 });
    const none = fitWeightsOn(nullMarket.lastDay, extractComponents(nullMarket.sources).present, nullMarket.targets).weights!;
    expect(planted['fear-greed']).toBeGreaterThan(0);
    expect(share(planted)).toBeGreaterThan(share(none) + 0.05);
  });
});

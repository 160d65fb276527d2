import { describe, expect, it } from 'vitest';
import { compositeSeries, readinessOn } from './readiness-composite.ts';
import { componentById, type ComponentSeries } from './readiness-components.ts';

const day = 100;
function series(id: string, raw: number, score: number): ComponentSeries {
  return { definition: componentById(id)!, raw: { firstDay: day, values: Float64Array.of(raw) }, score: { firstDay: day, values: Float64Array.of(score) } };
}

describe('readinessOn', () => {
  // Hand-computed: present weight 2 + 1 = 3 of 4 given; score = 100·(2·0.8 + 1·0.2)/3 = 60.
  const present = [series('asi-level', 55, 0.8), series('btc-dominance-level', 58, 0.2), series('eth-btc-trend', Number.NaN, Number.NaN)];
  const weights = { 'asi-level': 2, 'btc-dominance-level': 1, 'eth-btc-trend': 1 };

  it('is the weighted mean of the present scores, with contributions that add up to it', () => {
    const r = readinessOn(day, present, [], weights);
    expect(r.score).toBeCloseTo(60, 10);
    expect(r.coverage).toBeCloseTo(0.75, 10);
    const byId = Object.fromEntries(r.components.map((c) => [c.id, c]));
    expect(byId['asi-level']!.contribution).toBeCloseTo(160 / 3, 10);
    expect(byId['asi-level']!.effectiveWeight).toBeCloseTo(2 / 3, 10);
    expect(byId['btc-dominance-level']!.contribution).toBeCloseTo(20 / 3, 10);
    expect(byId['btc-dominance-level']!.value).toBe(58);
    expect(byId['eth-btc-trend']!.contribution).toBeNull();
    expect(r.missing).toEqual(['eth-btc-trend']);
  });

  it('lists absent components as missing and is undefined below half the weight', () => {
    const r = readinessOn(day, present.slice(1), [componentById('asi-level')!], weights);
    // Present: btc-dominance-level (1) of 4 → 25 % < 50 %.
    expect(r.score).toBeNull();
    expect(r.missing.sort()).toEqual(['asi-level', 'eth-btc-trend']);
  });

  it('leaves out components with weight 0 or none', () => {
    const r = readinessOn(day, present, [], { 'asi-level': 1 });
    expect(r.score).toBeCloseTo(80, 10);
    expect(r.components.map((c) => c.id)).toEqual(['asi-level']);
  });

  it('compositeSeries gives the same number as readinessOn', () => {
    const s = compositeSeries(present, [], weights, day, day);
    expect(s.values[0]).toBeCloseTo(60, 10);
  });
});

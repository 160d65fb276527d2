import { describe, expect, it } from 'vitest';
import { ladderVariant, ladderVariants } from './ladder-variants.ts';
import type { ProfitPlan } from './profit-plan.ts';

const PLAN: ProfitPlan = {
  name: 'ladder',
  rules: [
    { id: 'g50', scope: 'alts', trigger: { type: 'gain', pct: 50 }, sell: 0.25 },
    { id: 'g100', scope: 'alts', trigger: { type: 'gain', pct: 100 }, sell: 0.25 },
    { id: 'year', scope: 'ethereum', trigger: { type: 'days', after: 365 }, sell: 0.5 },
  ],
};

describe('ladder variants', () => {
  it('scales the price targets and the shares sold, leaving other triggers alone', () => {
    const v = ladderVariant(PLAN, 1.5, 0.5);
    expect(v.rules.map((r) => [r.id, r.trigger, r.sell])).toEqual([
      ['g50', { type: 'gain', pct: 75 }, 0.125],
      ['g100', { type: 'gain', pct: 150 }, 0.125],
      ['year', { type: 'days', after: 365 }, 0.25],
    ]);
  });

  it('never sells more than all of Q₀ in a scope: shares above 100 % are scaled down together', () => {
    const v = ladderVariant(PLAN, 1, 3);
    // alts: 0.75 + 0.75 = 1.5 → 0.5 each; ethereum: 1.5 → 1.
    expect(v.rules.map((r) => r.sell)).toEqual([0.5, 0.5, 1]);
  });

  it('is a grid, gain scales outer, with the identity variant equal to the plan', () => {
    const grid = ladderVariants(PLAN, [0.5, 1], [1, 2]);
    expect(grid.map((g) => [g.gainScale, g.sellScale])).toEqual([[0.5, 1], [0.5, 2], [1, 1], [1, 2]]);
    expect(grid[2]!.plan.rules).toEqual(PLAN.rules);
    expect(() => ladderVariant(PLAN, 0, 1)).toThrow(/gain scale must be a number > 0, got 0/);
  });
});

import { describe, expect, it } from 'vitest';
import { resolveParameters } from './strategy.ts';
import { strategyFromModule } from './user-strategy.ts';

describe('strategyFromModule', () => {
  it('takes a bare function (free parameters) or an object with decide and parameter specs', () => {
    const bare = strategyFromModule({ default: () => ({}) }, 'rules/my-rule.ts');
    expect(bare.id).toBe('my-rule');
    expect(resolveParameters(bare, { k: '3', mode: 'fast' })).toEqual({ k: 3, mode: 'fast' });
    const full = strategyFromModule(
      { strategy: { id: 'mine', decide: () => null, parameters: [{ name: 'n', kind: 'integer', default: 5, min: 1, max: 9, description: '' }], warmupDays: () => 30 } },
      'x.js',
    );
    expect(full.id).toBe('mine');
    expect(resolveParameters(full, {})).toEqual({ n: 5 });
    expect(() => resolveParameters(full, { m: 1 })).toThrow(/no parameter "m"/);
    expect(full.warmupDays({})).toBe(30);
    // CommonJS-style nesting.
    expect(strategyFromModule({ default: { default: () => ({}) } }, 'y.ts').id).toBe('y');
  });

  it('names the file and what is expected when the module exports no strategy', () => {
    expect(() => strategyFromModule({ other: 1 }, 'z.ts')).toThrow(/z\.ts: a strategy module must export/);
    expect(() => strategyFromModule({ default: { decide: () => null, parameters: [{ name: 'n' }] } }, 'w.ts')).toThrow(/w\.ts: each entry of `parameters` needs a name and a kind/);
  });
});

import { describe, expect, it } from 'vitest';
import { parsePlanFile } from './portfolio-plan-file.ts';
import type { PortfolioAssetResolver } from '../data/portfolio/parse-portfolio-file.ts';

const resolve: PortfolioAssetResolver = (key) => (key.toUpperCase() === 'ETH' ? { id: 'ethereum' } : { error: 'not stored' });
const plan = (text: string) => parsePlanFile({ name: 'plan.yaml', text }, resolve);

describe('parsePlanFile', () => {
  it('reads a YAML plan: shares as fractions of Q₀, tickers resolved, default ids and ATR period', async () => {
    const parsed = await plan(
      'name: alt-ladder\nrules:\n  - { scope: alts, gain_pct: 50, sell_pct: 25 }\n  - { id: exit, scope: ETH, asi_below: 75, after_peak_above: 85, sell_pct: 50 }\n  - { scope: eth, trailing_atr: 3, sell_pct: 50 }\n',
    );
    expect(parsed).toEqual({
      name: 'alt-ladder',
      rules: [
        { id: 'rule-1', scope: 'alts', trigger: { type: 'gain', pct: 50 }, sell: 0.25 },
        { id: 'exit', scope: 'ethereum', trigger: { type: 'asi-below', level: 75, afterPeakAbove: 85 }, sell: 0.5 },
        { id: 'rule-3', scope: 'ethereum', trigger: { type: 'trailing-stop', atrMultiple: 3, atrPeriod: 14 }, sell: 0.5 },
      ],
    });
  });

  it('reads rotation-phase and readiness exits (the peak defaults to the level)', async () => {
    const parsed = await plan('name: p\nrules:\n  - { scope: alts, rotation_phase: small-caps-and-memes, sell_pct: 25 }\n  - { scope: alts, readiness_below: 40, sell_pct: 25 }\n');
    expect(parsed.rules.map((r) => r.trigger)).toEqual([
      { type: 'rotation-phase', phase: 'small-caps-and-memes' },
      { type: 'readiness-below', level: 40, afterPeakAbove: 40 },
    ]);
    await expect(plan('name: p\nrules:\n  - { scope: alts, rotation_phase: memes, sell_pct: 25 }\n')).rejects.toThrow(/rule 1 → rotation_phase/);
  });

  const failures: [string, string, RegExp][] = [
    ['two triggers', 'name: p\nrules:\n  - { scope: alts, gain_pct: 50, days: 3, sell_pct: 25 }\n', /^plan\.yaml:3: rule 1: give exactly one trigger .* got gain_pct, days/],
    ['no trigger', 'name: p\nrules:\n  - { scope: alts, sell_pct: 25 }\n', /rule 1: give exactly one trigger .* got none/],
    ['an unknown field', 'name: p\nrules:\n  - { scope: alts, gain_pct: 5, sell_pct: 25, colour: red }\n', /^plan\.yaml:3: rules → rule 1: /],
    ['a share above 100', 'name: p\nrules:\n  - { scope: alts, gain_pct: 5, sell_pct: 120 }\n', /rules → rule 1 → sell_pct/],
    ['a text where a number goes, in JSON', '{"name": "p", "rules": [\n  {"scope": "alts", "gain_pct": "fifty", "sell_pct": 25}]}\n', /^plan\.yaml:2: rules → rule 1 → gain_pct: .*\(got "fifty"\)/],
    ['more than all of Q₀ in one scope', 'name: p\nrules:\n  - { scope: alts, gain_pct: 5, sell_pct: 60 }\n  - { scope: alts, days: 5, sell_pct: 60 }\n', /^plan\.yaml:4: rule 2: the rules for alts sell 120 % .* more than 100 %/],
    ['an unknown asset', 'name: p\nrules:\n  - { scope: NOPE, days: 5, sell_pct: 60 }\n', /rule 1: unknown asset "NOPE" in scope: not stored/],
    ['a peak below the exit level', 'name: p\nrules:\n  - { scope: alts, asi_below: 75, after_peak_above: 70, sell_pct: 60 }\n', /after_peak_above 70 is below asi_below 75/],
    ['a bad name', 'name: My Plan\nrules:\n  - { scope: alts, days: 5, sell_pct: 60 }\n', /^plan\.yaml:1: name: lower-case letters.*\(got "My Plan"\)/],
    ['a repeated id', 'name: p\nrules:\n  - { id: a, scope: alts, days: 5, sell_pct: 10 }\n  - { id: a, scope: alts, days: 6, sell_pct: 10 }\n', /rule 2: the id "a" is used already/],
  ];
  for (const [what, text, message] of failures) {
    it(`refuses ${what}, naming the file, the rule and the field`, async () => {
      await expect(plan(text)).rejects.toThrow(message);
    });
  }
});

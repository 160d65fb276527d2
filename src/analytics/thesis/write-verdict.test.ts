import { describe, expect, it } from 'vitest';
import type { Hypothesis, ThesisReport } from './thesis-report.ts';
import { writeVerdict } from './write-verdict.ts';

type ReportWithoutVerdict = Omit<ThesisReport, 'verdict'>;

const hypothesis = (overrides: Partial<Hypothesis>): Hypothesis => ({
  id: 'x',
  family: 'lead-lag scan',
  description: 'x',
  primary: false,
  n: 3000,
  effectLabel: 'peak r',
  effect: 0.1,
  interval: null,
  pValue: 0.5,
  holmPValue: 1,
  bhPValue: 1,
  ...overrides,
});

/** The smallest report the verdict reads: one surviving hypothesis among filler that does not. */
function reportWith(survivor: Hypothesis): ReportWithoutVerdict {
  const filler = Array.from({ length: 9 }, (_, i) => hypothesis({ id: `filler-${i}`, description: `filler ${i}` }));
  const list = [survivor, ...filler];
  return {
    hypotheses: { count: list.length, alpha: 0.05, significantRaw: 1, significantHolm: 1, significantBh: 1, list },
    power: { mainTest: { n: 3000, detectableCorrelationScan: 0.08 } },
    leadLag: [],
    eventStudies: [],
    hitRates: [],
    precedents: [],
    settings: { breakoutDrawdownPct: 10 },
    data: { caveats: [] },
  } as unknown as ReportWithoutVerdict;
}

describe('writeVerdict', () => {
  it('calls a surviving lead with a positive correlation evidence for the thesis', () => {
    const verdict = writeVerdict(
      reportWith(hypothesis({ id: 'lead:daily:rut→median-excess', description: 'Russell 2000 log return leads the median alt − BTC log return', effect: 0.09, pValue: 1e-5, holmPValue: 1e-4 })),
    );
    expect(verdict.headline, 'RUT up, alts outperform later: that is the thesis').not.toMatch(/^No evidence/);
    expect(verdict.headline).toMatch(/Russell 2000 log return leads the median alt − BTC log return/);
  });

  it('does not present a surviving lead of the opposite sign as support for the thesis', () => {
    const verdict = writeVerdict(
      reportWith(hypothesis({ id: 'lead:daily:rut→median-excess', description: 'Russell 2000 log return leads the median alt − BTC log return', effect: -0.09, pValue: 1e-5, holmPValue: 1e-4 })),
    );
    expect(verdict.headline, 'RUT strength followed by alt underperformance contradicts "strength leads outperformance"').toMatch(/^No evidence/);
    expect(verdict.headline, 'the significant opposite-sign result is still reported').toMatch(/opposite/);
  });

  it('does not present a surviving reverse-direction Granger test as support for the thesis', () => {
    const verdict = writeVerdict(
      reportWith(
        hypothesis({
          id: 'granger:daily:asi-change→rut',
          family: 'granger',
          description: 'the change of the Altcoin Season Index Granger-causes the Russell 2000 log return',
          effectLabel: 'partial R²',
          effect: 0.003,
          pValue: 1e-5,
          holmPValue: 1e-4,
        }),
      ),
    );
    expect(verdict.headline, 'alts leading the Russell 2000 is not the Russell 2000 leading alts').toMatch(/^No evidence/);
    expect(verdict.headline).toMatch(/reverse direction/);
  });

  it('does not present a negative event-study effect or a lower hit rate as support', () => {
    for (const survivor of [
      hypothesis({ id: 'event:cap-weighted-excess:90d', family: 'event study', description: '90-day excess after breakouts differs', effect: -0.4, pValue: 1e-4, holmPValue: 1e-3 }),
      hypothesis({ id: 'hit:asi≥75:90d', family: 'hit rate', description: 'ASI ≥ 75 within 90 days differs', effect: -0.45, pValue: 1e-4, holmPValue: 1e-3 }),
    ]) {
      expect(writeVerdict(reportWith(survivor)).headline, survivor.id).toMatch(/^No evidence/);
    }
  });
});

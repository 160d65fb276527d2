import { describe, expect, it } from 'vitest';
import { seededRandom } from '../stats/seeded-random.ts';
import { adjustHypotheses } from './adjust-hypotheses.ts';
import { analyzeLeadLag } from './analyze-lead-lag.ts';
import type { FrequencySeries } from './build-thesis-series.ts';
import { listHypotheses } from './list-hypotheses.ts';
import type { Hypothesis, LeadLagResult, ThesisReport } from './thesis-report.ts';
import { PRIMARY_LEAD_LAG_ID, writeVerdict } from './write-verdict.ts';

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
  thesisDirection: true,
  adjustedPValue: 1,
  holmPValue: 1,
  bhPValue: 1,
  ...overrides,
});

const mainHypothesis = (overrides: Partial<Hypothesis> = {}) =>
  hypothesis({ id: `lead:${PRIMARY_LEAD_LAG_ID}`, primary: true, description: 'Russell 2000 log return leads the median alt − BTC log return', pValue: 0.4, adjustedPValue: 0.4, ...overrides });

const fullPrimary = {
  id: PRIMARY_LEAD_LAG_ID,
  unavailable: null,
  period: { from: '2014-07-17', to: '2023-08-28' },
  n: 3330,
  lead: { lagsTested: 120, peakLagDays: 5, r: 0.01, interval: null, pValue: 0.4 },
  contemporaneous: { r: 0.07, interval: null, pValue: 0.001 },
  granger: { driverToTarget: { unavailable: 'x' }, targetToDriver: { robustPValue: 0.5 }, atScanLag: null },
} as unknown as LeadLagResult;

/** The smallest report the verdict reads: the given hypotheses among filler that does not reject. */
function reportWith(list: Hypothesis[], extra: Record<string, unknown> = {}): ReportWithoutVerdict {
  const filler = Array.from({ length: 9 }, (_, i) => hypothesis({ id: `filler-${i}`, description: `filler ${i}` }));
  const all = [...list, ...filler];
  return {
    simulated: false,
    hypotheses: { count: all.length, alpha: 0.05, procedure: 'gatekeeping', significantRaw: 1, significantAdjusted: 1, significantHolm: 1, significantBh: 1, list: all },
    power: { mainTest: { n: 3000, detectableCorrelationScan: 0.076 } },
    leadLag: [],
    eventStudies: [],
    hitRates: [],
    precedents: [],
    settings: { breakoutDrawdownPct: 10 },
    data: { caveats: [], survivorOnlyPeriods: [] },
    ...extra,
  } as unknown as ReportWithoutVerdict;
}

function daily(n: number, lag: number, strength: number, seed: number): FrequencySeries {
  const random = seededRandom(seed);
  const x = Float64Array.from({ length: n }, () => random.normal());
  const y = Float64Array.from({ length: n }, (_, t) => (t >= lag ? strength * x[t - lag]! : 0) + random.normal());
  const nan = new Float64Array(n).fill(Number.NaN);
  return { frequency: 'daily', unitDays: 1, days: Int32Array.from({ length: n }, (_, i) => 19_000 + i), drivers: { rut: x, 'rut-spx': nan }, targets: { 'median-excess': y, 'cap-weighted-excess': nan, 'asi-change': nan } };
}

describe('writeVerdict', () => {
  it('calls a rejected lead with a positive correlation evidence for the thesis', () => {
    const verdict = writeVerdict(reportWith([mainHypothesis({ effect: 0.09, pValue: 1e-5, adjustedPValue: 1e-5 })]));
    expect(verdict.headline, 'RUT up, alts outperform later: that is the thesis').toMatch(/^Evidence at α = 0.05/);
    expect(verdict.headline).toMatch(/Russell 2000 log return leads the median alt − BTC log return/);
  });

  it('does not present a rejected lead of the opposite sign as support for the thesis', () => {
    const verdict = writeVerdict(reportWith([mainHypothesis({ effect: -0.09, thesisDirection: false, pValue: 1e-5, adjustedPValue: 1e-5 })]));
    expect(verdict.headline, 'RUT strength followed by alt underperformance contradicts "strength leads outperformance"').toMatch(/^No evidence/);
    expect(verdict.headline, 'the significant opposite-sign result is still reported').toMatch(/opposite sign/);
  });

  it('does not present a reverse-direction Granger test, a negative event effect or a lower hit rate as support', () => {
    for (const other of [
      hypothesis({ id: 'granger:daily:asi-change→rut', family: 'granger', description: 'the change of the ASI Granger-causes the Russell 2000 log return', thesisDirection: false, pValue: 1e-5, adjustedPValue: 1e-4 }),
      hypothesis({ id: 'event:cap-weighted-excess:90d', family: 'event study', description: '90-day excess after breakouts differs', effect: -0.4, thesisDirection: false, pValue: 1e-4, adjustedPValue: 1e-3 }),
      hypothesis({ id: 'hit:asi≥75:90d', family: 'hit rate', description: 'ASI ≥ 75 within 90 days differs', effect: -0.45, thesisDirection: false, pValue: 1e-4, adjustedPValue: 1e-3 }),
    ]) {
      const headline = writeVerdict(reportWith([mainHypothesis({ pValue: 0.01, adjustedPValue: 0.01, thesisDirection: false }), other])).headline;
      expect(headline, other.id).toMatch(/^No evidence/);
      expect(headline, `${other.id} is named as a finding against`).toMatch(/reverse direction or with the opposite sign/);
    }
  });

  it('a significant Granger test RUT → alts with negative summed coefficients is not support (the sign is checked)', () => {
    // y[t] = −0.3 x[t−1] + noise: the Russell 2000 rising is followed by alts falling behind.
    const result = analyzeLeadLag(daily(1500, 1, -0.3, 5), 'rut', 'median-excess', { maxLagDays: 30, alpha: 0.05, grangerMaxLag: 4, rollingWindows: [] });
    const granger = result.granger.driverToTarget;
    expect(granger.robustPValue!, 'the planted negative link is significant').toBeLessThan(1e-6);
    expect(granger.coefficientSum!, 'and its summed coefficients are negative').toBeLessThan(-0.2);
    const listed = listHypotheses([{ ...result, id: PRIMARY_LEAD_LAG_ID }], [], []);
    const entry = listed.find((h) => h.id === 'granger:daily:rut→median-excess')!;
    expect(entry.thesisDirection, 'RUT → alts with a negative sum does not point the thesis’s way').toBe(false);
    const family = adjustHypotheses(listed, 0.05);
    const verdict = writeVerdict(reportWith(family.list, { hypotheses: family, leadLag: [{ ...result, id: PRIMARY_LEAD_LAG_ID }] }));
    expect(verdict.headline, 'every rejected test points against the thesis').toMatch(/^No evidence/);
    expect(verdict.headline).toMatch(/Granger-causes the median alt − BTC log return/);
  });

  it('the main test is tested first at α: a 0.0026 scan p among 47 tests is evidence (Holm over all would say 0.12)', () => {
    const main = mainHypothesis({ effect: 0.087, pValue: 0.0026 });
    const others = Array.from({ length: 46 }, (_, i) => hypothesis({ id: `other-${i}`, pValue: 0.2 + i / 100 }));
    const family = adjustHypotheses([main, ...others], 0.05);
    expect(family.list[0]!.holmPValue!, 'Holm over all 47 would not reject').toBeGreaterThan(0.1);
    const verdict = writeVerdict(reportWith([], { hypotheses: family }));
    expect(verdict.headline, 'the verdict describes the same test as the simulated banner and bench/thesis-power').toMatch(/^Evidence at α = 0.05: 1 of 47 tests/);
  });

  it('quotes the detectable correlation of the test it applies: the main test’s scan at α', () => {
    const verdict = writeVerdict(reportWith([mainHypothesis()], { leadLag: [fullPrimary] }));
    expect(verdict.headline, 'the scan over 120 lags at α = 0.05 needs 0.076').toMatch(/main test .*lags 1–120 days.*p = 0.400.*above about 0.076 \(80 % power, n = 3000 days\)/);
  });

  it('gives no verdict when the main test could not run, and says why', () => {
    const reason = 'no day in 2024-01-01 … 2025-07-28 has a daily alt-minus-BTC return: daily alt data end 2023-08-28';
    const unavailable = { id: PRIMARY_LEAD_LAG_ID, unavailable: reason, lead: { lagsTested: 0 } };
    const verdict = writeVerdict(reportWith([mainHypothesis({ pValue: null, adjustedPValue: null, effect: null })], { leadLag: [unavailable] }));
    expect(verdict.headline, 'no "no evidence" about a test that did not run').toMatch(/^No verdict: the main test .* could not run: no day in 2024-01-01/);
    expect(verdict.headline).toMatch(/daily alt data end 2023-08-28/);
    expect(verdict.findings.join('\n'), 'no empty statistics are printed').not.toMatch(/lags 1–0|F\(0, 0\)/);
    expect(verdict.findings[0]).toMatch(/^Main test .*: not run: no day in 2024-01-01/);
  });

  it('names the survivors-only stretch when the main test’s period includes it', () => {
    const primary = fullPrimary;
    const survivors = [{ from: '2018-07-03', to: '2020-12-31', note: 'only survivors are stored' }];
    const verdict = writeVerdict(reportWith([mainHypothesis()], { leadLag: [primary], data: { caveats: [], survivorOnlyPeriods: survivors } }));
    expect(verdict.findings.join('\n')).toMatch(/2014-07-17 … 2023-08-28 includes the survivors-only stretch 2018-07-03 → 2020-12-31: only survivors are stored/);
    const later = { ...primary, period: { from: '2021-01-01', to: '2023-08-28' } };
    expect(writeVerdict(reportWith([mainHypothesis()], { leadLag: [later], data: { caveats: [], survivorOnlyPeriods: survivors } })).findings.join('\n'), 'not named when the test does not use it').not.toMatch(/survivors-only/);
  });

  it('marks the headline of a simulated market', () => {
    expect(writeVerdict(reportWith([mainHypothesis()], { simulated: true })).headline).toMatch(/^SIMULATED DATA: /);
    expect(writeVerdict(reportWith([mainHypothesis()])).headline).not.toMatch(/SIMULATED/);
  });
});

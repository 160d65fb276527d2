/**
 * The power of the available history: how large a lead-lag correlation, an event-study effect or a
 * hit-rate difference must be for the tests the verdict applies to detect it (80 % power).
 */
import { normalQuantile } from '../stats/normal-distribution.ts';
import { minimumDetectableCorrelation } from '../stats/power.ts';
import { formatNumber } from './format-thesis-numbers.ts';
import type { LeadLagResult, ThesisReport } from './thesis-report.ts';
import { PRIMARY_LEAD_LAG_ID } from './write-verdict.ts';

export function thesisPower(
  leadLag: readonly LeadLagResult[],
  eventStudies: ThesisReport['eventStudies'],
  hitRates: ThesisReport['hitRates'],
  hypothesisCount: number,
  alpha: number,
): ThesisReport['power'] {
  const primary = leadLag.find((r) => r.id === PRIMARY_LEAD_LAG_ID);
  // The correlogram stores band = z_{1−α/2} × standard error: undo it with the same α.
  const z = normalQuantile(1 - alpha / 2);
  const leadPoints = primary?.correlogram.filter((p) => p.lag >= 1 && p.band !== null) ?? [];
  // The robust bands' inflation (Bartlett × the volatility co-movement factor), averaged over the scanned lags.
  // Never below 1: the power section must not claim more information than there are days.
  const robustInflation = Math.max(1, leadPoints.length ? leadPoints.reduce((acc, p) => acc + (p.band! / z) ** 2 * p.n, 0) / leadPoints.length : (primary?.varianceInflation ?? 1));
  const mainN = primary?.n ?? 0;
  const lagsScanned = primary?.lead.lagsTested ?? 0;
  const power = {
    mainTest: {
      n: mainN,
      effectiveN: mainN / Math.max(robustInflation, 1e-12),
      varianceInflation: robustInflation,
      lagsScanned,
      detectableCorrelationScan: minimumDetectableCorrelation(mainN, robustInflation, { alpha, tests: Math.max(1, lagsScanned) }),
      detectableCorrelationSingleLag: minimumDetectableCorrelation(mainN, robustInflation, { alpha }),
      // A secondary scan of the same length behind the gate: the Bonferroni bound of Holm's first step among the other tests.
      detectableCorrelationAfterFamily: minimumDetectableCorrelation(mainN, robustInflation, { alpha: alpha / Math.max(1, hypothesisCount - 1), tests: Math.max(1, lagsScanned) }),
    },
    eventStudy: eventStudies.filter((e) => e.target === 'cap-weighted-excess').map((e) => ({ horizonDays: e.horizonDays, events: e.events, minimumDetectableEffect: e.minimumDetectableEffect })),
    hitRate: hitRates.map((h) => ({ horizonDays: h.horizonDays, events: h.events, intervalWidth: h.interval ? h.interval[1] - h.interval[0] : null })),
    explanation: '',
  };
  power.explanation =
    primary && primary.unavailable === null
      ? `With n = ${mainN} daily pairs and a variance inflation of ${formatNumber(robustInflation, 2)}× from autocorrelation and shared volatility (floored at 1), the effective sample is ${Math.round(power.mainTest.effectiveN)}. ` +
        `The main test, which the verdict applies first at α = ${alpha}, scans ${lagsScanned} lags: a lead-lag correlation must reach about ${formatNumber(power.mainTest.detectableCorrelationScan, 3)} for it to reject with 80 % power ` +
        `(${formatNumber(power.mainTest.detectableCorrelationSingleLag, 3)} for one lag named in advance; ${formatNumber(power.mainTest.detectableCorrelationAfterFamily, 3)} for a secondary scan of the same length, Holm-adjusted among the other ${Math.max(0, hypothesisCount - 1)} tests). ` +
        'Smaller correlations may exist and still matter economically; this history cannot tell them from noise.'
      : `The main test did not run (${primary?.unavailable ?? 'no daily Russell 2000 and alt data'}), so there is no power statement for it.`;

  return power;
}

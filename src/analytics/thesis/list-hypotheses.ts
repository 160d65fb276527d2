/**
 * Every hypothesis the thesis tests, one entry per test with its p-value and whether its estimate
 * points the thesis's way (Hypothesis.thesisDirection): a lead-lag scan with r > 0, a Granger test
 * from the Russell 2000 side whose summed lag coefficients are > 0 (a significant negative sum is
 * RUT strength followed by alt underperformance), a positive event effect or hit-rate difference.
 * A Granger test from the alt side never points the thesis's way. Granger entries carry the HC3
 * p-value (for the test at the scan's lag, Šidák-corrected over the scanned lags).
 */
import type { UnadjustedHypothesis } from './adjust-hypotheses.ts';
import { DRIVER_LABELS, TARGET_LABELS } from './thesis-labels.ts';
import type { EventStudySummary, HitRateSummary, LeadLagResult } from './thesis-report.ts';
import { PRIMARY_LEAD_LAG_ID } from './write-verdict.ts';

export function listHypotheses(leadLag: readonly LeadLagResult[], eventStudies: readonly EventStudySummary[], hitRates: readonly HitRateSummary[]): UnadjustedHypothesis[] {
  const list: UnadjustedHypothesis[] = [];
  const positive = (value: number | null) => (value === null ? null : value > 0);
  for (const result of leadLag) {
    const unit = result.unitDays === 1 ? 'days' : 'weeks';
    const notRun = result.unavailable !== null ? `; not run: ${result.unavailable}` : '';
    list.push({
      id: `lead:${result.id}`,
      family: 'lead-lag scan',
      description:
        `${DRIVER_LABELS[result.driver]} leads the ${TARGET_LABELS[result.target]} (${result.frequency}` +
        (result.unavailable === null ? `, lags 1–${result.lead.lagsTested} ${unit}; peak at ${result.lead.peakLagDays ?? '—'} days)` : `${notRun})`),
      primary: result.id === PRIMARY_LEAD_LAG_ID,
      n: result.n,
      effectLabel: 'peak r',
      effect: result.lead.r,
      interval: result.lead.interval,
      pValue: result.lead.pValue,
      thesisDirection: positive(result.lead.r),
    });
    const grangers = [
      ['driver', result.granger.driverToTarget],
      ['target', result.granger.targetToDriver],
      ...(result.granger.atScanLag ? ([['scan', result.granger.atScanLag]] as const) : []),
    ] as const;
    for (const [key, granger] of grangers) {
      const lags = granger.unavailable !== null ? `; not run: ${granger.unavailable}` : key === 'scan' ? `, at the scan's lag of ${result.lead.peakLagDays} days, HC3, scan-corrected` : `, ${granger.lag} lag${granger.lag === 1 ? '' : 's'} by BIC, HC3`;
      list.push({
        id: key === 'scan' ? `granger-at-scan-lag:${result.id}` : `granger:${result.frequency}:${granger.direction.replace(/ /g, '')}`,
        family: 'granger',
        description:
          key === 'target'
            ? `the ${TARGET_LABELS[result.target]} Granger-causes the ${DRIVER_LABELS[result.driver]} (${result.frequency}${lags})`
            : `${DRIVER_LABELS[result.driver]} Granger-causes the ${TARGET_LABELS[result.target]} (${result.frequency}${lags})`,
        primary: false,
        n: granger.n,
        effectLabel: 'partial R²',
        effect: granger.partialR2,
        interval: null,
        pValue: granger.testPValue,
        // Alts → RUT is never the thesis's direction, whatever its sign.
        thesisDirection: key === 'target' ? (granger.coefficientSum === null ? null : false) : positive(granger.coefficientSum),
      });
    }
  }
  for (const study of eventStudies) {
    list.push({
      id: study.id,
      family: 'event study',
      description: `${study.horizonDays}-day ${TARGET_LABELS[study.target]} after Russell 2000 breakouts differs from all days`,
      primary: false,
      n: study.events,
      effectLabel: 'excess log return',
      effect: study.effect,
      interval: study.interval,
      pValue: study.pValue,
      thesisDirection: positive(study.effect),
    });
  }
  for (const hit of hitRates) {
    list.push({
      id: hit.id,
      family: 'hit rate',
      description: `ASI ≥ ${hit.threshold} within ${hit.horizonDays} days is more or less frequent after breakouts than on all days`,
      primary: false,
      n: hit.events,
      effectLabel: 'rate − base rate',
      effect: hit.difference,
      interval: null,
      pValue: hit.pValue,
      thesisDirection: positive(hit.difference),
    });
  }
  return list;
}

/**
 * The plain-language verdict, generated from the numbers. It never claims more than the tests
 * support. The main test (Russell 2000 daily returns leading the median alt-minus-BTC return,
 * the scan over lags 1–120 with its Šidák p-value) is named in advance and tested first at the
 * full α; every other test counts only if the main test rejects, and then only after Holm among
 * the others (adjust-hypotheses.ts). A finding is called evidence only if the procedure rejects it
 * AND it points the thesis's way (Hypothesis.thesisDirection). Otherwise the verdict says "no
 * evidence" and states how large a correlation the main test could have detected, so "no
 * evidence" is not mistaken for "no effect". A test that could not run is reported with its
 * reason and no verdict.
 */
import { formatInterval, formatLogReturnPct, formatNumber, formatP, formatShare, formatSigned } from './format-thesis-numbers.ts';
import { DRIVER_LABELS, TARGET_LABELS } from './thesis-labels.ts';
import type { GrangerSummary, Hypothesis, ThesisReport } from './thesis-report.ts';

export const PRIMARY_LEAD_LAG_ID = 'daily:rut→median-excess';

const MAIN_TEST_NAME = `${DRIVER_LABELS.rut} leading the ${TARGET_LABELS['median-excess']}, daily`;

function nameList(list: readonly Hypothesis[]): string {
  return `${list.slice(0, 3).map((h) => h.description).join('; ')}${list.length > 3 ? '; …' : ''}`;
}

function grangerText(g: GrangerSummary): string {
  if (g.unavailable !== null) return `not run (${g.unavailable})`;
  return (
    `HC3 F(${g.numeratorDf}, ${g.denominatorDf}) = ${formatNumber(g.robustFStatistic, 2)}, p = ${formatP(g.robustPValue)} ` +
    `(classical F = ${formatNumber(g.fStatistic, 2)}, p = ${formatP(g.pValue)}), summed coefficients ${formatSigned(g.coefficientSum, 3)}, n = ${g.n}`
  );
}

function overlaps(a: { from: string | null; to: string | null }, b: { from: string; to: string }): boolean {
  return a.from !== null && a.to !== null && a.from <= b.to && b.from <= a.to;
}

export function writeVerdict(report: Omit<ThesisReport, 'verdict'>): ThesisReport['verdict'] {
  const { hypotheses, power } = report;
  const alpha = hypotheses.alpha;
  const findings: string[] = [];
  const caveats: string[] = [];
  const primary = report.leadLag.find((r) => r.id === PRIMARY_LEAD_LAG_ID) ?? null;
  const mainHypothesis = hypotheses.list.find((h) => h.primary) ?? null;
  const rejected = hypotheses.list.filter((h) => h.adjustedPValue !== null && h.adjustedPValue < alpha);
  const supporting = rejected.filter((h) => h.thesisDirection === true);
  const against = rejected.filter((h) => h.thesisDirection !== true);
  const againstNote = against.length
    ? ` ${against.length} test${against.length === 1 ? '' : 's'} did reject, but in the reverse direction or with the opposite sign: ${nameList(against)}.`
    : '';
  const mainReason = primary?.unavailable ?? (primary ? null : 'no daily Russell 2000 and alt series');

  let headline: string;
  if (mainHypothesis === null || mainHypothesis.pValue === null) {
    headline =
      `No verdict: the main test (${MAIN_TEST_NAME}) could not run: ${mainReason ?? 'it produced no p-value'}.` +
      (hypotheses.count > 0
        ? ` The ${hypotheses.count} test${hypotheses.count === 1 ? '' : 's'} that did run ${hypotheses.count === 1 ? 'is' : 'are'} listed as exploration, not evidence (${hypotheses.significantRaw} with an unadjusted p < ${alpha}).`
        : ' No other test produced a p-value either.');
  } else if (supporting.length === 0) {
    const detectable = power.mainTest.detectableCorrelationScan;
    headline =
      `No evidence at α = ${alpha} that Russell 2000 strength leads altcoin outperformance: the main test (${MAIN_TEST_NAME}, lags 1–${primary?.lead.lagsTested ?? '—'} days, named in advance and tested first) gives p = ${formatP(mainHypothesis.pValue)}` +
      (mainHypothesis.pValue < alpha && mainHypothesis.thesisDirection === false ? ' with the opposite sign' : '') +
      (detectable !== null ? `; it could detect lead-lag correlations above about ${formatNumber(detectable, 3)} (80 % power, n = ${power.mainTest.n} days)` : '') +
      (mainHypothesis.pValue < alpha ? '' : `, and the other ${Math.max(0, hypotheses.count - 1)} tests count only behind it`) +
      '.' +
      againstNote;
  } else {
    headline =
      `Evidence at α = ${alpha}: ${supporting.length} of ${hypotheses.count} tests reject in the thesis's direction (the main test first, then Holm among the others): ${nameList(supporting)}.` +
      againstNote +
      ' This is a statistical association in this history, not proof that one market drives the other.';
  }
  if (report.simulated) headline = `SIMULATED DATA: ${headline}`;

  if (primary && mainHypothesis) {
    const lead = primary.lead;
    if (primary.unavailable !== null) {
      findings.push(`Main test (${MAIN_TEST_NAME}): not run: ${primary.unavailable}.`);
    } else {
      findings.push(
        `Main test (${MAIN_TEST_NAME}, lags 1–${lead.lagsTested} days, ${primary.period.from} … ${primary.period.to}): ` +
          `strongest at ${lead.peakLagDays ?? '—'} days, r = ${formatSigned(lead.r)} (${formatNumber(100 * (1 - alpha), 0)} % Fisher-z interval ${formatInterval(lead.interval)}, optimistic because the lag was picked as the largest), n = ${primary.n}; ` +
          `scan-corrected p = ${formatP(lead.pValue)}, tested first at α = ${alpha}.`,
      );
      findings.push(`Same-day correlation: r = ${formatSigned(primary.contemporaneous.r)} ${formatInterval(primary.contemporaneous.interval)} (Fisher-z; p = ${formatP(primary.contemporaneous.pValue)}; a same-day link is not a lead).`);
      const granger = primary.granger.driverToTarget;
      const atLag = primary.granger.atScanLag;
      findings.push(
        `Granger, RUT → median alt excess (${granger.lag} lag${granger.lag === 1 ? '' : 's'} by BIC): ${grangerText(granger)}` +
          (atLag ? `; with RUT at the scan's lag of ${lead.peakLagDays} days only: ${grangerText(atLag)}, scan-corrected p = ${formatP(atLag.testPValue)}` : '') +
          `; reverse direction HC3 p = ${formatP(primary.granger.targetToDriver.robustPValue)}.`,
      );
      for (const period of report.data.survivorOnlyPeriods ?? []) {
        if (overlaps(primary.period, period)) findings.push(`The main test's period ${primary.period.from} … ${primary.period.to} includes the survivors-only stretch ${period.from} → ${period.to}: ${period.note}.`);
      }
    }
  }
  const event90 = report.eventStudies.find((e) => e.target === 'cap-weighted-excess' && e.horizonDays === 90) ?? report.eventStudies.find((e) => e.horizonDays === 90);
  if (event90) {
    if (event90.events === 0) {
      findings.push(
        report.breakouts.length === 0
          ? `Event study: not run: no Russell 2000 breakout (first record after a ≥ ${report.settings.breakoutDrawdownPct} % drawdown) in ${report.settings.from} … ${report.settings.to}.`
          : `Event study: not run: none of the ${report.breakouts.length} Russell 2000 breakouts in the period had a complete 90-day forward window of daily ${TARGET_LABELS[event90.target]} data.`,
      );
    } else {
      findings.push(
        `After ${event90.events} Russell 2000 breakout${event90.events === 1 ? '' : 's'} (drawdown ≥ ${report.settings.breakoutDrawdownPct} %), the ${TARGET_LABELS[event90.target]} over the next 90 days exceeded the all-days average by ` +
          `${formatSigned(event90.effect, 3)} log (${formatLogReturnPct(event90.effect)}), placebo interval ${formatInterval(event90.interval)}, p = ${formatP(event90.pValue)}; ` +
          `with ${event90.events} events only effects beyond about ${formatNumber(event90.minimumDetectableEffect, 3)} log could be detected.`,
      );
    }
  }
  const hit90 = report.hitRates.find((h) => h.horizonDays === 90) ?? report.hitRates[0];
  if (hit90 && hit90.events > 0) {
    findings.push(
      `The ASI reached ${hit90.threshold} within ${hit90.horizonDays} days after ${hit90.hits} of ${hit90.events} breakouts (${formatShare(hit90.rate)}, Wilson 95 % ${formatInterval(hit90.interval, (v) => formatShare(v))}) ` +
        `against a base rate of ${formatShare(hit90.baseRate)} over all days (placebo p = ${formatP(hit90.pValue)}).`,
    );
  }
  const lags = report.precedents.filter((p) => p.lagToPeakDays !== null);
  if (report.precedents.length) {
    const text = report.precedents
      .map((p) => (p.asiPeak ? `${p.label}: ASI peak ${formatNumber(p.asiPeak.index, 0)} on ${p.asiPeak.date}${p.lagToPeakDays !== null ? `, ${p.lagToPeakDays} days after the breakout of ${p.lastBreakoutBeforePeak}` : ', no breakout in the year before'}` : `${p.label}: no ASI data`))
      .join('; ');
    findings.push(`Precedents (${lags.length} of ${report.precedents.length} cycles had a breakout in the year before the ASI peak): ${text}. Three anecdotes cannot establish a lead; the tests above can.`);
  }
  findings.push(
    `Tests run: ${hypotheses.count}; significant at α = ${alpha}: ${hypotheses.significantRaw} unadjusted, ${hypotheses.significantBh} after Benjamini–Hochberg, ${hypotheses.significantHolm} after Holm over all, ${hypotheses.significantAdjusted} by the verdict's procedure (${hypotheses.procedure}). About ${formatNumber(hypotheses.count * alpha, 1)} unadjusted rejections are expected by chance alone.`,
  );

  caveats.push('Correlation over lags is not causation; both markets respond to global liquidity and risk appetite.');
  caveats.push(`The event study has few, clustered events; its placebo p-values account for the clustering, but the interval assumes an effect shifts the placebo distribution without changing its shape.`);
  caveats.push('Granger p-values are HC3 heteroskedasticity-robust; the classical F test, shown beside them, assumes constant error variance and is liberal under volatility clustering.');
  caveats.push(
    'In the reverse direction (alts leading the Russell 2000) daily lags of 1–2 days are contaminated: the Russell 2000 closes at 20:00–21:00 UTC, so its day overlaps the previous crypto day, and a Monday return spans the crypto weekend. The reverse scan leaves them out; the reverse Granger tests include lag 1, so a small reverse p there may be this overlap.',
  );
  for (const caveat of report.data.caveats) caveats.push(caveat);
  return { headline, findings, caveats };
}

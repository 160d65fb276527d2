/**
 * The plain-language verdict, generated from the numbers. It never claims more than the tests
 * support: a finding is called evidence only if it survives the Holm adjustment for every
 * hypothesis tested and points the thesis's way (see supportsThesis); otherwise the verdict says
 * "no evidence" and states how large an effect the history could have detected, so "no evidence"
 * is not mistaken for "no effect".
 */
import { formatInterval, formatLogReturnPct, formatNumber, formatP, formatShare, formatSigned } from './format-thesis-numbers.ts';
import { DRIVER_LABELS, TARGET_LABELS } from './thesis-labels.ts';
import type { Hypothesis, ThesisReport } from './thesis-report.ts';

export const PRIMARY_LEAD_LAG_ID = 'daily:rut→median-excess';

/**
 * Whether a significant hypothesis points the thesis's way: the Russell 2000 side first and alts
 * doing better after it. Every test is two-sided, so a significant scan peak with r < 0 (RUT
 * strength followed by alt underperformance), a negative event effect, a lower hit rate or a
 * Granger test in the reverse direction (alts → RUT) is a finding, but not one for the thesis.
 */
function supportsThesis(h: Hypothesis): boolean {
  if (h.family === 'granger') return /^granger:[a-z]+:rut(-spx)?→/.test(h.id);
  return h.effect !== null && h.effect > 0;
}

function nameList(list: readonly Hypothesis[]): string {
  return `${list.slice(0, 3).map((h) => h.description).join('; ')}${list.length > 3 ? '; …' : ''}`;
}

export function writeVerdict(report: Omit<ThesisReport, 'verdict'>): ThesisReport['verdict'] {
  const { hypotheses, power } = report;
  const alpha = hypotheses.alpha;
  const findings: string[] = [];
  const caveats: string[] = [];
  const primary = report.leadLag.find((r) => r.id === PRIMARY_LEAD_LAG_ID) ?? null;
  const primaryHypothesis = hypotheses.list.find((h) => h.primary) ?? null;
  const survivors = hypotheses.list.filter((h) => h.holmPValue !== null && h.holmPValue < alpha);
  const supporting = survivors.filter(supportsThesis);
  const against = survivors.filter((h) => !supportsThesis(h));
  const againstNote = against.length
    ? ` ${against.length} test${against.length === 1 ? '' : 's'} did remain significant, but in the reverse direction or with the opposite sign: ${nameList(against)}.`
    : '';

  let headline: string;
  if (hypotheses.count === 0) {
    headline = 'Not enough overlapping data to test the thesis: no test produced a p-value.';
  } else if (supporting.length === 0) {
    const detectable = power.mainTest.detectableCorrelationScan;
    headline =
      `No evidence at α = ${alpha} that Russell 2000 strength leads altcoin outperformance, after adjusting for ${hypotheses.count} tests (Holm)` +
      (detectable !== null ? `; the history could only detect lead-lag correlations above about ${formatNumber(detectable, 2)} (80 % power, n = ${power.mainTest.n} days).` : '.') +
      againstNote;
  } else {
    headline =
      `${supporting.length} of ${hypotheses.count} tests remain significant at α = ${alpha} after the Holm adjustment in the thesis's direction: ${nameList(supporting)}.` +
      againstNote +
      ' This is a statistical association in this history, not proof that one market drives the other.';
  }

  if (primary && primaryHypothesis) {
    const lead = primary.lead;
    findings.push(
      `Main test (${DRIVER_LABELS.rut} leading the ${TARGET_LABELS['median-excess']}, daily, lags 1–${lead.lagsTested} days, ${primary.period.from} … ${primary.period.to}): ` +
        `strongest at ${lead.peakLagDays ?? '—'} days, r = ${formatSigned(lead.r)} (${formatNumber(100 * (1 - alpha), 0)} % band ${formatInterval(lead.interval)}), n = ${primary.n}; ` +
        `scan-corrected p = ${formatP(lead.pValue)}, Holm-adjusted p = ${formatP(primaryHypothesis.holmPValue)}.`,
    );
    findings.push(`Same-day correlation: r = ${formatSigned(primary.contemporaneous.r)} ${formatInterval(primary.contemporaneous.interval)} (p = ${formatP(primary.contemporaneous.pValue)}; a same-day link is not a lead).`);
    const granger = primary.granger.driverToTarget;
    findings.push(
      `Granger (RUT → median alt excess, ${granger.lag} lag${granger.lag === 1 ? '' : 's'} by BIC): F(${granger.numeratorDf}, ${granger.denominatorDf}) = ${formatNumber(granger.fStatistic, 2)}, p = ${formatP(granger.pValue)}, n = ${granger.n}; reverse direction p = ${formatP(primary.granger.targetToDriver.pValue)}.`,
    );
  }
  const event90 = report.eventStudies.find((e) => e.target === 'cap-weighted-excess' && e.horizonDays === 90) ?? report.eventStudies.find((e) => e.horizonDays === 90);
  if (event90) {
    if (event90.events === 0) {
      findings.push(`Event study: no Russell 2000 breakout in the period had a complete 90-day forward window of daily ${TARGET_LABELS[event90.target]} data.`);
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
  findings.push(`Tests run: ${hypotheses.count}; significant at α = ${alpha}: ${hypotheses.significantRaw} unadjusted, ${hypotheses.significantBh} after Benjamini–Hochberg, ${hypotheses.significantHolm} after Holm. About ${formatNumber(hypotheses.count * alpha, 1)} unadjusted rejections are expected by chance alone.`);

  caveats.push('Correlation over lags is not causation; both markets respond to global liquidity and risk appetite.');
  caveats.push(`The event study has few, clustered events; its placebo p-values account for the clustering, but the interval assumes an effect shifts the placebo distribution without changing its shape.`);
  caveats.push('Granger F tests assume homoskedastic errors; with volatility clustering they are somewhat liberal, so they are the second opinion to the cross-correlation scan.');
  for (const caveat of report.data.caveats) caveats.push(caveat);
  return { headline, findings, caveats };
}

/**
 * The plain-language verdict of the readiness evidence, in the thesis lab's style: it names the
 * effect, its interval, n and p, and never claims more than the test supports. "Skill" means the
 * composite's ROC AUC beats the best naive baseline (0.5, the ASI level alone, BTC.D alone) on the
 * same days, by a paired block bootstrap, after Holm across horizons and weight sets; otherwise the
 * headline is "No predictive skill", with how few seasons there were to learn from.
 */
import { formatInterval, formatNumber, formatP, formatSigned } from '../thesis/format-thesis-numbers.ts';
import type { ReadinessEvaluation } from './evaluate-readiness.ts';

export const NO_SKILL = 'No predictive skill';

/** "p = 0.012", or "p < 0.0001" (formatP writes the bound itself). */
function pIs(label: string, p: number | null): string {
  const text = formatP(p);
  return text.startsWith('<') ? `${label} ${text}` : `${label} = ${text}`;
}

export interface ReadinessVerdict {
  headline: string;
  findings: string[];
  caveats: string[];
}

export function readinessVerdict(evaluation: ReadinessEvaluation, simulated = false): ReadinessVerdict {
  const { alpha } = evaluation;
  const findings: string[] = [];
  const caveats: string[] = [];
  const seasons = evaluation.seasonStarts.length;
  const clusters = evaluation.seasonStarts.filter((s, i, all) => i === 0 || s - all[i - 1]! > 180).length;
  const n = `n = ${seasons} season start${seasons === 1 ? '' : 's'} in ${clusters} cluster${clusters === 1 ? '' : 's'}`;
  const best = [...evaluation.skill].filter((s) => s.test.difference !== null).sort((a, b) => (a.adjustedPValue ?? 1) - (b.adjustedPValue ?? 1))[0];
  const nameOf = (id: string) => evaluation.predictors.find((p) => p.id === id)?.label ?? id;
  const composite = evaluation.predictors.find((p) => p.id === 'composite');
  let headline: string;
  if (!best) {
    headline = `No verdict: the score could not be compared with the baselines (${seasons} season start${seasons === 1 ? '' : 's'} in the scored span, too few labelled days).`;
  } else if (evaluation.skillful) {
    const winners = evaluation.skill.filter((s) => s.adjustedPValue !== null && s.adjustedPValue < alpha && s.test.difference! > 0);
    headline =
      `Predictive skill at α = ${alpha} beyond the naive baselines: ${winners.map((w) => `${nameOf(w.predictor)}, ${w.horizon} d: AUC ${formatSigned(w.test.difference, 3)} over the best baseline ${formatInterval(w.test.interval ? [w.test.interval.lower, w.test.interval.upper] : null)}, ${pIs('Holm p', w.adjustedPValue)}`).join('; ')}` +
      `. ${n}: an association in this history, not a guarantee.`;
  } else {
    headline =
      `${NO_SKILL}: the readiness score does not beat the best naive baseline (0.5, the ASI level alone, BTC.D alone) at α = ${alpha} after Holm over ${evaluation.skill.length} tests; ` +
      `the closest: ${nameOf(best.predictor)}, ${best.horizon} d, AUC difference ${formatSigned(best.test.difference, 3)} ${formatInterval(best.test.interval ? [best.test.interval.lower, best.test.interval.upper] : null)}, ${pIs('Holm p', best.adjustedPValue)}; ${n}.`;
  }
  if (simulated) headline = `SIMULATED DATA: ${headline}`;
  if (composite) {
    for (const h of composite.horizons) {
      const a = h.auc;
      findings.push(
        `${composite.label}, season within ${h.horizon} d: AUC ${formatNumber(a.auc, 3)} ${formatInterval(a.interval ? [a.interval.lower, a.interval.upper] : null)} (n = ${h.n} days, ${h.positives} positive, ${pIs('p vs 0.5', a.pValue)}); ` +
          `signal ≥ ${Math.round(evaluation.threshold * 100)}: ${h.signal.hits} of ${h.signal.seasons} seasons flagged, median lead ${formatNumber(h.signal.medianLeadDays, 0)} d, ${formatNumber(h.signal.falseAlarmsPerYear, 1)} false alarms a year; Brier ${formatNumber(h.brier, 3)} vs ${formatNumber(h.brierBaseRate, 3)} for the base rate.`,
      );
    }
    for (const r of composite.returns) {
      findings.push(`${composite.label} vs the alt basket's next-${r.horizon}-day return over BTC: correlation ${formatSigned(r.correlation, 3)} ${formatInterval(r.interval ? [r.interval.lower, r.interval.upper] : null)} (n = ${r.n} days, overlapping windows).`);
    }
  }
  const components = evaluation.predictors.filter((p) => p.kind === 'component');
  const top = components
    .map((p) => ({ p, h: p.horizons[p.horizons.length - 1]! }))
    .filter((x) => x.h.auc.auc !== null)
    .sort((a, b) => b.h.auc.auc! - a.h.auc.auc!)
    .slice(0, 3);
  if (top.length) findings.push(`Best components alone (${top[0]!.h.horizon} d, exploration, not adjusted for the ${components.length} tried): ${top.map((x) => `${x.p.label} AUC ${formatNumber(x.h.auc.auc, 3)} ${formatInterval(x.h.auc.interval ? [x.h.auc.interval.lower, x.h.auc.interval.upper] : null)}`).join('; ')}.`);
  // A predictor whose whole interval is below 0.5 worked the other way round in this history.
  const reversed = evaluation.predictors
    .filter((p) => p.kind !== 'composite')
    .map((p) => ({ p, h: p.horizons[p.horizons.length - 1]! }))
    .filter((x) => x.h.auc.interval !== null && x.h.auc.interval.upper < 0.5);
  if (reversed.length) findings.push(`Read the other way round in this history (${reversed[0]!.h.horizon} d, whole interval below 0.5), against the direction its rule assumes: ${reversed.map((x) => `${x.p.label} AUC ${formatNumber(x.h.auc.auc, 3)} ${formatInterval([x.h.auc.interval!.lower, x.h.auc.interval!.upper])}`).join('; ')}.`);
  caveats.push(`The ${seasons} season starts fall in ${clusters} cluster${clusters === 1 ? '' : 's'} more than 180 days apart: the history holds few independent episodes to learn from.`);
  caveats.push(`Only ${seasons} season start${seasons === 1 ? '' : 's'} in the scored span: every interval is wide and a block bootstrap of ${evaluation.bootstrap.blockLength}-day blocks keeps neighbouring days together, as they are not independent.`);
  caveats.push('Labels overlap (a season start labels up to h days before it); the intervals allow for it, a naive count of days would not.');
  if (evaluation.fittedWeights) caveats.push('Fitted weights are fitted walk-forward: each day uses weights fitted only on labels known before it, so they are out of sample.');
  return { headline, findings, caveats };
}

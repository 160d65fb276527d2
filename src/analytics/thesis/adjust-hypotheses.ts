/**
 * The family of every hypothesis the report tested, with raw, gatekeeping-adjusted (what the
 * verdict uses), Holm-adjusted (family-wise error, any dependence) and Benjamini–Hochberg-adjusted
 * (false discovery rate) p-values. Hypotheses without a p-value (too little data) are listed but
 * not counted in any adjustment.
 *
 * The verdict's procedure is fixed-sequence gatekeeping (Westfall & Krishen 2001; Dmitrienko et
 * al. 2003): the main test, named in advance, is tested first at the full α (its own p-value
 * already corrects for the lags it scans); only if it rejects are the others tested, by Holm among
 * themselves. Its adjusted p-values are p̃_main = p_main and p̃_i = max(p_main, Holm_i) for the
 * others, so "p̃ < α" is exactly "rejected by the procedure", and the family-wise error rate stays
 * ≤ α. A simulated lead the main test finds is then also what the verdict reports (bench/thesis-power).
 */
import { benjaminiHochbergAdjust, holmAdjust } from '../stats/multiple-testing.ts';
import type { Hypothesis } from './thesis-report.ts';

export type UnadjustedHypothesis = Omit<Hypothesis, 'adjustedPValue' | 'holmPValue' | 'bhPValue'>;

export function adjustHypotheses(list: readonly UnadjustedHypothesis[], alpha: number) {
  const tested = list.map((h, i) => ({ h, i })).filter(({ h }) => h.pValue !== null);
  const raw = tested.map(({ h }) => h.pValue!);
  const holm = holmAdjust(raw);
  const bh = benjaminiHochbergAdjust(raw);
  const main = tested.find(({ h }) => h.primary) ?? null;
  const others = tested.filter(({ h }) => !h.primary);
  const othersHolm = holmAdjust(others.map(({ h }) => h.pValue!));
  const adjusted: Hypothesis[] = list.map((h) => ({ ...h, adjustedPValue: null, holmPValue: null, bhPValue: null }));
  tested.forEach(({ i }, k) => {
    adjusted[i]!.holmPValue = holm[k]!;
    adjusted[i]!.bhPValue = bh[k]!;
  });
  if (main) adjusted[main.i]!.adjustedPValue = main.h.pValue;
  // Without a main test there is no gate to pass: the others are then Holm among themselves.
  others.forEach(({ i }, k) => (adjusted[i]!.adjustedPValue = Math.max(main?.h.pValue ?? 0, othersHolm[k]!)));
  const procedure = main
    ? `the main test at α = ${alpha} first; the other ${others.length} tests count only if it rejects, then by Holm among themselves (fixed-sequence gatekeeping; family-wise error ≤ α)`
    : `no main test ran: the ${others.length} tests by Holm among themselves`;
  return {
    count: tested.length,
    alpha,
    procedure,
    significantRaw: raw.filter((p) => p < alpha).length,
    significantAdjusted: adjusted.filter((h) => h.adjustedPValue !== null && h.adjustedPValue < alpha).length,
    significantHolm: holm.filter((p) => p < alpha).length,
    significantBh: bh.filter((p) => p < alpha).length,
    list: adjusted,
  };
}

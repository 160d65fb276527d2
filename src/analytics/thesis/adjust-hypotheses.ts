/**
 * The family of every hypothesis the report tested, with raw, Holm-adjusted (family-wise error,
 * any dependence) and Benjamini–Hochberg-adjusted (false discovery rate) p-values. Hypotheses
 * without a p-value (too little data) are listed but not counted in the adjustment.
 */
import { benjaminiHochbergAdjust, holmAdjust } from '../stats/multiple-testing.ts';
import type { Hypothesis } from './thesis-report.ts';

export type UnadjustedHypothesis = Omit<Hypothesis, 'holmPValue' | 'bhPValue'>;

export function adjustHypotheses(list: readonly UnadjustedHypothesis[], alpha: number) {
  const tested = list.map((h, i) => ({ h, i })).filter(({ h }) => h.pValue !== null);
  const raw = tested.map(({ h }) => h.pValue!);
  const holm = holmAdjust(raw);
  const bh = benjaminiHochbergAdjust(raw);
  const adjusted: Hypothesis[] = list.map((h) => ({ ...h, holmPValue: null, bhPValue: null }));
  tested.forEach(({ i }, k) => {
    adjusted[i]!.holmPValue = holm[k]!;
    adjusted[i]!.bhPValue = bh[k]!;
  });
  return {
    count: tested.length,
    alpha,
    significantRaw: raw.filter((p) => p < alpha).length,
    significantHolm: holm.filter((p) => p < alpha).length,
    significantBh: bh.filter((p) => p < alpha).length,
    list: adjusted,
  };
}

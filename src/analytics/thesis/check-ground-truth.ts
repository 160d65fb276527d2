/** On a simulated market: what was planted, and whether the main test found it (the banner and bench/thesis-power use this rule). */
import type { LeadLagResult, ThesisReport } from './thesis-report.ts';
import { PRIMARY_LEAD_LAG_ID } from './write-verdict.ts';

/** The planted truth of a simulated store (see sim/simulate-market.ts), shown beside what was found. */
export interface ThesisGroundTruth {
  seed: number;
  leadDays: number;
  effect: number;
  plantedLink: { driver: string; target: string; leadDays: number; effect: number; meaning: string } | null;
}

/** The peak of the main test must lie within this many days of a planted lead to count as recovered. */
export const RECOVERY_TOLERANCE_DAYS = 3;

export function checkGroundTruth(truth: ThesisGroundTruth | null, leadLag: readonly LeadLagResult[], alpha: number): ThesisReport['groundTruth'] {
  const primary = leadLag.find((r) => r.id === PRIMARY_LEAD_LAG_ID);
  return truth
    ? {
        leadDays: truth.leadDays,
        effect: truth.effect,
        plantedLink: truth.plantedLink?.meaning ?? null,
        seed: truth.seed,
        found:
          primary && primary.unavailable === null
            ? {
                peakLagDays: primary.lead.peakLagDays,
                r: primary.lead.r,
                pValue: primary.lead.pValue,
                // The verdict's rule for the main test (p < α, r > 0) plus the planted lag.
                recovered:
                  primary.lead.pValue !== null &&
                  primary.lead.pValue < alpha &&
                  primary.lead.r !== null &&
                  primary.lead.r > 0 &&
                  primary.lead.peakLagDays !== null &&
                  Math.abs(primary.lead.peakLagDays - truth.leadDays) <= RECOVERY_TOLERANCE_DAYS,
              }
            : null,
      }
    : null;
}

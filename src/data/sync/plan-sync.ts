/**
 * Asks every source what is missing. A source whose planning fails (its store reads or identity
 * lookups) is reported, and the others still plan.
 */
import type { MarketDataSource, PlanContext, PlannedRequest } from '../sources/market-data-source.ts';

export interface SourcePlanResult {
  source: string;
  requests: PlannedRequest[];
  notes: string[];
  estimatedFollowUpCalls: number;
  error?: string;
}

export async function planSync(sources: readonly MarketDataSource[], context: PlanContext, exclude: ReadonlySet<string> = new Set()): Promise<SourcePlanResult[]> {
  return Promise.all(
    sources.map(async (source): Promise<SourcePlanResult> => {
      try {
        const plan = await source.plan(context);
        const requests = plan.requests.filter((r) => !exclude.has(r.key));
        const keys = new Set<string>();
        for (const request of requests) {
          if (keys.has(request.key)) throw new Error(`planned the request ${request.key} twice`);
          keys.add(request.key);
        }
        return { source: source.name, requests, notes: plan.notes, estimatedFollowUpCalls: plan.estimatedFollowUpCalls ?? 0 };
      } catch (error) {
        return { source: source.name, requests: [], notes: [], estimatedFollowUpCalls: 0, error: `could not plan ${source.name}: ${(error as Error).message}` };
      }
    }),
  );
}

/** HTTP calls a plan takes, per source. */
export function callsOf(plan: SourcePlanResult): number {
  return plan.requests.reduce((sum, r) => sum + r.calls, 0) + plan.estimatedFollowUpCalls;
}

/**
 * Variants of a profit-taking plan for a sweep (METHODS.md "Profit-taking ladders": each ladder
 * variant is a trial in DSR and PBO): every price-target rung's gain scaled by g and every rule's
 * sell share by s, over a grid of (g, s). Where the scaled shares of one scope would sell more than
 * all of Q₀, they are scaled down together to sum to 1, so a variant stays a valid plan.
 */
import { InvalidInputError } from '../../domain/errors.ts';
import type { PlanRule, ProfitPlan } from './profit-plan.ts';

export interface LadderVariant {
  gainScale: number;
  sellScale: number;
  plan: ProfitPlan;
}

export function ladderVariant(plan: ProfitPlan, gainScale: number, sellScale: number): ProfitPlan {
  if (!(gainScale > 0 && Number.isFinite(gainScale))) throw new InvalidInputError(`gain scale must be a number > 0, got ${gainScale}`);
  if (!(sellScale > 0 && Number.isFinite(sellScale))) throw new InvalidInputError(`sell scale must be a number > 0, got ${sellScale}`);
  const rules: PlanRule[] = plan.rules.map((r) => ({
    ...r,
    trigger: r.trigger.type === 'gain' ? { type: 'gain', pct: r.trigger.pct * gainScale } : r.trigger,
    sell: r.sell * sellScale,
  }));
  const totals = new Map<string, number>();
  for (const r of rules) totals.set(r.scope, (totals.get(r.scope) ?? 0) + r.sell);
  return { name: `${plan.name}[gain×${gainScale},sell×${sellScale}]`, rules: rules.map((r) => ({ ...r, sell: r.sell / Math.max(1, totals.get(r.scope)!) })) };
}

/** The grid, gain scales outer, sell scales inner. */
export function ladderVariants(plan: ProfitPlan, gainScales: readonly number[], sellScales: readonly number[]): LadderVariant[] {
  return gainScales.flatMap((gainScale) => sellScales.map((sellScale) => ({ gainScale, sellScale, plan: ladderVariant(plan, gainScale, sellScale) })));
}

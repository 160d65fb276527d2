/**
 * `altseason portfolio plan save FILE | list | remove NAME | check NAME [--at DATE]` and their library
 * functions: profit-taking plans kept in the local store, and which of their rules fire for the
 * stored holdings up to a day (analytics/portfolio/profit-plan.ts), with the orders they imply and
 * the plan replayed against holding. Point in time: the panel, the ASI and BTC dominance are read
 * up to the day checked, so no firing can use a later observation. A holding's entry is its
 * `acquired` date (needed); Q₀ is the stored quantity.
 */
import { Decimal } from 'decimal.js';
import { isoDateOf, parseDay, type DayNumber, type UnixMs } from '../domain/dates.ts';
import { InvalidInputError, NoDataError } from '../domain/errors.ts';
import { priceAsOf } from '../analytics/portfolio/value-holdings.ts';
import { evaluatePlan, type PlanEvaluation, type PlanFiring, type PlanPosition, type PlanSeries, type ProfitPlan } from '../analytics/portfolio/profit-plan.ts';
import { parsePlanFile } from './portfolio-plan-file.ts';
import { portfolioAssetResolver } from '../data/portfolio/portfolio-asset-resolver.ts';
import type { PortfolioFile } from '../data/portfolio/parse-portfolio-file.ts';
import type { Store } from '../data/store/store.ts';
import type { PlanCheckResult } from './contracts/portfolio.ts';
import { PLAN_CHECK_SCHEMA } from './contracts/portfolio-names.ts';
import { dataNotice } from './data-notice.ts';
import { dominance } from './dominance.ts';
import { BTC_ID, loadPortfolioView } from './portfolio-show.ts';
import { inSnapshot, type ReadContext } from './read-context.ts';
import { readiness } from './readiness.ts';
import { rotation } from './rotation.ts';
import { seasonIndex } from './season-index.ts';
import { DEFAULT_DATE_FIELDS, type DateFieldNames } from './stored-span.ts';

/** Validates a plan file against the stored assets and keeps it under its name. */
export async function savePlan(store: Store, file: PortfolioFile, options: { now?: UnixMs } = {}): Promise<ProfitPlan> {
  const [assets, symbols] = await store.snapshot(() => Promise.all([store.listAssets(), store.listAssetSymbols()]));
  const plan = await parsePlanFile(file, portfolioAssetResolver(assets, symbols));
  await store.portfolio.savePlan({ name: plan.name, plan: JSON.stringify(plan), savedAt: options.now ?? (Date.now() as UnixMs) });
  return plan;
}

export async function listPlans(store: Store): Promise<ProfitPlan[]> {
  return (await store.portfolio.listPlans()).map((p) => JSON.parse(p.plan) as ProfitPlan);
}

export async function removePlan(store: Store, name: string): Promise<void> {
  if (!(await store.portfolio.deletePlan(name))) throw new InvalidInputError(`plan ${JSON.stringify(name)}: no such plan (see \`altseason portfolio plan list\`)`);
}

export interface PlanCheckQuery {
  name: string;
  at?: DayNumber;
  /**
   * Simulate instead: every stored holding bought at this day's close (Q₀ = its stored quantity,
   * cost = Q₀ × that close), the plan replayed from there to `at`, against holding.
   */
  entryAt?: DayNumber;
  fieldNames?: DateFieldNames;
}

/** What a stored plan evaluates to over the stored holdings (called inside a snapshot). */
export interface StoredPlanEvaluation {
  plan: ProfitPlan;
  view: Awaited<ReturnType<typeof loadPortfolioView>>;
  day: DayNumber;
  positions: PlanPosition[];
  evaluation: PlanEvaluation;
  skipped: PlanCheckResult['skipped'];
  series: string[];
  symbolOf: (id: string) => string | null;
  /** The series the plan's rules read, up to `day` (to evaluate variants of the plan on the same data). */
  planSeries: PlanSeries;
}

export async function evaluateStoredPlan(context: ReadContext, query: PlanCheckQuery): Promise<StoredPlanEvaluation> {
  const names = query.fieldNames ?? DEFAULT_DATE_FIELDS;
  const stored = (await context.store.portfolio.listPlans()).find((p) => p.name === query.name);
  if (!stored) throw new InvalidInputError(`plan ${JSON.stringify(query.name)}: no such plan (see \`altseason portfolio plan list\`)`);
  const plan = JSON.parse(stored.plan) as ProfitPlan;
  const view = await loadPortfolioView(context, query.at, names);
  const { panel, day } = view;
  const skipped: PlanCheckResult['skipped'] = [];
  const positions: PlanPosition[] = [];
  if (query.entryAt !== undefined && query.entryAt >= day) throw new InvalidInputError(`${names.from} ${isoDateOf(query.entryAt)} must be before ${names.to} ${isoDateOf(day)}`);
  const entryIndex = new Map(panel.assets.map((a, i) => [a.id, i]));
  for (const h of view.valuation.holdings) {
    if (query.entryAt !== undefined) {
      const quote = priceAsOf(panel, entryIndex.get(h.assetId) ?? -1, query.entryAt);
      if (quote === null || query.entryAt - quote.day > 7) {
        skipped.push({ ruleId: '*', id: h.assetId, reason: `no stored close at or within 7 days before ${isoDateOf(query.entryAt)} to enter at` });
        continue;
      }
      positions.push({ assetId: h.assetId, quantity: h.quantity, cost: h.quantity.times(new Decimal(String(quote.price))), entryDay: query.entryAt });
      continue;
    }
    if (h.acquiredDay === null) {
      skipped.push({ ruleId: '*', id: h.assetId, reason: 'the holding has no acquired date, so no entry to measure from' });
      continue;
    }
    if (h.acquiredDay > day) {
      skipped.push({ ruleId: '*', id: h.assetId, reason: `acquired ${isoDateOf(h.acquiredDay)}, after ${isoDateOf(day)}` });
      continue;
    }
    positions.push({ assetId: h.assetId, quantity: h.quantity, cost: h.cost, entryDay: h.acquiredDay });
  }
  if (positions.length === 0 && skipped.length === 0) throw new NoDataError('no holding to check the plan against');
  const first = positions.reduce<number>((m, p) => Math.min(m, p.entryDay), day) as DayNumber;
  const index = new Map(panel.assets.map((a, i) => [a.id, i]));
  const series: PlanSeries = {
    close(assetId, d) {
      const asset = panel.assets[index.get(assetId) ?? -1];
      if (!asset || d > day) return null;
      const v = asset.price[d - asset.firstDay];
      return v !== undefined && Number.isFinite(v) ? v : null;
    },
  };
  const used: string[] = ['stored daily closes'];
  const kinds = new Set(plan.rules.map((r) => r.trigger.type));
  if (kinds.has('asi-below') && positions.length > 0) {
    const asi = await seasonIndex(context, { from: first, to: day, fieldNames: names });
    const byDay = new Map(asi.points.map((p) => [parseDay(p.date), p.index]));
    series.asi = (d) => (d > day ? null : (byDay.get(d) ?? null));
    used.push(`Altcoin Season Index ${asi.from} → ${asi.to} (window ${asi.settings.window} days, top ${asi.settings.top})`);
  }
  if (kinds.has('btc-dominance-above') && positions.length > 0) {
    const d = await dominance(context, { from: first, to: day, fieldNames: names });
    const byDay = new Map(d.days.map((p) => [parseDay(p.date), p.btcDominancePct ?? p.providerBtcDominancePct]));
    series.btcDominance = (x) => (x > day ? null : (byDay.get(x) ?? null));
    used.push('BTC dominance (stored universe, else the provider\'s)');
  }
  if (kinds.has('rotation-phase') && positions.length > 0) {
    const r = await rotation(context, { from: first, to: day, fieldNames: names });
    const byDay = new Map(r.days.map((p) => [parseDay(p.date), p.phase]));
    series.phase = (x) => (x > day ? null : (byDay.get(x) ?? null));
    used.push('rotation phase (point-in-time tiers, confirmed phases)');
  }
  if (kinds.has('readiness-below') && positions.length > 0) {
    const r = await readiness(context, { from: first, to: day, fieldNames: names });
    const byDay = new Map(r.days.map((p) => [parseDay(p.date), p.score]));
    series.readiness = (x) => (x > day ? null : (byDay.get(x) ?? null));
    used.push('readiness score (default weights)');
  }
  const evaluation = evaluatePlan(plan, positions, series, day, { btcId: BTC_ID });
  const symbolOf = (id: string) => panel.assets[index.get(id) ?? -1]?.symbol ?? null;
  return { plan, view, day, positions, evaluation, skipped, series: used, symbolOf, planSeries: series };
}

/** The firings as contract rows, in day order; `firesToday` marks those of `day`. */
export function firingRows(firings: readonly PlanFiring[], symbolOf: (id: string) => string | null, day: DayNumber): PlanCheckResult['firings'] {
  return [...firings].sort((a, b) => a.day - b.day || (a.assetId < b.assetId ? -1 : a.assetId > b.assetId ? 1 : 0)).map((f) => ({
    date: isoDateOf(f.day),
    ruleId: f.ruleId,
    id: f.assetId,
    symbol: symbolOf(f.assetId),
    trigger: f.description,
    value: Number(f.value.toPrecision(8)),
    limit: Number(f.limit.toPrecision(8)),
    priceUsd: Number(f.price.toPrecision(10)),
    quantity: f.quantity.toFixed(),
    proceedsUsd: f.proceeds.toFixed(2),
    firesToday: f.day === day,
  }));
}

export async function planCheck(context: ReadContext, query: PlanCheckQuery): Promise<PlanCheckResult> {
  return inSnapshot(context, async () => {
    const { plan, view, day, positions, evaluation, skipped, series: used, symbolOf } = await evaluateStoredPlan(context, query);
    let planValue = new Decimal(0);
    let holdValue = new Decimal(0);
    let priced = true;
    for (const p of positions) {
      const h = view.valuation.holdings.find((x) => x.assetId === p.assetId)!;
      if (h.price === null) {
        priced = false;
        continue;
      }
      const price = new Decimal(String(h.price));
      holdValue = holdValue.plus(p.quantity.times(price));
      planValue = planValue.plus(evaluation.remaining.get(p.assetId)!.times(price));
    }
    for (const f of evaluation.firings) planValue = planValue.plus(f.proceeds);
    const simulated = view.simulated;
    return {
      schema: PLAN_CHECK_SCHEMA,
      simulated,
      data: dataNotice(view.lastDay, context.today(), simulated),
      plan: plan.name,
      asOf: isoDateOf(day),
      simulatedEntry: query.entryAt === undefined ? null : isoDateOf(query.entryAt),
      firings: firingRows(evaluation.firings, symbolOf, day),
      skipped: [...skipped, ...evaluation.skipped.map((s) => ({ ruleId: s.ruleId, id: s.assetId, reason: s.reason }))],
      remaining: [...evaluation.remaining].map(([id, q]) => ({ id, quantity: q.toFixed() })),
      replay: priced && positions.length > 0 ? { planValueUsd: planValue.toFixed(2), holdValueUsd: holdValue.toFixed(2), differenceUsd: planValue.minus(holdValue).toFixed(2) } : null,
      series: used,
    };
  });
}

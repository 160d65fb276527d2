/**
 * Profit-taking plans evaluated point in time (METHODS.md "Profit-taking ladders", docs/risk.md).
 * A plan is data: rules, each with a scope (one asset, or the whole alt book), a trigger and the
 * share of the INITIAL quantity Q₀ it sells (rungs never compound: a rule sells
 * min(share·Q₀, remaining)). Each rule fires once, at the first bar close from the day after entry
 * on where its trigger holds; several may fire on one bar, in plan order. Triggers:
 *
 * - `gain`: close ≥ entry·(1 + pct/100), entry = cost/Q₀ (needs a cost);
 * - `days`: n days since entry;
 * - `trailing-stop`: chandelier stop on closes, Sₜ = max(Sₜ₋₁, highest close since entry −
 *   k·ATRₜ), ATR(period) over close-only bars (TR = |Cₜ − Cₜ₋₁|: the store keeps closes), exit when
 *   the close is below Sₜ;
 * - `asi-below`: the Altcoin Season Index closes below `level` after it reached `afterPeakAbove`
 *   at or after entry (a season ended);
 * - `btc-dominance-above`: BTC dominance (in %) closes above `level`;
 * - `rotation-phase`: the rotation phase (confirmed point in time) is `phase` that day;
 * - `readiness-below`: the readiness score closes below `level` after reaching `afterPeakAbove`.
 *
 * Point in time: evaluating at day t reads only closes and series values of days ≤ t; a series is
 * a function of the day the caller built from data known then (the ASI and BTC.D are).
 */
import { Decimal } from 'decimal.js';
import type { DayNumber } from '../../domain/dates.ts';
import { averageTrueRange } from '../risk/position-size.ts';

export type PlanTrigger =
  | { type: 'gain'; pct: number }
  | { type: 'days'; after: number }
  | { type: 'trailing-stop'; atrMultiple: number; atrPeriod: number }
  | { type: 'asi-below'; level: number; afterPeakAbove: number }
  | { type: 'btc-dominance-above'; level: number }
  | { type: 'rotation-phase'; phase: string }
  | { type: 'readiness-below'; level: number; afterPeakAbove: number };

export interface PlanRule {
  id: string;
  /** An asset id, or 'alts' (every holding but BTC). */
  scope: string;
  trigger: PlanTrigger;
  /** Share of Q₀ sold, in (0, 1]. */
  sell: number;
}

export interface ProfitPlan {
  name: string;
  rules: PlanRule[];
}

export interface PlanPosition {
  assetId: string;
  /** Q₀. */
  quantity: Decimal;
  cost: Decimal | null;
  entryDay: DayNumber;
}

/** Day-indexed inputs; each returns null where there is no value that day. */
export interface PlanSeries {
  /** The asset's stored close ON that day (not carried forward). */
  close(assetId: string, day: DayNumber): number | null;
  asi?(day: DayNumber): number | null;
  btcDominance?(day: DayNumber): number | null;
  /** The rotation phase id that day ('small-caps-and-memes', …). */
  phase?(day: DayNumber): string | null;
  /** The readiness score (0–100) that day. */
  readiness?(day: DayNumber): number | null;
}

export interface PlanFiring {
  ruleId: string;
  assetId: string;
  day: DayNumber;
  /** The close that day. */
  price: number;
  /** The figure the trigger compared (close, days, stop, ASI, BTC.D). */
  value: number;
  /** The level it was compared with. */
  limit: number;
  quantity: Decimal;
  proceeds: Decimal;
  description: string;
}

export interface PlanSkip {
  ruleId: string;
  assetId: string;
  reason: string;
}

export interface PlanEvaluation {
  firings: PlanFiring[];
  skipped: PlanSkip[];
  /** Remaining quantity per asset after the firings up to the day. */
  remaining: Map<string, Decimal>;
}

export function ruleApplies(rule: PlanRule, assetId: string, btcId = 'bitcoin'): boolean {
  return rule.scope === 'alts' ? assetId !== btcId : rule.scope === assetId;
}

function describe(t: PlanTrigger): string {
  switch (t.type) {
    case 'gain':
      return `close ≥ entry + ${t.pct} %`;
    case 'days':
      return `${t.after} days since entry`;
    case 'trailing-stop':
      return `close below the ${t.atrMultiple}×ATR(${t.atrPeriod}) chandelier stop`;
    case 'asi-below':
      return `ASI below ${t.level} after a peak ≥ ${t.afterPeakAbove}`;
    case 'btc-dominance-above':
      return `BTC dominance above ${t.level} %`;
    case 'rotation-phase':
      return `rotation phase reaches ${t.phase}`;
    case 'readiness-below':
      return `readiness below ${t.level} after ≥ ${t.afterPeakAbove}`;
  }
}

/** State a trigger keeps while walking one position's days. */
interface Walker {
  /** The figure and limit when the trigger holds at the close of `day`, else null. */
  step(day: DayNumber, close: number, barIndex: number): { value: number; limit: number } | null;
}

function walkerFor(rule: PlanRule, position: PlanPosition, series: PlanSeries, bars: readonly { day: DayNumber; close: number }[]): Walker | string {
  const t = rule.trigger;
  switch (t.type) {
    case 'gain': {
      if (position.cost === null || !position.quantity.greaterThan(0)) return 'needs the holding\'s cost';
      const limit = position.cost.dividedBy(position.quantity).times(1 + t.pct / 100).toNumber();
      return { step: (_day, close) => (close >= limit ? { value: close, limit } : null) };
    }
    case 'days':
      return { step: (day) => (day - position.entryDay >= t.after ? { value: day - position.entryDay, limit: t.after } : null) };
    case 'trailing-stop': {
      // ATR over the bars after entry up to the evaluation day only (each value reads earlier bars).
      const atr = averageTrueRange(
        bars.map((b) => ({ high: b.close, low: b.close, close: b.close })),
        t.atrPeriod,
      );
      let highest = Number.NEGATIVE_INFINITY;
      let stop = Number.NEGATIVE_INFINITY;
      return {
        step: (_day, close, i) => {
          highest = Math.max(highest, close);
          const a = atr[i]!;
          if (!Number.isFinite(a)) return null;
          stop = Math.max(stop, highest - t.atrMultiple * a);
          return close < stop ? { value: close, limit: stop } : null;
        },
      };
    }
    case 'rotation-phase': {
      if (!series.phase) return 'no rotation phase series';
      const phase = series.phase;
      return { step: (day) => (phase(day) === t.phase ? { value: 1, limit: 1 } : null) };
    }
    case 'readiness-below':
    case 'asi-below': {
      const asi = t.type === 'asi-below' ? series.asi : series.readiness;
      if (!asi) return t.type === 'asi-below' ? 'no ASI series' : 'no readiness series';
      let peaked = false;
      return {
        step: (day) => {
          const v = asi(day);
          if (v === null) return null;
          if (v >= t.afterPeakAbove) peaked = true;
          return peaked && v < t.level ? { value: v, limit: t.level } : null;
        },
      };
    }
    case 'btc-dominance-above': {
      if (!series.btcDominance) return 'no BTC dominance series';
      const d = series.btcDominance;
      return {
        step: (day) => {
          const v = d(day);
          return v !== null && v > t.level ? { value: v, limit: t.level } : null;
        },
      };
    }
  }
}

/**
 * Every firing of the plan's rules for each position from its entry through `day` (inclusive),
 * reading nothing after `day`.
 */
export function evaluatePlan(plan: ProfitPlan, positions: readonly PlanPosition[], series: PlanSeries, day: DayNumber, options: { btcId?: string } = {}): PlanEvaluation {
  const firings: PlanFiring[] = [];
  const skipped: PlanSkip[] = [];
  const remaining = new Map<string, Decimal>();
  for (const position of positions) {
    let left = position.quantity;
    const rules = plan.rules.filter((r) => ruleApplies(r, position.assetId, options.btcId));
    const walkers: { rule: PlanRule; walker: Walker; fired: boolean }[] = [];
    // The entry bar is the purchase; rules watch the closes after it, up to `day`.
    const bars: { day: DayNumber; close: number }[] = [];
    for (let d = position.entryDay + 1; d <= day; d++) {
      const close = series.close(position.assetId, d as DayNumber);
      if (close !== null) bars.push({ day: d as DayNumber, close });
    }
    for (const rule of rules) {
      const walker = walkerFor(rule, position, series, bars);
      if (typeof walker === 'string') skipped.push({ ruleId: rule.id, assetId: position.assetId, reason: walker });
      else walkers.push({ rule, walker, fired: false });
    }
    for (let i = 0; i < bars.length && walkers.some((w) => !w.fired) && left.greaterThan(0); i++) {
      const { day: d, close } = bars[i]!;
      for (const w of walkers) {
        if (w.fired) continue;
        const hit = w.walker.step(d, close, i);
        if (hit === null || !left.greaterThan(0)) continue;
        w.fired = true;
        const want = position.quantity.times(w.rule.sell);
        const quantity = Decimal.min(want, left);
        left = left.minus(quantity);
        firings.push({
          ruleId: w.rule.id,
          assetId: position.assetId,
          day: d,
          price: close,
          value: hit.value,
          limit: hit.limit,
          quantity,
          proceeds: quantity.times(new Decimal(String(close))),
          description: describe(w.rule.trigger),
        });
      }
    }
    remaining.set(position.assetId, left);
  }
  return { firings, skipped, remaining };
}

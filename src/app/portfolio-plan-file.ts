/**
 * Parses a profit-taking plan file (YAML or JSON; docs/risk.md) into a ProfitPlan, with errors that
 * name the file, the rule and the field. Shares are percentages in the file (`sell_pct: 25`) and
 * fractions in the plan; a scope is `alts` or an asset id or ticker (resolved to the stable id); the
 * rules of one scope may not sell more than 100 % of Q₀ in total.
 *
 *     name: alt-ladder
 *     rules:
 *       - { scope: alts, gain_pct: 50, sell_pct: 25 }
 *       - { scope: alts, gain_pct: 100, sell_pct: 25 }
 *       - { scope: alts, asi_below: 75, after_peak_above: 85, sell_pct: 50 }
 *       - { scope: ETH, days: 365, sell_pct: 100 }
 *       - { scope: SOL, trailing_atr: 3, atr_period: 14, sell_pct: 100 }
 *       - { scope: alts, btc_dominance_above: 60, sell_pct: 100 }
 *       - { scope: alts, rotation_phase: small-caps-and-memes, sell_pct: 25 }
 *       - { scope: alts, readiness_below: 40, after_readiness_above: 70, sell_pct: 25 }
 */
import { z } from 'zod';
import { InvalidInputError } from '../domain/errors.ts';
import { ROTATION_PHASES } from '../analytics/rotation/rotation-phase.ts';
import type { PlanRule, PlanTrigger, ProfitPlan } from '../analytics/portfolio/profit-plan.ts';
import type { PortfolioAssetResolver, PortfolioFile } from '../data/portfolio/parse-portfolio-file.ts';

const PLAN_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const positive = z.number().positive();

const RuleSchema = z
  .object({
    id: z.string().min(1).max(64).optional(),
    scope: z.string().min(1),
    sell_pct: z.number().gt(0).max(100),
    gain_pct: positive.optional(),
    days: z.number().int().positive().optional(),
    trailing_atr: positive.optional(),
    atr_period: z.number().int().min(1).max(200).optional(),
    asi_below: z.number().min(0).max(100).optional(),
    after_peak_above: z.number().min(0).max(100).optional(),
    btc_dominance_above: z.number().gt(0).lt(100).optional(),
    rotation_phase: z.enum(ROTATION_PHASES).optional(),
    readiness_below: z.number().min(0).max(100).optional(),
    after_readiness_above: z.number().min(0).max(100).optional(),
  })
  .strict();

const PlanSchema = z.object({ name: z.string().regex(PLAN_NAME, 'lower-case letters, digits, - or _ (at most 64)'), rules: z.array(RuleSchema).min(1) }).strict();

const TRIGGER_KEYS = ['gain_pct', 'days', 'trailing_atr', 'asi_below', 'btc_dominance_above', 'rotation_phase', 'readiness_below'] as const;

export async function parsePlanFile(file: PortfolioFile, resolve: PortfolioAssetResolver): Promise<ProfitPlan> {
  let value: unknown;
  // Line of a path in the file (YAML's parser reads JSON too), so errors say where.
  let lineOf: (path: readonly PropertyKey[]) => number | null = () => null;
  try {
    const { LineCounter, parseDocument } = await import('yaml');
    const lines = new LineCounter();
    const document = parseDocument(file.text, { lineCounter: lines });
    if (document.errors.length > 0) throw document.errors[0]!;
    value = document.toJS();
    lineOf = (path) => {
      for (let depth = path.length; depth >= 0; depth--) {
        const node = document.getIn(path.slice(0, depth) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
        if (node?.range) return lines.linePos(node.range[0]).line;
      }
      return null;
    };
  } catch (error) {
    throw new InvalidInputError(`${file.name}: not a YAML or JSON file (${(error as Error).message.split('\n')[0]})`);
  }
  const parsed = PlanSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === 'number' ? `rule ${p + 1}` : String(p))).join(' → ');
    const line = lineOf(issue.path);
    let given: unknown = value;
    for (const key of issue.path) given = given !== null && typeof given === 'object' ? (given as Record<PropertyKey, unknown>)[key] : undefined;
    const got = given === undefined || issue.path.length === 0 ? '' : ` (got ${JSON.stringify(given)})`;
    throw new InvalidInputError(`${file.name}${line === null ? '' : `:${line}`}: ${path || 'the plan'}: ${issue.message}${got}`);
  }
  const ruleLine = (i: number) => {
    const line = lineOf(['rules', i]);
    return line === null ? '' : `:${line}`;
  };
  const totals = new Map<string, number>();
  const ids = new Set<string>();
  const rules: PlanRule[] = parsed.data.rules.map((raw, i) => {
    const where = `${file.name}${ruleLine(i)}: rule ${i + 1}`;
    const given = TRIGGER_KEYS.filter((k) => raw[k] !== undefined);
    if (given.length !== 1) throw new InvalidInputError(`${where}: give exactly one trigger of ${TRIGGER_KEYS.join(', ')}, got ${given.length === 0 ? 'none' : given.join(', ')}`);
    if (raw.after_peak_above !== undefined && raw.asi_below === undefined) throw new InvalidInputError(`${where}: after_peak_above goes with asi_below`);
    if (raw.atr_period !== undefined && raw.trailing_atr === undefined) throw new InvalidInputError(`${where}: atr_period goes with trailing_atr`);
    if (raw.after_readiness_above !== undefined && raw.readiness_below === undefined) throw new InvalidInputError(`${where}: after_readiness_above goes with readiness_below`);
    let trigger: PlanTrigger;
    if (raw.gain_pct !== undefined) trigger = { type: 'gain', pct: raw.gain_pct };
    else if (raw.days !== undefined) trigger = { type: 'days', after: raw.days };
    else if (raw.trailing_atr !== undefined) trigger = { type: 'trailing-stop', atrMultiple: raw.trailing_atr, atrPeriod: raw.atr_period ?? 14 };
    else if (raw.asi_below !== undefined) {
      const peak = raw.after_peak_above ?? 75;
      if (peak < raw.asi_below) throw new InvalidInputError(`${where}: after_peak_above ${peak} is below asi_below ${raw.asi_below}`);
      trigger = { type: 'asi-below', level: raw.asi_below, afterPeakAbove: peak };
    } else if (raw.readiness_below !== undefined) {
      const peak = raw.after_readiness_above ?? raw.readiness_below;
      if (peak < raw.readiness_below) throw new InvalidInputError(`${where}: after_readiness_above ${peak} is below readiness_below ${raw.readiness_below}`);
      trigger = { type: 'readiness-below', level: raw.readiness_below, afterPeakAbove: peak };
    } else if (raw.rotation_phase !== undefined) trigger = { type: 'rotation-phase', phase: raw.rotation_phase };
    else trigger = { type: 'btc-dominance-above', level: raw.btc_dominance_above! };
    let scope = 'alts';
    if (raw.scope.toLowerCase() !== 'alts') {
      const resolved = resolve(raw.scope);
      if ('error' in resolved) throw new InvalidInputError(`${where}: unknown asset ${JSON.stringify(raw.scope)} in scope: ${resolved.error}`);
      scope = resolved.id;
    }
    const id = raw.id ?? `rule-${i + 1}`;
    if (ids.has(id)) throw new InvalidInputError(`${where}: the id ${JSON.stringify(id)} is used already`);
    ids.add(id);
    const total = (totals.get(scope) ?? 0) + raw.sell_pct;
    totals.set(scope, total);
    if (total > 100 + 1e-9) throw new InvalidInputError(`${where}: the rules for ${scope} sell ${total} % of the initial quantity in all, more than 100 %`);
    return { id, scope, trigger, sell: raw.sell_pct / 100 };
  });
  return { name: parsed.data.name, rules };
}

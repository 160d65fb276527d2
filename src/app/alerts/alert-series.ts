/**
 * The series alert rules may name, each computed by the use case that owns it (never a second
 * copy): the Altcoin Season Index (season-index.ts), BTC dominance and TOTAL2 / BTC
 * (dominance.ts), the Russell 2000 (russell-2000.ts), the rotation phase (rotation.ts) and the
 * readiness composite (readiness.ts). Each is read up to the as-of day only, so a value on day t
 * depends on nothing later (the use cases compute each day point in time).
 */
import { addDays, parseDay, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError, NoDataError } from '../../domain/errors.ts';
import type { AlertSeries } from '../../analytics/alerts/evaluate-rule.ts';
import { SIGNALS } from '../../analytics/signals/signal-catalogue.ts';
import type { RulesFile } from '../../data/alerts/rules-file.ts';
import { RotationPhaseSchema } from '../contracts/rotation.ts';
import { dominance } from '../dominance.ts';
import type { ReadContext } from '../read-context.ts';
import { readiness } from '../readiness.ts';
import { rotation } from '../rotation.ts';
import { russell2000 } from '../russell-2000.ts';
import { seasonIndex } from '../season-index.ts';
import { signalHistories } from '../signals.ts';

export interface AlertSeriesDefinition {
  id: string;
  label: string;
  unit: string;
  description: string;
}

export const ALERT_SERIES: readonly AlertSeriesDefinition[] = [
  { id: 'asi-30d', label: 'ASI 30 d', unit: 'index 0–100', description: 'Altcoin Season Index over 30 days (top 50, share beating BTC)' },
  { id: 'asi-90d', label: 'ASI 90 d', unit: 'index 0–100', description: 'Altcoin Season Index over 90 days (the season index; ≥ 75 = altcoin season)' },
  { id: 'asi-365d', label: 'ASI 365 d', unit: 'index 0–100', description: 'Altcoin Season Index over 365 days (Altcoin Year)' },
  { id: 'btc-dominance', label: 'BTC.D', unit: '%', description: "BTC's share of the stored top-125 market cap, percent" },
  { id: 'total2-vs-btc', label: 'TOTAL2 / BTC', unit: 'ratio', description: 'TOTAL2 (the top-125 cap without BTC) divided by BTC market cap' },
  { id: 'rut-close', label: 'Russell 2000', unit: 'points', description: 'Russell 2000 (^RUT) daily close' },
  { id: 'rut-from-record', label: 'Russell 2000 vs record', unit: '%', description: 'Russell 2000 distance from its record close so far, percent (0 on a record day)' },
  { id: 'rotation-phase', label: 'Rotation phase', unit: 'phase', description: 'the sector-rotation phase (enters-phase rules: e.g. memes)' },
  { id: 'readiness', label: 'Readiness', unit: 'score 0–100', description: 'the altseason readiness composite score' },
  // Every confirmation signal (altseason signals), in its own unit.
  ...SIGNALS.map((s) => ({ id: `signal:${s.name}`, label: s.label, unit: s.unit, description: `confirmation signal ${s.name} (altseason signal ${s.name})` })),
];

export const ALERT_SERIES_IDS: readonly string[] = ALERT_SERIES.map((s) => s.id);

/** The values of the categorical series (enters-phase rules); every other series is numeric. */
export const PHASE_SERIES: Readonly<Record<string, readonly string[]>> = { 'rotation-phase': RotationPhaseSchema.options };

/** Checks each rule against its series: phases only on a phase series, and a phase it has (errors name the rule and field). */
export function checkRuleSeries(file: RulesFile): void {
  file.rules.forEach((rule, i) => {
    const at = `rules file ${file.path}: rule ${JSON.stringify(rule.id)} (rules[${i}])`;
    const phases = PHASE_SERIES[rule.series];
    if (rule.when === 'enters-phase') {
      if (!phases) throw new InvalidInputError(`${at}, field "when": enters-phase needs a phase series (${Object.keys(PHASE_SERIES).join(', ')}), not ${rule.series}`);
      if (!phases.includes(rule.phase)) throw new InvalidInputError(`${at}, field "phase": ${JSON.stringify(rule.phase)} is not a phase of ${rule.series} (phases: ${phases.join(', ')})`);
    } else if (phases) {
      throw new InvalidInputError(`${at}, field "when": ${rule.series} is a phase series: use when: enters-phase with phase: one of ${phases.join(', ')}`);
    }
  });
}

export function seriesLabel(id: string): string {
  return ALERT_SERIES.find((s) => s.id === id)?.label ?? id;
}

type Loaded = AlertSeries;

function fromRows<T>(rows: readonly T[], day: (r: T) => string, value: (r: T) => number | string | null): Loaded {
  return { days: Int32Array.from(rows, (r) => parseDay(day(r))), values: rows.map(value) };
}

/**
 * Loads each named series up to `to` (from the start of its history, so hysteresis and cooldown
 * states are the same whatever range is asked). A series without data is an empty series.
 */
export async function loadAlertSeries(context: ReadContext, ids: readonly string[], to: DayNumber): Promise<Map<string, Loaded>> {
  const wanted = new Set(ids);
  const out = new Map<string, Loaded>();
  const orEmpty = async (work: () => Promise<Loaded>): Promise<Loaded> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof NoDataError) return { days: new Int32Array(0), values: [] };
      throw error;
    }
  };
  const span = await context.store.cryptoDaySpan();
  const first = span.firstDay ?? to;
  const cryptoTo = (span.lastDay === null ? to : Math.min(to, span.lastDay)) as DayNumber;
  for (const window of [30, 90, 365]) {
    const id = `asi-${window}d`;
    if (!wanted.has(id)) continue;
    out.set(id, await orEmpty(async () => fromRows((await seasonIndex(context, { from: first, to: cryptoTo, settings: { window } })).points, (p) => p.date, (p) => p.index)));
  }
  if (wanted.has('btc-dominance') || wanted.has('total2-vs-btc')) {
    const result = await orEmpty(async () => {
      const d = await dominance(context, { from: first, to: cryptoTo });
      out.set('total2-vs-btc', fromRows(d.days, (r) => r.date, (r) => (r.total2Usd !== null && r.btcMarketCapUsd ? r.total2Usd / r.btcMarketCapUsd : null)));
      return fromRows(d.days, (r) => r.date, (r) => r.btcDominancePct);
    });
    out.set('btc-dominance', result);
    if (!out.has('total2-vs-btc')) out.set('total2-vs-btc', { days: new Int32Array(0), values: [] });
  }
  if (wanted.has('rut-close') || wanted.has('rut-from-record')) {
    const rut = await orEmpty(async () => {
      const r = await russell2000(context, { from: addDays(to, -365 * 60), to });
      out.set('rut-from-record', fromRows(r.days, (x) => x.date, (x) => x.distanceFromRecordPct));
      return fromRows(r.days, (x) => x.date, (x) => x.close);
    });
    out.set('rut-close', rut);
    if (!out.has('rut-from-record')) out.set('rut-from-record', { days: new Int32Array(0), values: [] });
  }
  if (wanted.has('rotation-phase')) {
    out.set('rotation-phase', await orEmpty(async () => fromRows((await rotation(context, { from: first, to: cryptoTo })).days, (d) => d.date, (d) => d.phase)));
  }
  if (wanted.has('readiness')) {
    out.set('readiness', await orEmpty(async () => fromRows((await readiness(context, { from: first, to: cryptoTo })).days, (d) => d.date, (d) => d.score)));
  }
  // The wanted signals' inputs are read once for all of them; one without values is an empty series.
  const signalIds = [...wanted].filter((id) => id.startsWith('signal:') && ALERT_SERIES_IDS.includes(id));
  if (signalIds.length > 0) {
    const histories = await signalHistories(context, { names: signalIds.map((id) => id.slice('signal:'.length)), to });
    for (const id of signalIds) {
      const history = histories.get(id.slice('signal:'.length));
      out.set(id, history ? fromRows(history.points, (p) => p.date, (p) => p.value) : { days: new Int32Array(0), values: [] });
    }
  }
  for (const id of wanted) if (!out.has(id)) throw new NoDataError(`no alert series ${JSON.stringify(id)}; known: ${ALERT_SERIES_IDS.join(', ')}`);
  for (const id of [...out.keys()]) if (!wanted.has(id)) out.delete(id);
  return out;
}


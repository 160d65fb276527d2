/**
 * The altseason readiness score (analytics/readiness): reads the season index, market structure,
 * the Russell 2000 and the confirmation signals from the store, up to the last day asked and
 * never after it, turns them into component scores and the weighted composite, and maps one day's
 * reading (or a range's) to the contract (altseason.readiness/v1). Shared by `altseason
 * readiness`, `status` and the library. `loadReadinessInputs` is shared with the evaluation.
 */
import { addDays, isoDateOf, parseDay, type DayNumber } from '../domain/dates.ts';
import { InvalidInputError, NoDataError } from '../domain/errors.ts';
import { dailyValuesOf, type DailyValues } from '../analytics/signals/daily-values.ts';
import { COMPONENTS, extractComponents, ROTATION_PHASE_ORDINAL, type ComponentDefinition, type ComponentSeries, type ReadinessSources } from '../analytics/readiness/readiness-components.ts';
import { readinessOn, type ReadinessReading } from '../analytics/readiness/readiness-composite.ts';
import { DEFAULT_WEIGHTS } from '../analytics/readiness/default-weights.ts';
import { fitWeightsOn } from '../analytics/readiness/fitted-weights.ts';
import type { ReadinessTargets } from '../analytics/readiness/readiness-targets.ts';
import type { WeightSet } from '../analytics/readiness/readiness-weights.ts';
import { DEFAULT_EPISODE_MIN_DAYS } from '../analytics/season/season-episodes.ts';
import { loadEquitySeriesIfStored } from '../data/panel/load-equity-series.ts';
import type { StatusItem } from './contracts/market-status.ts';
import type { ReadinessReadingRow, ReadinessResult } from './contracts/readiness.ts';
import { READINESS_SCHEMA } from './contracts/readiness-names.ts';
import { dataNotice } from './data-notice.ts';
import { loadMarketStructure } from './load-market-structure.ts';
import { inSnapshot, type ReadContext } from './read-context.ts';
import { keptStatusItem } from './kept-status-item.ts';
import { roundOrNull } from './round.ts';
import { rotation } from './rotation.ts';
import { seasonIndex } from './season-index.ts';
import { signalHistories } from './signals.ts';
import { DEFAULT_DATE_FIELDS, storedCryptoSpan, type DateFieldNames } from './stored-span.ts';

export interface ReadinessQuery {
  at?: DayNumber;
  from?: DayNumber;
  to?: DayNumber;
  /** A validated weight set (default: DEFAULT_WEIGHTS)… */
  weights?: WeightSet;
  /** …and where it came from (a file path). */
  weightsSource?: string;
  /** Weights fitted by logistic regression on the labels known on the last day asked (never later). */
  fitted?: boolean;
  fieldNames?: DateFieldNames;
}

/** The signals the components read (analytics/readiness/readiness-components.ts). */
const SIGNAL_NAMES = ['volume_trend_alts', 'bollinger_width_btc', 'funding_annualised_btc', 'open_interest_change_30d_btc', 'skew_rr25_btc', 'active_addresses_growth_btc', 'fear_greed'];

export interface ReadinessInputs {
  sources: ReadinessSources;
  targets: ReadinessTargets;
  present: ComponentSeries[];
  absent: ComponentDefinition[];
  /** Why each absent component is absent. */
  absentReasons: Map<string, string>;
  first: DayNumber;
  last: DayNumber;
  notes: string[];
}

const iso = (day: number) => isoDateOf(day as DayNumber);

function dailyOfPoints(points: readonly { date: string; value: number | null }[]): DailyValues {
  return dailyValuesOf(points.filter((p) => p.value !== null).map((p) => ({ day: parseDay(p.date), value: p.value! })));
}

function dense(days: Int32Array, values: Float64Array): DailyValues {
  return dailyValuesOf(Array.from(days, (day, i) => ({ day, value: values[i]! })));
}

/**
 * History a score on day d needs before d: the 730-day percentile window, plus 90-day growth, a
 * 50-day mean and 7 days of carried values for the raw values at the window's start, with room.
 */
export const READINESS_LOOKBACK_DAYS = 730 + 90 + 50 + 30;

/**
 * Everything the components and the targets need, read up to `to` (inclusive) and never after it;
 * from `readFrom` on (default: the whole history — the evaluation and the fitted weights need it;
 * scores from readFrom + READINESS_LOOKBACK_DAYS on are the same either way).
 */
export async function loadReadinessInputs(context: ReadContext, to: DayNumber, readFrom?: DayNumber): Promise<ReadinessInputs> {
  const span = await storedCryptoSpan(context.store);
  const first = Math.max(span.first, readFrom ?? span.first) as DayNumber;
  const notes: string[] = [];
  const absentReasons = new Map<string, string>();
  const index = await seasonIndex(context, { from: first, to });
  const asi = dailyOfPoints(index.points.map((p) => ({ date: p.date, value: p.index })));
  const seasons = index.episodes.filter((e) => e.season === 'altcoin').map((e) => ({ start: parseDay(e.start) as number, end: parseDay(e.end) as number }));
  const sources: ReadinessSources = { asi };

  const structure = await loadMarketStructure(context.store, first > span.first ? { from: addDays(first, -7), to } : { to }).catch((error: unknown) => {
    if (error instanceof NoDataError) return null;
    throw error;
  });
  const stored = (metric: string) => structure?.series.find((s) => s.metric === metric && s.universe.includes('stored'));
  const btcd = stored('btc_dominance_pct');
  const total2 = stored('total2_usd');
  const btcCap = stored('btc_market_cap_usd');
  const ethCap = stored('eth_market_cap_usd');
  if (btcd) sources.btcDominancePct = dense(btcd.series.days, btcd.series.values);
  if (total2) sources.total2Usd = dense(total2.series.days, total2.series.values);
  if (btcCap) sources.btcCapUsd = dense(btcCap.series.days, btcCap.series.values);
  if (ethCap && btcCap) sources.ethBtc = dense(ethCap.series.days, ethCap.series.values.map((v, i) => v / btcCap.series.values[i]!));
  if (structure) notes.push(`BTC.D, TOTAL2 and ETH/BTC (market-cap ratio): ${structure.storedUniverse}`);
  else for (const id of ['btc-dominance-band', 'btc-dominance-level', 'btc-dominance-trend', 'total2-vs-btc-90d', 'eth-btc-trend']) absentReasons.set(id, 'no market caps or dominance series stored');

  const rut = await loadEquitySeriesIfStored(context.store, '^RUT', { to });
  if (rut && rut.series.days.length > 0) sources.rutCloses = { days: rut.series.days, values: rut.series.values };
  else for (const id of ['rut-record-distance', 'rut-days-since-breakout']) absentReasons.set(id, 'no ^RUT closes stored (import rut_daily.csv)');
  try {
    const phases = await rotation(context, { from: first, to });
    sources.rotationPhase = dailyValuesOf(phases.days.map((d) => ({ day: parseDay(d.date), value: d.phase === null ? Number.NaN : (ROTATION_PHASE_ORDINAL[d.phase] ?? Number.NaN) })));
    notes.push('Rotation phase: altseason rotation (30-day window, cap-weighted), as of each day');
  } catch (error) {
    if (!(error instanceof NoDataError || error instanceof InvalidInputError)) throw error;
    absentReasons.set('rotation-phase', `no rotation phase: ${error.message}`);
  }

  const signals: Record<string, DailyValues> = {};
  // The signals' inputs are read once for all of them (a signal without values is left out).
  const histories = await signalHistories(context, { names: SIGNAL_NAMES, from: first, to });
  for (const name of SIGNAL_NAMES) {
    const history = histories.get(name);
    if (history) signals[name] = dailyOfPoints(history.points);
  }
  sources.signals = signals;
  for (const c of COMPONENTS) if (c.group === 'signals' && !absentReasons.has(c.id)) absentReasons.set(c.id, 'its signal has no stored inputs (docs/signals.md)');

  const { present, absent } = extractComponents(sources);
  const last = Math.min(to, span.last) as DayNumber;
  const targets: ReadinessTargets = {
    firstDay: asi.firstDay,
    lastDay: last,
    seasons,
    seasonStarts: seasons.map((s) => s.start),
    confirmDays: DEFAULT_EPISODE_MIN_DAYS,
  };
  if (sources.total2Usd && sources.btcCapUsd) {
    const t2 = sources.total2Usd;
    const b = sources.btcCapUsd;
    targets.altOverBtc = dailyValuesOf(Array.from(t2.values, (v, i) => ({ day: t2.firstDay + i, value: Math.log(v / (b.values[t2.firstDay + i - b.firstDay] ?? NaN)) })));
  }
  return { sources, targets, present, absent, absentReasons, first: span.first, last, notes };
}

export function readingRow(reading: ReadinessReading, inputs: Pick<ReadinessInputs, 'absentReasons'>, units: Map<string, string>): ReadinessReadingRow {
  const labels = new Map(COMPONENTS.map((c) => [c.id, c.label]));
  return {
    date: iso(reading.day),
    score: roundOrNull(reading.score, 2),
    coverage: roundOrNull(reading.coverage, 4) ?? 0,
    components: reading.components.map((c) => ({
      id: c.id,
      label: c.label,
      value: roundOrNull(c.value, 6),
      unit: units.get(c.id) ?? '',
      score: roundOrNull(c.score, 4),
      weight: c.weight,
      effectiveWeight: roundOrNull(c.effectiveWeight, 4) ?? 0,
      contribution: roundOrNull(c.contribution, 3),
    })),
    missing: reading.missing.map((id) => ({ id, label: labels.get(id) ?? id, reason: inputs.absentReasons.get(id) ?? 'no value that day, or under 180 values in its 2-year window' })),
  };
}

export async function readiness(context: ReadContext, query: ReadinessQuery = {}): Promise<ReadinessResult> {
  const names = query.fieldNames ?? DEFAULT_DATE_FIELDS;
  if (query.at !== undefined && (query.from !== undefined || query.to !== undefined)) throw new InvalidInputError(`give ${names.at} or ${names.from}/${names.to}, not both`);
  if (query.from !== undefined && query.to !== undefined && query.to < query.from) throw new InvalidInputError(`${names.to} ${iso(query.to)} is before ${names.from} ${iso(query.from)}`);
  return inSnapshot(context, async () => {
    const span = await storedCryptoSpan(context.store);
    const asked = query.at ?? query.to ?? span.last;
    if (asked < span.first) throw new NoDataError(`${query.at !== undefined ? names.at : names.to} ${iso(asked)} is before the first day with data: ${span.text}`);
    if (query.from !== undefined && query.from > span.last) throw new NoDataError(`${names.from} ${iso(query.from)} is after the last day with data: ${span.text}`);
    if (query.at !== undefined && query.at > span.last) throw new NoDataError(`${names.at} ${iso(query.at)} is after the last day with data: ${span.text}`);
    const to = Math.min(asked, span.last) as DayNumber;
    const from = query.at !== undefined ? to : (Math.max(query.from ?? addDays(to, -365), span.first) as DayNumber);
    // Fitted weights learn from the whole history; a plain score needs its lookback only.
    const inputs = await loadReadinessInputs(context, to, query.fitted ? undefined : addDays(from, -READINESS_LOOKBACK_DAYS));
    let weights: WeightSet = query.weights ?? DEFAULT_WEIGHTS;
    let weightsSource = query.weightsSource ?? (query.weights ? 'given' : 'default');
    const notes = [...inputs.notes];
    if (query.fitted) {
      const fit = fitWeightsOn(to, inputs.present, inputs.targets);
      if (!fit.weights) throw new NoDataError(`fitted weights: too little labelled history by ${iso(to)} (${fit.trainDays} labelled days, ${fit.positives} before a season start; need 365 and 20)`);
      weights = fit.weights;
      weightsSource = `fitted (logistic regression on ${fit.trainDays} days labelled by ${iso(to)}, trained through ${fit.trainedThrough === null ? '—' : iso(fit.trainedThrough)})`;
      notes.push('Fitted weights: the positive parts of ridge logistic-regression coefficients for "a season starts within 90 days", fitted only on labels known on the day shown.');
    }
    const units = new Map(COMPONENTS.map((c) => [c.id, c.unit]));
    const days = [];
    for (let d = from; d <= to; d++) {
      const r = readinessOn(d, inputs.present, inputs.absent, weights);
      days.push({ date: iso(d), score: roundOrNull(r.score, 2), coverage: roundOrNull(r.coverage, 4) ?? 0, missingCount: r.missing.length });
    }
    const latest = readingRow(readinessOn(to, inputs.present, inputs.absent, weights), inputs, units);
    const simulated = await context.simulated();
    return {
      schema: READINESS_SCHEMA,
      simulated,
      data: dataNotice(span.last, context.today(), simulated),
      weightsSource,
      weights: { ...weights },
      from: iso(from),
      to: iso(to),
      latest,
      days,
      seasons: inputs.targets.seasons.map((s) => ({ start: iso(s.start), end: iso(s.end) })),
      components: COMPONENTS.map((c) => ({ id: c.id, label: c.label, group: c.group, unit: c.unit, definition: c.definition, direction: c.direction, scoreRule: c.scoreRule })),
      notes,
    };
  });
}

/** Bump when the score's rules change: a kept status line of an older version is not used. */
const STATUS_LINE_VERSION = 1;

/**
 * The `status` line that leads it: the readiness score as of `asOf` with its two largest
 * contributions; null without a score. It reads ~900 days of inputs (~1.5 s on the shared data),
 * so the line is kept for each state of the store (kept-status-item.ts): any import or sync
 * recomputes it.
 */
export async function readinessStatusItem(context: ReadContext, asOf: DayNumber | null): Promise<StatusItem | null> {
  if (asOf === null) return null;
  return keptStatusItem(context, 'readiness', STATUS_LINE_VERSION, asOf, () => computeStatusItem(context, asOf));
}

async function computeStatusItem(context: ReadContext, asOf: DayNumber): Promise<StatusItem | null> {
  let result: ReadinessResult;
  try {
    result = await readiness(context, { at: asOf });
  } catch (error) {
    // Status shows what it can: too little data for the score leaves its line out.
    if (error instanceof NoDataError || error instanceof InvalidInputError) return null;
    throw error;
  }
  const r = result.latest;
  if (r.score === null) return null;
  const top = [...r.components].filter((c) => c.contribution !== null).sort((a, b) => b.contribution! - a.contribution!).slice(0, 2);
  return {
    key: 'readiness',
    label: 'Altseason readiness',
    value: r.score.toFixed(0),
    number: r.score,
    unit: 'index',
    reading: `${r.score >= 65 ? 'ready' : r.score >= 40 ? 'mixed' : 'not ready'} (0–100): most from ${top.map((c) => `${c.label} +${c.contribution!.toFixed(0)}`).join(', ')}; ${r.missing.length} of ${r.components.length} components missing; how well it has predicted: altseason readiness --evaluate`,
    basis: `${r.components.length - r.missing.length} components, ${result.weightsSource} weights, trailing-2-year percentiles`,
    asOf: r.date,
    tone: r.score >= 65 ? 'alt' : r.score < 40 ? 'btc' : 'neutral',
  };
}

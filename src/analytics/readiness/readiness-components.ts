/**
 * The readiness score's components: what each one is, how its raw value is computed from data
 * already in the store, and the stated rule that turns it into a point-in-time score in [0, 1].
 * Every raw value on day d uses data up to d only (trailing windows, as-of closes), and every
 * score is a trailing statistic of the raw values, so a component's score on d never depends on a
 * later day (readiness-components.test.ts perturbs the future to check it).
 */
import type { DailyValues } from '../signals/daily-values.ts';
import { EMPTY_DAILY, valueOn } from '../signals/daily-values.ts';
import { trailingMean, trailingPercentile } from '../signals/rolling.ts';
import { computeRecordState } from '../market/record-state.ts';
import { findBreakouts, DEFAULT_BREAKOUT_DRAWDOWN_PCT } from '../market/find-breakouts.ts';
import { makeSeries } from '../../domain/series.ts';

/** Percentile window of the scores: the trailing 2 years (730 days, the day included). */
export const SCORE_WINDOW_DAYS = 730;
/** A percentile needs at least this many values in its window (else the component is missing that day). */
export const SCORE_MIN_VALUES = 180;
/** An as-of value (a weekday-only close, a weekly ASI point) older than this many days is missing. */
export const MAX_VALUE_AGE_DAYS = 7;

/** `higher`: a higher raw value means a season is closer; `lower`: a lower raw value does. */
export type Direction = 'higher' | 'lower';

/**
 * How a raw value becomes a score in [0, 1]:
 * - `percentile`: its percentile among the finite raw values of the trailing 730 days (the day
 *   included; ties count half), at least 180 of them; flipped (1 − p) when `direction` is `lower`;
 * - `fixed`: the component computes a score in [0, 1] by a fixed, stated rule (e.g. BTC.D bands).
 */
export type ScoreRule = 'percentile' | 'fixed';

/** What the store provides to the components (the use case reads it; every series dense daily, NaN = no value). */
export interface ReadinessSources {
  /** The Altcoin Season Index (0–100, 90-day window). */
  asi?: DailyValues;
  /** BTC dominance, %. */
  btcDominancePct?: DailyValues;
  /** TOTAL2 (market cap ex BTC) and BTC's market cap, USD. */
  total2Usd?: DailyValues;
  btcCapUsd?: DailyValues;
  /** ETH/BTC (ETH market cap / BTC market cap or the price ratio). */
  ethBtc?: DailyValues;
  /** Russell 2000 closes on its exchange days (ascending days, calendar day numbers). */
  rutCloses?: { days: Int32Array; values: Float64Array };
  /** The rotation phase as an ordinal (bitcoin-led 1 … small-caps-and-memes 5, risk-off 0), when computed. */
  rotationPhase?: DailyValues;
  /** Confirmation signals by name (analytics/signals/signal-catalogue.ts), when stored. */
  signals?: Readonly<Record<string, DailyValues>>;
}

export interface ComponentDefinition {
  id: string;
  label: string;
  group: 'season index' | 'dominance' | 'market structure' | 'equities' | 'rotation' | 'signals';
  unit: string;
  /** How the raw value is computed, in words. */
  definition: string;
  direction: Direction;
  rule: ScoreRule;
  /** The score rule in words (what the score function implements). */
  scoreRule: string;
  /** The raw daily values (NaN where there is no value), or null when the inputs are not there. */
  raw(sources: ReadinessSources): DailyValues | null;
  /** Only for `fixed` rules: the raw value → score in [0, 1]. */
  fixedScore?(value: number): number;
}

const nonEmpty = (s: DailyValues | undefined): s is DailyValues => s !== undefined && s.values.length > 0 && s.values.some(Number.isFinite);

/** Carry each value forward up to `maxAge` days (a weekly point or a weekend), never backward. */
export function carryForward(s: DailyValues, maxAge = MAX_VALUE_AGE_DAYS): DailyValues {
  const out = new Float64Array(s.values.length).fill(NaN);
  let last = NaN;
  let lastIndex = -Infinity;
  for (let i = 0; i < s.values.length; i++) {
    const v = s.values[i]!;
    if (Number.isFinite(v)) {
      last = v;
      lastIndex = i;
    }
    if (i - lastIndex <= maxAge) out[i] = last;
  }
  return { firstDay: s.firstDay, values: out };
}

function map(s: DailyValues, f: (value: number, i: number) => number): DailyValues {
  const out = new Float64Array(s.values.length);
  for (let i = 0; i < out.length; i++) out[i] = f(s.values[i]!, i);
  return { firstDay: s.firstDay, values: out };
}

/** x(d) − x(d − lag) on the carried-forward series. */
function change(s: DailyValues, lag: number): DailyValues {
  const c = carryForward(s);
  return map(c, (v, i) => (i >= lag ? v - c.values[i - lag]! : NaN));
}

/** ln(x(d) / x(d − lag)). */
function logGrowth(s: DailyValues, lag: number): DailyValues {
  const c = carryForward(s);
  return map(c, (v, i) => (i >= lag && v > 0 && c.values[i - lag]! > 0 ? Math.log(v / c.values[i - lag]!) : NaN));
}

/** Exchange-day closes on the calendar, each close carried up to MAX_VALUE_AGE_DAYS. */
function onCalendar(days: Int32Array, values: ArrayLike<number>): DailyValues {
  if (days.length === 0) return EMPTY_DAILY;
  const first = days[0]!;
  const out = new Float64Array(days[days.length - 1]! - first + 1).fill(NaN);
  for (let i = 0; i < days.length; i++) out[days[i]! - first] = values[i]!;
  return carryForward({ firstDay: first, values: out });
}

/** Rotation phase ordinals (the use case maps the phase names to these). */
export const ROTATION_PHASE_ORDINAL: Readonly<Record<string, number>> = {
  'risk-off': 0,
  'bitcoin-led': 1,
  'eth-led': 2,
  'large-caps': 3,
  'mid-caps': 4,
  'small-caps-and-memes': 5,
};

const signal = (name: string, id: string, label: string, unit: string, direction: Direction, why: string): ComponentDefinition => ({
  id,
  label,
  group: 'signals',
  unit,
  definition: `the confirmation signal ${name} (docs/signals.md); ${why}`,
  direction,
  rule: 'percentile',
  scoreRule: `trailing-2-year percentile, ${direction === 'higher' ? 'higher' : 'lower'} is readier`,
  raw: (s) => {
    const v = s.signals?.[name];
    return nonEmpty(v) ? carryForward(v) : null;
  },
});

const percentileRule = (direction: Direction) => `trailing-2-year percentile, ${direction} is readier`;

export const COMPONENTS: readonly ComponentDefinition[] = [
  {
    id: 'asi-level',
    label: 'ASI level',
    group: 'season index',
    unit: 'index',
    definition: 'the Altcoin Season Index (90-day window, top 50), as of the day',
    direction: 'higher',
    rule: 'percentile',
    scoreRule: percentileRule('higher'),
    raw: (s) => (nonEmpty(s.asi) ? carryForward(s.asi) : null),
  },
  {
    id: 'asi-change-30d',
    label: 'ASI 30-day change',
    group: 'season index',
    unit: 'index pts',
    definition: 'ASI today − ASI 30 days earlier',
    direction: 'higher',
    rule: 'percentile',
    scoreRule: percentileRule('higher'),
    raw: (s) => (nonEmpty(s.asi) ? change(s.asi, 30) : null),
  },
  {
    id: 'btc-dominance-band',
    label: 'BTC.D vs 55 % / 50 %',
    group: 'dominance',
    unit: '%',
    definition: 'BTC dominance (stored top-125 universe), as of the day',
    direction: 'lower',
    rule: 'fixed',
    scoreRule: '0 at or above 55 %, 0.5 from 50 % to below 55 %, 1 below 50 %',
    raw: (s) => (nonEmpty(s.btcDominancePct) ? carryForward(s.btcDominancePct) : null),
    fixedScore: (v) => (v >= 55 ? 0 : v >= 50 ? 0.5 : 1),
  },
  {
    id: 'btc-dominance-level',
    label: 'BTC.D level',
    group: 'dominance',
    unit: '%',
    definition: 'BTC dominance (stored top-125 universe), as of the day',
    direction: 'lower',
    rule: 'percentile',
    scoreRule: percentileRule('lower'),
    raw: (s) => (nonEmpty(s.btcDominancePct) ? carryForward(s.btcDominancePct) : null),
  },
  {
    id: 'btc-dominance-trend',
    label: 'BTC.D trend (vs 50-day mean)',
    group: 'dominance',
    unit: 'pts',
    definition: 'BTC.D today − its mean over the last 50 days (at least 40 of them)',
    direction: 'lower',
    rule: 'percentile',
    scoreRule: percentileRule('lower'),
    raw: (s) => {
      if (!nonEmpty(s.btcDominancePct)) return null;
      const c = carryForward(s.btcDominancePct);
      const m = trailingMean(c, 50, 40);
      return map(c, (v, i) => v - m.values[i]!);
    },
  },
  {
    id: 'total2-vs-btc-90d',
    label: 'TOTAL2 growth vs BTC (90 d)',
    group: 'market structure',
    unit: 'log return',
    definition: 'ln(TOTAL2 today / 90 days earlier) − ln(BTC market cap today / 90 days earlier)',
    direction: 'higher',
    rule: 'percentile',
    scoreRule: percentileRule('higher'),
    raw: (s) => {
      if (!nonEmpty(s.total2Usd) || !nonEmpty(s.btcCapUsd)) return null;
      const a = logGrowth(s.total2Usd, 90);
      const b = logGrowth(s.btcCapUsd, 90);
      return map(a, (v, i) => v - valueOn(b, a.firstDay + i));
    },
  },
  {
    id: 'eth-btc-trend',
    label: 'ETH/BTC trend (vs 50-day mean)',
    group: 'market structure',
    unit: 'log ratio',
    definition: 'ln(ETH/BTC today / its 50-day mean)',
    direction: 'higher',
    rule: 'percentile',
    scoreRule: percentileRule('higher'),
    raw: (s) => {
      if (!nonEmpty(s.ethBtc)) return null;
      const c = carryForward(s.ethBtc);
      const m = trailingMean(c, 50, 40);
      return map(c, (v, i) => (v > 0 && m.values[i]! > 0 ? Math.log(v / m.values[i]!) : NaN));
    },
  },
  {
    id: 'rut-record-distance',
    label: 'Russell 2000 distance from record',
    group: 'equities',
    unit: '%',
    definition: '(last close / record close so far − 1) × 100, the last close at most 7 days old',
    direction: 'higher',
    rule: 'percentile',
    scoreRule: percentileRule('higher'),
    raw: (s) => {
      if (!s.rutCloses || s.rutCloses.days.length === 0) return null;
      const state = computeRecordState(makeSeries('RUT', s.rutCloses.days, s.rutCloses.values));
      return onCalendar(state.days, state.distanceFromRecordPct);
    },
  },
  {
    id: 'rut-days-since-breakout',
    label: 'Days since a Russell 2000 breakout',
    group: 'equities',
    unit: 'days',
    definition: `calendar days since the last record close after a drawdown of at least ${DEFAULT_BREAKOUT_DRAWDOWN_PCT} % (missing before the first breakout)`,
    direction: 'lower',
    rule: 'percentile',
    scoreRule: percentileRule('lower'),
    raw: (s) => {
      if (!s.rutCloses || s.rutCloses.days.length === 0) return null;
      const days = s.rutCloses.days;
      const state = computeRecordState(makeSeries('RUT', days, s.rutCloses.values));
      // A breakout is known on its own close (a record after the drawdown), so it only counts from that day on.
      const breakouts = findBreakouts(state).map((b) => b.day as number);
      const first = days[0]!;
      const out = new Float64Array(days[days.length - 1]! - first + 1 + MAX_VALUE_AGE_DAYS).fill(NaN);
      let k = -1;
      for (let i = 0; i < out.length; i++) {
        const day = first + i;
        while (k + 1 < breakouts.length && breakouts[k + 1]! <= day) k++;
        if (k >= 0) out[i] = day - breakouts[k]!;
      }
      // Never past the last close's staleness limit.
      return { firstDay: first, values: out };
    },
  },
  {
    id: 'rotation-phase',
    label: 'Rotation phase',
    group: 'rotation',
    unit: 'phase',
    definition: 'the rotation phase as an ordinal: risk-off 0, bitcoin-led 1, eth-led 2, large caps 3, mid caps 4, small caps and memes 5',
    direction: 'higher',
    rule: 'fixed',
    scoreRule: 'ordinal / 5 (risk-off 0, bitcoin-led 0.2, … small caps and memes 1)',
    raw: (s) => (nonEmpty(s.rotationPhase) ? carryForward(s.rotationPhase) : null),
    fixedScore: (v) => Math.min(1, Math.max(0, v / 5)),
  },
  signal('volume_trend_alts', 'alt-volume-trend', 'Alt volume 30 d vs 90 d', '%', 'higher', 'rising alt volume comes before rotations'),
  signal('bollinger_width_btc', 'btc-volatility-contraction', 'BTC Bollinger width (volatility contraction)', '%', 'lower', 'narrow bands (contraction) come before expansions'),
  signal('funding_annualised_btc', 'btc-funding', 'BTC perpetual funding', '% p.a.', 'higher', 'positive funding = leveraged longs willing to pay'),
  signal('open_interest_change_30d_btc', 'btc-open-interest', 'BTC open interest 30 d change', '%', 'higher', 'new money entering'),
  signal('skew_rr25_btc', 'btc-skew', 'BTC 25Δ risk reversal', 'vol pts', 'higher', 'calls bid over puts'),
  signal('active_addresses_growth_btc', 'btc-on-chain-activity', 'BTC active addresses growth', '%', 'higher', 'on-chain activity rising'),
  signal('fear_greed', 'fear-greed', 'Fear & Greed', 'index', 'higher', 'greed precedes euphoric phases'),
];

export const COMPONENT_IDS: readonly string[] = COMPONENTS.map((c) => c.id);

export function componentById(id: string): ComponentDefinition | undefined {
  return COMPONENTS.find((c) => c.id === id);
}

export interface ComponentSeries {
  definition: ComponentDefinition;
  /** Raw values (NaN = none that day). */
  raw: DailyValues;
  /** Scores in [0, 1] (NaN = missing that day). */
  score: DailyValues;
}

/** The score of a raw series by its component's rule (point in time: trailing windows only). */
export function scoreSeries(definition: ComponentDefinition, raw: DailyValues, window = SCORE_WINDOW_DAYS, minCount = SCORE_MIN_VALUES): DailyValues {
  if (definition.rule === 'fixed') return map(raw, (v) => (Number.isFinite(v) ? definition.fixedScore!(v) : NaN));
  const p = trailingPercentile(raw, window, minCount);
  return map(p, (v) => (Number.isFinite(v) ? (definition.direction === 'higher' ? v / 100 : 1 - v / 100) : NaN));
}

/** Every component whose inputs are there, with raw values and scores; the others are listed as absent. */
export function extractComponents(sources: ReadinessSources, definitions: readonly ComponentDefinition[] = COMPONENTS): { present: ComponentSeries[]; absent: ComponentDefinition[] } {
  const present: ComponentSeries[] = [];
  const absent: ComponentDefinition[] = [];
  for (const definition of definitions) {
    const raw = definition.raw(sources);
    if (!raw || !raw.values.some(Number.isFinite)) absent.push(definition);
    else present.push({ definition, raw, score: scoreSeries(definition, raw) });
  }
  return { present, absent };
}

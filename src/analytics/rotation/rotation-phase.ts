/**
 * The rotation phase of every day, from the tiers' relative strength against BTC over a window,
 * and its history as episodes. The rule (docs/rotation.md), for day t and window w:
 * - strength of a contender = its level's change over w days divided by BTC's, minus 1
 *   (groupStrength: undefined when the contender had no members on a day of the window, whose
 *   flat level would otherwise "beat" a falling BTC); the contenders are ETH, large, mid and small
 *   caps and, when present, the meme sector (which counts for the small-caps-and-memes phase);
 * - risk-off when BTC fell by at least |riskOffBtcReturn| over w days and no contender rose;
 * - else bitcoin-led when no contender beats BTC by at least `leadMargin`;
 * - else the phase of the strongest contender.
 * That is the day's candidate. The phase changes only once a new candidate has held for
 * `confirmDays` consecutive days (so a one-day swap of the lead does not start an episode); the
 * first day with a candidate takes it at once. Both read only days ≤ t.
 */
import { InvalidInputError } from '../../domain/errors.ts';
import { groupStrength, levelOf, populatedThrough, type RotationGroup, type RotationSeries } from './rotation-indices.ts';
import type { RotationWeighting } from './rotation-options.ts';

export const ROTATION_PHASES = ['bitcoin-led', 'eth-led', 'large-caps', 'mid-caps', 'small-caps-and-memes', 'risk-off'] as const;
export type RotationPhase = (typeof ROTATION_PHASES)[number];

export const PHASE_LABELS: Readonly<Record<RotationPhase, string>> = {
  'bitcoin-led': 'Bitcoin-led',
  'eth-led': 'ETH-led',
  'large-caps': 'large caps',
  'mid-caps': 'mid-cap sectors',
  'small-caps-and-memes': 'small caps and memes',
  'risk-off': 'broad risk-off',
};

/** The contenders for the lead and the phase each stands for. */
export const CONTENDERS: readonly { id: string; phase: RotationPhase }[] = [
  { id: 'eth', phase: 'eth-led' },
  { id: 'large', phase: 'large-caps' },
  { id: 'mid', phase: 'mid-caps' },
  { id: 'small', phase: 'small-caps-and-memes' },
  { id: 'sector:meme', phase: 'small-caps-and-memes' },
];

export interface PhaseOptions {
  /** Relative-strength window in days. Default 30. */
  window: number;
  weighting: RotationWeighting;
  /** A contender leads only when it beats BTC by at least this (a fraction). Default 0.02. */
  leadMargin: number;
  /** BTC's return over the window at or below which, with no contender rising, the phase is risk-off. Default −0.15. */
  riskOffBtcReturn: number;
  /** Days a new candidate must hold before the phase changes. Default 5. */
  confirmDays: number;
}

export const DEFAULT_PHASE_OPTIONS: Readonly<PhaseOptions> = Object.freeze({ window: 30, weighting: 'cap', leadMargin: 0.02, riskOffBtcReturn: -0.15, confirmDays: 5 });

export function resolvePhaseOptions(partial: Partial<PhaseOptions> = {}): PhaseOptions {
  const defined = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) as Partial<PhaseOptions>;
  const o = { ...DEFAULT_PHASE_OPTIONS, ...defined };
  if (!Number.isInteger(o.window) || o.window < 1) throw new InvalidInputError(`window: expected a whole number of days ≥ 1, got ${JSON.stringify(o.window)}`);
  if (!Number.isInteger(o.confirmDays) || o.confirmDays < 1) throw new InvalidInputError(`confirm days: expected a whole number ≥ 1, got ${JSON.stringify(o.confirmDays)}`);
  if (o.weighting !== 'cap' && o.weighting !== 'equal') throw new InvalidInputError(`weighting: expected cap or equal, got ${JSON.stringify(o.weighting)}`);
  if (!Number.isFinite(o.leadMargin) || o.leadMargin < 0) throw new InvalidInputError(`lead margin: expected a fraction ≥ 0, got ${JSON.stringify(o.leadMargin)}`);
  if (!Number.isFinite(o.riskOffBtcReturn) || o.riskOffBtcReturn >= 0 || o.riskOffBtcReturn <= -1) {
    throw new InvalidInputError(`risk-off BTC return: expected a fraction between −1 and 0, got ${JSON.stringify(o.riskOffBtcReturn)}`);
  }
  return o;
}

export interface ContenderStrength {
  id: string;
  /** Relative strength vs BTC over the window, NaN when undefined. */
  strength: number;
  /** The contender's own return over the window, NaN when undefined. */
  ownReturn: number;
}

export interface PhasePoint {
  /** Index into the series' days. */
  index: number;
  /** The day's own reading, before confirmation; null when no contender has a strength. */
  candidate: RotationPhase | null;
  phase: RotationPhase | null;
  /** The strongest contender and the runner-up (ids), null when none. */
  leader: string | null;
  leaderStrength: number;
  runnerUp: string | null;
  runnerUpStrength: number;
  btcReturn: number;
  contenders: ContenderStrength[];
  /** Index where the current phase began (was confirmed), −1 when no phase. */
  since: number;
}

export interface PhaseEpisode {
  phase: RotationPhase;
  start: number;
  end: number;
  /** Reaches the last day of the series. */
  ongoing: boolean;
}

function groupById(series: RotationSeries): Map<string, RotationGroup> {
  return new Map(series.groups.map((g) => [g.id, g]));
}

/** The candidate reading for one day (no confirmation). */
export function phaseReading(series: RotationSeries, i: number, options: PhaseOptions): Omit<PhasePoint, 'phase' | 'since' | 'index'> {
  const groups = groupById(series);
  const btc = levelOf(groups.get('btc')!, options.weighting);
  const w = options.window;
  const btcReturn = i - w >= 0 ? btc[i]! / btc[i - w]! - 1 : NaN;
  const contenders: ContenderStrength[] = [];
  for (const c of CONTENDERS) {
    const group = groups.get(c.id);
    if (!group) continue;
    const level = levelOf(group, options.weighting);
    const populated = populatedThrough(group, i, w);
    contenders.push({ id: c.id, strength: groupStrength(group, btc, i, w, options.weighting), ownReturn: populated ? level[i]! / level[i - w]! - 1 : NaN });
  }
  const ranked = contenders.filter((c) => Number.isFinite(c.strength)).sort((a, b) => b.strength - a.strength);
  const leader = ranked[0];
  const runnerUp = ranked[1];
  let candidate: RotationPhase | null = null;
  if (leader && Number.isFinite(btcReturn)) {
    if (btcReturn <= options.riskOffBtcReturn && ranked.every((c) => !(c.ownReturn > 0))) candidate = 'risk-off';
    else if (leader.strength < options.leadMargin) candidate = 'bitcoin-led';
    else candidate = CONTENDERS.find((c) => c.id === leader.id)!.phase;
  }
  return {
    candidate,
    leader: leader?.id ?? null,
    leaderStrength: leader?.strength ?? NaN,
    runnerUp: runnerUp?.id ?? null,
    runnerUpStrength: runnerUp?.strength ?? NaN,
    btcReturn,
    contenders,
  };
}

/** The phase of every day of the series. */
export function rotationPhases(series: RotationSeries, partial: Partial<PhaseOptions> = {}): PhasePoint[] {
  const options = resolvePhaseOptions(partial);
  const length = series.to - series.from + 1;
  const points: PhasePoint[] = [];
  let phase: RotationPhase | null = null;
  let since = -1;
  let streakPhase: RotationPhase | null = null;
  let streak = 0;
  for (let i = 0; i < length; i++) {
    const reading = phaseReading(series, i, options);
    const candidate = reading.candidate;
    if (candidate === streakPhase) streak++;
    else {
      streakPhase = candidate;
      streak = 1;
    }
    if (candidate === null) {
      phase = null;
      since = -1;
    } else if (phase === null || (candidate !== phase && streak >= options.confirmDays)) {
      phase = candidate;
      since = i;
    }
    points.push({ index: i, ...reading, phase, since });
  }
  return points;
}

/** Maximal runs of one phase; a day without a phase ends a run. */
export function phaseEpisodes(points: readonly PhasePoint[]): PhaseEpisode[] {
  const episodes: PhaseEpisode[] = [];
  let current: PhaseEpisode | null = null;
  for (const p of points) {
    if (current && p.phase === current.phase) {
      current.end = p.index;
      continue;
    }
    if (current) episodes.push(current);
    current = p.phase === null ? null : { phase: p.phase, start: p.index, end: p.index, ongoing: false };
  }
  if (current) episodes.push(current);
  const last = points.at(-1)?.index;
  for (const e of episodes) e.ongoing = e.end === last;
  return episodes;
}

export interface GroupStrength {
  id: string;
  kind: 'tier' | 'sector';
  name: string;
  label: string;
  members: number;
  /** Relative strength vs BTC over the short and the long window (fractions, NaN undefined). */
  short: number;
  long: number;
  /**
   * ln(1 + short) − ln(1 + long) × short/long: the short window's log relative strength minus the
   * long window's average pace over as many days. Positive = gaining on BTC faster lately.
   */
  momentum: number;
}

/** Every group's strength at day index i, strongest (short window) first; groups without one last. */
export function leadersAndLaggards(series: RotationSeries, i: number, weighting: RotationWeighting, shortWindow = 30, longWindow = 90): GroupStrength[] {
  const btc = levelOf(series.groups.find((g) => g.id === 'btc')!, weighting);
  const rows = series.groups
    .filter((g) => g.id !== 'btc')
    .map((g) => {
      const short = groupStrength(g, btc, i, shortWindow, weighting);
      const long = groupStrength(g, btc, i, longWindow, weighting);
      return { id: g.id, kind: g.kind, name: g.name, label: g.label, members: g.memberCount[i] ?? 0, short, long, momentum: Math.log1p(short) - (Math.log1p(long) * shortWindow) / longWindow };
    });
  return rows.sort((a, b) => (Number.isFinite(b.short) ? b.short : -Infinity) - (Number.isFinite(a.short) ? a.short : -Infinity));
}

/** Each group's relative strength vs BTC from index `start` to `end` (an episode's sector leaders). */
export function strengthBetween(series: RotationSeries, start: number, end: number, weighting: RotationWeighting): { id: string; kind: 'tier' | 'sector'; name: string; strength: number }[] {
  const btc = levelOf(series.groups.find((g) => g.id === 'btc')!, weighting);
  return series.groups
    .filter((g) => g.id !== 'btc')
    .map((g) => ({ id: g.id, kind: g.kind, name: g.name, strength: groupStrength(g, btc, end, end - start, weighting) }))
    .filter((g) => Number.isFinite(g.strength))
    .sort((a, b) => b.strength - a.strength);
}

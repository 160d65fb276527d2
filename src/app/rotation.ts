/**
 * `altseason rotation`: size-tier and sector indices against BTC, breadth, the rotation phase with
 * its evidence, its episodes, and today's leading and lagging sectors. Shared by the CLI, the API
 * and the library. The indices are computed from the first stored day up to the last day asked
 * (never after it), so a level, a phase or an episode on day t is the same whatever range is asked.
 */
import type { DailyRankings } from '../analytics/season/daily-rankings.ts';
import { addDays, isoDateOf, weekdayOf, type DayNumber } from '../domain/dates.ts';
import type { Panel } from '../domain/panel.ts';
import { InvalidInputError } from '../domain/errors.ts';
import { formatReturn } from '../domain/units.ts';
import { computeRotation, groupStrength, levelOf, type RotationSeries } from '../analytics/rotation/rotation-indices.ts';
import { resolveRotationOptions, type RotationOptions, type RotationWeighting } from '../analytics/rotation/rotation-options.ts';
import {
  leadersAndLaggards,
  PHASE_LABELS,
  phaseEpisodes,
  resolvePhaseOptions,
  rotationPhases,
  strengthBetween,
  type PhaseOptions,
  type PhasePoint,
} from '../analytics/rotation/rotation-phase.ts';
import { assignSectors, type LabelRule } from '../analytics/rotation/sector-labels.ts';
import type { StatusItem } from './contracts/market-status.ts';
import type { PhaseEvidence, RotationDay, RotationEpisode, RotationGroupRow, RotationResult } from './contracts/rotation.ts';
import { ROTATION_SCHEMA } from './contracts/rotation-names.ts';
import { dataNotice } from './data-notice.ts';
import { inSnapshot, type ReadContext } from './read-context.ts';
import { roundOrNull } from './round.ts';
import { dayInSpan, loadRotationInputs, type SectorsFile } from './sectors.ts';
import { DEFAULT_DATE_FIELDS, storedCryptoSpan, type DateFieldNames } from './stored-span.ts';

export interface RotationQuery {
  /** One date (default: the latest day with data)… */
  at?: DayNumber;
  /** …or a range; `to` defaults to the latest day with data. */
  from?: DayNumber;
  to?: DayNumber;
  /** Phase rule window in days (default 30). */
  window?: number;
  weighting?: RotationWeighting;
  settings?: Partial<RotationOptions>;
  phase?: Partial<Omit<PhaseOptions, 'window' | 'weighting'>>;
  sectorsFile?: SectorsFile | null;
  fieldNames?: DateFieldNames;
}

/** Weeks shown in the sector heatmap at most, and at least (a one-date query shows the weeks before it). */
const MAX_WEEKS = 104;
const MIN_WEEKS = 12;
/** A sector needs this many members at an episode's start to be listed among its leaders. */
const MIN_SECTOR_MEMBERS = 2;

const iso = (day: number) => isoDateOf(day as DayNumber);
const num = (v: number, digits = 6) => roundOrNull(v, digits);

export function groupLabel(series: RotationSeries, id: string | null): string | null {
  if (id === null) return null;
  return series.groups.find((g) => g.id === id)?.label ?? id;
}

/** The phase of one day as evidence (shared with `status`). */
export function phaseEvidence(series: RotationSeries, point: PhasePoint, window: number): PhaseEvidence {
  const day = series.from + point.index;
  const leaderLabel = groupLabel(series, point.leader);
  const lead = point.runnerUp === null ? NaN : point.leaderStrength - point.runnerUpStrength;
  const phaseLabel = point.phase === null ? null : PHASE_LABELS[point.phase];
  const sinceDays = point.since < 0 ? null : point.index - point.since;
  let evidence: string;
  if (point.phase === null) evidence = `no phase: fewer than ${window} days of tier levels before ${iso(day)}`;
  else {
    const parts = [`${phaseLabel} since ${iso(series.from + point.since)} (${sinceDays} days)`];
    if (leaderLabel) parts.push(`${leaderLabel} lead${Number.isFinite(point.leaderStrength) ? ` at ${formatReturn(point.leaderStrength)} vs BTC over ${window} days` : ''}`);
    if (Number.isFinite(lead)) parts.push(`${formatReturn(lead)} ahead of ${groupLabel(series, point.runnerUp)}`);
    parts.push(`BTC ${formatReturn(point.btcReturn)}`);
    if (point.candidate !== point.phase && point.candidate !== null) parts.push(`today's reading: ${PHASE_LABELS[point.candidate]} (not yet confirmed)`);
    evidence = parts.join('; ');
  }
  return {
    date: iso(day),
    phase: point.phase,
    phaseLabel,
    since: point.since < 0 ? null : iso(series.from + point.since),
    sinceDays,
    candidate: point.candidate,
    leader: point.leader,
    leaderLabel,
    leaderStrength: num(point.leaderStrength),
    runnerUp: point.runnerUp,
    runnerUpStrength: num(point.runnerUpStrength),
    leadOverRunnerUp: num(lead),
    btcReturn: num(point.btcReturn),
    evidence,
  };
}

/** Each group on day index i. */
function groupRows(series: RotationSeries, i: number, weighting: RotationWeighting): RotationGroupRow[] {
  const btc = levelOf(series.groups.find((g) => g.id === 'btc')!, weighting);
  const byId = new Map(series.groups.map((g) => [g.id, g]));
  const windows = series.options.breadthWindows;
  const breadth = (id: string, w: number) => {
    const k = windows.indexOf(w);
    return k < 0 ? null : num(byId.get(id)!.breadth[k]![i]!);
  };
  return leadersAndLaggards(series, i, weighting, 30, 90).map((s) => {
    const level = levelOf(byId.get(s.id)!, weighting);
    const first = level.findIndex((v) => Number.isFinite(v));
    const ratio = first < 0 || i < first ? NaN : (100 * level[i]!) / level[first]! / (btc[i]! / btc[first]!);
    return {
      id: s.id,
      kind: s.kind,
      name: s.name,
      label: s.label,
      members: s.members,
      level: num(level[i]!, 4),
      ratioToBtc: num(ratio, 4),
      strength30: num(s.short),
      strength90: num(s.long),
      momentum: num(s.momentum),
      breadth30: breadth(s.id, 30),
      breadth90: breadth(s.id, 90),
    };
  });
}

export function episodeRows(series: RotationSeries, points: readonly PhasePoint[], from: number, weighting: RotationWeighting): RotationEpisode[] {
  const byId = new Map(series.groups.map((g) => [g.id, g]));
  return phaseEpisodes(points)
    .filter((e) => e.end >= from)
    .map((e) => {
      const strengths = strengthBetween(series, e.start, e.end, weighting);
      return {
        phase: e.phase,
        phaseLabel: PHASE_LABELS[e.phase],
        start: iso(series.from + e.start),
        end: iso(series.from + e.end),
        days: e.end - e.start + 1,
        ongoing: e.ongoing,
        leadingSectors: strengths
          .filter((s) => s.kind === 'sector' && (byId.get(s.id)!.memberCount[e.start] ?? 0) >= MIN_SECTOR_MEMBERS)
          .slice(0, 3)
          .map((s) => ({ sector: s.name, strength: num(s.strength)! })),
        tiers: strengths.filter((s) => s.kind === 'tier').map((s) => ({ tier: s.name, strength: num(s.strength)! })),
      };
    });
}

function dayRows(series: RotationSeries, points: readonly PhasePoint[], from: number, to: number, weighting: RotationWeighting): RotationDay[] {
  const byId = new Map(series.groups.map((g) => [g.id, g]));
  const btc = levelOf(byId.get('btc')!, weighting);
  const ratio = (id: string, i: number) => {
    const level = levelOf(byId.get(id)!, weighting);
    return num((100 * level[i]!) / btc[i]!, 4);
  };
  const rows: RotationDay[] = [];
  for (let i = from; i <= to; i++) {
    const p = points[i]!;
    rows.push({
      date: iso(series.from + i),
      phase: p.phase,
      leader: p.leader,
      leaderStrength: num(p.leaderStrength),
      btcReturn: num(p.btcReturn),
      btcLevel: num(btc[i]!, 4),
      ethRatio: ratio('eth', i),
      largeRatio: ratio('large', i),
      midRatio: ratio('mid', i),
      smallRatio: ratio('small', i),
      largeMembers: byId.get('large')!.memberCount[i]!,
      midMembers: byId.get('mid')!.memberCount[i]!,
      smallMembers: byId.get('small')!.memberCount[i]!,
    });
  }
  return rows;
}

function sectorWeeks(series: RotationSeries, from: number, to: number, weighting: RotationWeighting): RotationResult['sectorWeeks'] {
  const btc = levelOf(series.groups.find((g) => g.id === 'btc')!, weighting);
  const start = Math.max(Math.min(from, to - 7 * MIN_WEEKS), to - 7 * MAX_WEEKS, 7);
  const rows: RotationResult['sectorWeeks'] = [];
  for (let i = start; i <= to; i++) {
    if (weekdayOf((series.from + i) as DayNumber) !== 0) continue;
    for (const g of series.groups) {
      if (g.kind !== 'sector') continue;
      rows.push({ weekEnding: iso(series.from + i), sector: g.name, strength: num(groupStrength(g, btc, i, 7, weighting)), members: g.memberCount[i]! });
    }
  }
  return rows;
}

function readings(result: Pick<RotationResult, 'current' | 'groups'>): string[] {
  const lines = [`Phase: ${result.current.evidence}`];
  const sectors = result.groups.filter((g) => g.kind === 'sector' && g.strength30 !== null && g.members >= MIN_SECTOR_MEMBERS);
  const describe = (g: RotationGroupRow) => `${g.name} ${formatReturn(g.strength30)} (momentum ${g.momentum !== null && g.momentum >= 0 ? 'gaining' : 'fading'})`;
  if (sectors.length > 0) {
    lines.push(`Leading sectors vs BTC (30 d): ${sectors.slice(0, 3).map(describe).join(', ')}`);
    lines.push(`Lagging: ${sectors.slice(-3).reverse().map(describe).join(', ')}`);
  }
  return lines;
}

export async function rotation(context: ReadContext, query: RotationQuery = {}): Promise<RotationResult> {
  const names = query.fieldNames ?? DEFAULT_DATE_FIELDS;
  const options = resolveRotationOptions(query.settings ?? {});
  const phase = resolvePhaseOptions({ ...query.phase, window: query.window, weighting: query.weighting });
  return inSnapshot(context, async () => {
    const span = await storedCryptoSpan(context.store);
    let from: DayNumber;
    let to: DayNumber;
    if (query.from !== undefined) {
      to = query.to === undefined ? span.last : (Math.min(query.to, span.last) as DayNumber);
      if (query.to !== undefined && query.to < query.from) throw new InvalidInputError(`${names.to} ${iso(query.to)} is before ${names.from} ${iso(query.from)}`);
      from = dayInSpan(Math.max(query.from, span.first) as DayNumber, span, names.from);
      if (to < span.first) dayInSpan(to, span, names.to);
    } else from = to = dayInSpan(query.at, span, names.at);
    const inputs = await loadRotationInputs(context, to, query.sectorsFile ?? null, span);
    const series = computeRotation(inputs.panel, span.first, to, inputs.labelTimeline(span.first), options);
    const points = rotationPhases(series, phase);
    const iFrom = from - span.first;
    const iTo = to - span.first;
    const current = phaseEvidence(series, points[iTo]!, phase.window);
    const groups = groupRows(series, iTo, phase.weighting);
    return {
      schema: ROTATION_SCHEMA,
      simulated: inputs.simulated,
      data: dataNotice(span.last, context.today(), inputs.simulated),
      settings: {
        window: phase.window,
        weighting: phase.weighting,
        largeTo: options.largeTo,
        midTo: options.midTo,
        smallTo: options.smallTo,
        stalenessDays: options.stalenessDays,
        leadMargin: phase.leadMargin,
        riskOffBtcReturn: phase.riskOffBtcReturn,
        confirmDays: phase.confirmDays,
        sectorsFile: query.sectorsFile?.name ?? null,
        labelProvenance: inputs.labelProvenance,
      },
      from: iso(from),
      to: iso(to),
      current,
      groups,
      days: dayRows(series, points, iFrom, iTo, phase.weighting),
      episodes: episodeRows(series, points, iFrom, phase.weighting),
      sectorWeeks: sectorWeeks(series, iFrom, iTo, phase.weighting),
      readings: readings({ current, groups }),
    };
  });
}

/**
 * Days of history behind the status line's phase: the 30-day window, then five months for the
 * confirmation rule to settle (a phase older than that shows "since" the first settled day).
 */
export const STATUS_PHASE_DAYS = 180;

/** The phase on `asOf` as a `status` item, from a panel covering at least the last STATUS_PHASE_DAYS days. */
export function rotationStatusItem(panel: Panel, rules: readonly LabelRule[], panelFrom: DayNumber, asOf: DayNumber, rankings: DailyRankings | null = null): StatusItem | null {
  const from = Math.max(panelFrom, addDays(asOf, -STATUS_PHASE_DAYS)) as DayNumber;
  const series = computeRotation(panel, from, asOf, assignSectors(panel, rules), {}, rankings);
  const phase = resolvePhaseOptions();
  const point = rotationPhases(series, phase).at(-1);
  if (!point || point.phase === null) return null;
  const evidence = phaseEvidence(series, point, phase.window);
  const tone = point.phase === 'bitcoin-led' ? 'btc' : point.phase === 'risk-off' ? 'info' : 'alt';
  return {
    key: 'rotation',
    label: 'Rotation phase',
    value: evidence.phaseLabel!,
    // The leader's relative strength vs BTC, in percent.
    number: roundOrNull(point.leaderStrength * 100, 4),
    unit: 'percent',
    reading: evidence.evidence,
    basis: `${phase.window}-day strength vs BTC of ETH and the point-in-time size tiers, cap-weighted, over the days since ${isoDateOf(from)}`,
    asOf: isoDateOf(asOf),
    tone,
  };
}

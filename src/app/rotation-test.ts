/**
 * `altseason rotation --test`: the rotation-order test (analytics/rotation/rotation-order-test.ts)
 * over the whole stored history and over the 2017–18 and 2020–21 cycles, with those cycles' phase
 * episodes as computed; on a simulated market, whether the planted rotation was found.
 */
import { isoDateOf, parseDay, type DayNumber } from '../domain/dates.ts';
import { formatReturn } from '../domain/units.ts';
import { computeRotation, type RotationSeries } from '../analytics/rotation/rotation-indices.ts';
import { resolveOrderTestOptions, rotationOrderTest, type OrderTestOptions } from '../analytics/rotation/rotation-order-test.ts';
import { tierLabel, TIER_IDS, type RotationOptions, type TierId } from '../analytics/rotation/rotation-options.ts';
import { resolvePhaseOptions, rotationPhases, type PhaseOptions, type PhasePoint } from '../analytics/rotation/rotation-phase.ts';
import { readGroundTruth } from '../sim/write-simulated-market.ts';
import type { OrderTest, RotationTestResult } from './contracts/rotation.ts';
import { ROTATION_TEST_SCHEMA } from './contracts/rotation-names.ts';
import { dataNotice } from './data-notice.ts';
import { inSnapshot, type ReadContext } from './read-context.ts';
import { roundOrNull } from './round.ts';
import { episodeRows } from './rotation.ts';
import { loadRotationInputs, type SectorsFile } from './sectors.ts';
import { storedCryptoSpan } from './stored-span.ts';

export interface RotationTestQuery {
  test?: Partial<Omit<OrderTestOptions, 'fromIndex' | 'toIndex'>>;
  /** Phase rule window (the event study's phase starts). Default 30. */
  phaseWindow?: number;
  /** The phase rule's other thresholds (rotation-phase.ts); absent ones keep their defaults. */
  phase?: Partial<Omit<PhaseOptions, 'window' | 'weighting'>>;
  sectorsFile?: SectorsFile | null;
  /** Tier boundaries and the other index settings. */
  settings?: Partial<RotationOptions>;
}

/** The cycles reported by name. */
export const ROTATION_CYCLES: readonly { name: string; from: string; to: string }[] = [
  { name: '2017–18', from: '2017-01-01', to: '2018-12-31' },
  { name: '2020–21', from: '2020-01-01', to: '2021-12-31' },
];

const CAVEATS = [
  'Tiers are point-in-time, but the stored universe is not survivorship-free everywhere: from 2018-07 to 2020-12 only coins that survived to 2022/23 exist, so the mid and small caps of that span are survivors.',
  'From 2021 most coins outside the top 50 are priced from weekly snapshots (Mondays); the test therefore uses weekly steps, Monday to Monday, and cannot see leads shorter than a week.',
  'ETH is one coin, the other tiers are baskets: its own news is noise the baskets average away, which lowers the power of the ETH → large caps pair.',
  'Lead-lag in excess returns is association in time, not cause: a common driver hitting tiers with different delays looks the same.',
];

const num = (v: number | null | undefined, digits = 6) => roundOrNull(v ?? null, digits);

function labelOf(series: RotationSeries, id: string): string {
  return TIER_IDS.includes(id as TierId) ? tierLabel(id as TierId, series.options) : id;
}

function orderTest(series: RotationSeries, phases: readonly PhasePoint[], options: OrderTestOptions, fromIndex: number, toIndex: number): OrderTest {
  const r = rotationOrderTest(series, phases, { ...options, fromIndex, toIndex });
  const pairs = r.pairs.map((p) => ({
    driver: p.driver,
    target: p.target,
    driverLabel: labelOf(series, p.driver),
    targetLabel: labelOf(series, p.target),
    steps: p.steps,
    scan: {
      peakLagSteps: p.scan.peakLagSteps,
      peakLagDays: p.scan.peakLagSteps === null ? null : p.scan.peakLagSteps * options.stepDays,
      r: num(p.scan.r),
      band: num(p.scan.band),
      pValue: num(p.scan.pValue, 8),
      adjustedP: num(p.scan.adjustedP, 8),
      lagsTested: p.scan.lagsTested,
      minimumDetectableR: num(p.scan.minimumDetectableR),
    },
    granger: p.granger ? { ...p.granger, coefficientSum: num(p.granger.coefficientSum), pValue: num(p.granger.pValue, 8), adjustedP: num(p.granger.adjustedP, 8) } : null,
    eventStudy: p.eventStudy
      ? { events: p.eventStudy.events, effect: num(p.eventStudy.effect), interval: p.eventStudy.interval ? ([num(p.eventStudy.interval[0])!, num(p.eventStudy.interval[1])!] as [number, number]) : null, pValue: num(p.eventStudy.pValue, 8), adjustedP: num(p.eventStudy.adjustedP, 8) }
      : null,
    supported: p.supported,
  }));
  const supported = pairs.filter((p) => p.supported).map((p) => `${p.driverLabel} → ${p.targetLabel} (${p.scan.peakLagDays} days)`);
  const untestable = pairs.filter((p) => p.scan.pValue === null).length;
  const verdict = r.holds
    ? `The order holds: every pair's lead is significant after Holm adjustment (${supported.join('; ')}).`
    : untestable === pairs.length
      ? 'Not testable: too few steps with every tier defined.'
      : `The order does not hold${supported.length ? `; supported: ${supported.join('; ')}` : ': no pair has a significant lead in the thesis direction'} (α = ${options.alpha}, Holm over ${r.familySize} tests; the scan could detect |r| ≥ ${pairs.map((p) => p.scan.minimumDetectableR?.toFixed(2) ?? '—').join(' / ')} with 80 % power).`;
  return { from: isoDateOf((series.from + fromIndex) as DayNumber), to: isoDateOf((series.from + toIndex) as DayNumber), pairs, familySize: r.familySize, holds: r.holds, verdict };
}

export async function rotationTest(context: ReadContext, query: RotationTestQuery = {}): Promise<RotationTestResult> {
  const options = resolveOrderTestOptions(query.test ?? {});
  const phase = resolvePhaseOptions({ ...query.phase, window: query.phaseWindow, weighting: options.weighting });
  return inSnapshot(context, async () => {
    const span = await storedCryptoSpan(context.store);
    const inputs = await loadRotationInputs(context, span.last, query.sectorsFile ?? null, span);
    const series = computeRotation(inputs.panel, span.first, span.last, inputs.labelTimeline(span.first), query.settings ?? {});
    const phases = rotationPhases(series, phase);
    const last = span.last - span.first;
    const whole = orderTest(series, phases, options, 0, last);
    const periods = ROTATION_CYCLES.flatMap((cycle) => {
      const from = Math.max(parseDay(cycle.from) - span.first, 0);
      const to = Math.min(parseDay(cycle.to) - span.first, last);
      if (to - from < 60) return [];
      const episodes = episodeRows(series, phases, from, phase.weighting).filter((e) => e.start <= isoDateOf((span.first + to) as DayNumber));
      const test = orderTest(series, phases, options, from, to);
      return [{ name: cycle.name, from: isoDateOf((span.first + from) as DayNumber), to: isoDateOf((span.first + to) as DayNumber), episodes, test: test.pairs.some((p) => p.scan.pValue !== null) ? test : null }];
    });
    const truth = inputs.simulated ? await readGroundTruth(context.store) : null;
    const planted = truth?.plantedRotation ?? null;
    const groundTruth = truth
      ? planted
        ? {
            planted: planted.meaning,
            lagDays: planted.lagDays,
            effect: planted.effect,
            recovered: planted.effect > 0 ? whole.holds && whole.pairs.every((p) => p.scan.peakLagDays === Math.round(planted.lagDays / options.stepDays) * options.stepDays) : !whole.pairs.some((p) => p.supported),
          }
        : { planted: 'no planted rotation in this simulation (any finding is a false positive)', lagDays: null, effect: null, recovered: !whole.pairs.some((p) => p.supported) }
      : null;
    return {
      schema: ROTATION_TEST_SCHEMA,
      simulated: inputs.simulated,
      data: dataNotice(span.last, context.today(), inputs.simulated),
      settings: { ...options, phaseWindow: phase.window },
      whole,
      periods,
      groundTruth,
      caveats: CAVEATS,
    };
  });
}

/** One line per episode's leaders, for prose. */
export function episodeLine(e: RotationTestResult['periods'][number]['episodes'][number]): string {
  return `${e.start} … ${e.end} (${e.days} d) ${e.phaseLabel}: ${e.leadingSectors.map((s) => `${s.sector} ${formatReturn(s.strength, 0)}`).join(', ') || 'no sector with 2+ members'}`;
}

/**
 * The thesis report's prose, written once for both renderers: the title, the simulated-data banner,
 * the section headings outside the tables and the data section. Plain text; the Markdown and HTML
 * renderers only escape and style it. The tables are in thesis-tables.ts.
 */
import { formatP, formatSigned } from '../../analytics/thesis/format-thesis-numbers.ts';
import type { SeriesDescription, ThesisReport } from '../../analytics/thesis/thesis-report.ts';

export const THESIS_TITLE = 'Thesis lab: does Russell 2000 strength lead altcoin outperformance?';

/** Headings and labels of the prose sections (the tables carry their own titles). */
export const THESIS_HEADINGS = {
  question: 'Question.',
  verdict: 'Verdict',
  data: 'Data',
  caveats: 'Caveats',
} as const;

/** The warning shown at the top and the bottom of a report computed from a simulated market, or null for real data. */
export function simulatedBanner(report: Pick<ThesisReport, 'simulated' | 'groundTruth'>): string | null {
  if (!report.simulated) return null;
  const truth = report.groundTruth;
  const planted = truth ? (truth.plantedLink ? `planted link: ^RUT returns lead alt-minus-BTC returns by ${truth.leadDays} days with strength ${truth.effect}` : 'no planted link (any "finding" is a false positive)') : 'ground truth not stored';
  const found = truth?.found
    ? `; found: peak at ${truth.found.peakLagDays ?? '—'} days, r = ${formatSigned(truth.found.r)}, p = ${formatP(truth.found.pValue)} → ${truth.found.recovered ? 'recovered' : 'not recovered'}`
    : '';
  return `SIMULATED DATA — not a real market (simulation seed ${truth?.seed ?? '—'}; ${planted}${found}).`;
}

export interface ThesisDataSection {
  title: string;
  /** One bullet each: period, sources, universe, settings. */
  items: string[];
  /** "Series tested", emphasised by the renderers, followed by `seriesNote`. */
  seriesHeading: string;
  seriesNote: string;
  series: SeriesDescription[];
}

export function thesisDataSection(report: Pick<ThesisReport, 'data' | 'settings'>): ThesisDataSection {
  const { data, settings } = report;
  return {
    title: THESIS_HEADINGS.data,
    items: [
      `Period: ${data.period.from} … ${data.period.to} (${data.period.days} days); daily alt-minus-BTC returns on ${data.universe.dailyTargetDays} days, weekly on ${data.universe.weeklyTargetWeeks} Mondays, ASI on ${data.universe.asiDays} days.`,
      `Common span of crypto and ^RUT data: ${data.commonSpan.from} … ${data.commonSpan.to} (crypto ${data.commonSpan.crypto.from} … ${data.commonSpan.crypto.to}; ^RUT ${data.commonSpan.russell.from} … ${data.commonSpan.russell.to})` +
        (data.breakoutsAfterPeriod.length ? `; Russell 2000 breakouts after the period, in no test: ${data.breakoutsAfterPeriod.map((b) => b.date).join(', ')}.` : '.'),
      ...data.survivorOnlyPeriods.map((p) => `Survivors only ${p.from} … ${p.to}: ${p.note}.`),
      `Crypto sources (precedence order): ${data.sources.crypto.join(', ') || '—'}.`,
      `Equity sources: ${Object.entries(data.sources.equity).map(([symbol, bySource]) => `${symbol} (${Object.entries(bySource).map(([s, n]) => `${s}: ${n} days`).join(', ')})`).join('; ')}.`,
      `Universe: ${data.universe.description}; size min ${data.universe.universeSize.min ?? '—'}, median ${data.universe.universeSize.median ?? '—'}, max ${data.universe.universeSize.max ?? '—'}.`,
      `Settings: ASI window ${settings.window} days; breakout = first record after a ≥ ${settings.breakoutDrawdownPct} % drawdown; altseason = ASI ≥ ${settings.altseasonThreshold}; lags ±${settings.maxLagDays} days; α = ${settings.alpha}; seed ${settings.seed}; ${settings.replicates} placebo sets.`,
    ],
    seriesHeading: 'Series tested',
    seriesNote: '(changes and log returns only, never levels):',
    series: data.series,
  };
}

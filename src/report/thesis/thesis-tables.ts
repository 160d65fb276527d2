/**
 * The thesis report's tables, defined once for every output format: each with its section title,
 * an optional introductory paragraph, the header, the rows as finished strings and which columns
 * hold numbers (right-aligned). The Markdown and HTML renderers only lay them out; they choose which
 * tables to show and may put charts between a table's title and its rows. Plain text throughout:
 * escaping is the renderer's job.
 */
import { formatInterval, formatLogReturnPct, formatNumber, formatP, formatShare, formatSigned } from '../../analytics/thesis/format-thesis-numbers.ts';
import { DRIVER_LABELS, TARGET_LABELS } from '../../analytics/thesis/thesis-labels.ts';
import type { ThesisReport } from '../../analytics/thesis/thesis-report.ts';

export type ThesisTableId = 'breakouts' | 'lead-lag' | 'rolling' | 'event-study' | 'hit-rates' | 'precedents' | 'hypotheses' | 'power';

export interface ThesisTable {
  id: ThesisTableId;
  /** The section heading the table stands under. */
  title: string;
  /** 2 for a section, 3 for a subsection. */
  level: 2 | 3;
  /** A paragraph between the heading and the table, or null. */
  intro: string | null;
  headers: string[];
  rows: string[][];
  /** Indexes of the columns that hold numbers (right-aligned where the format can). */
  numericColumns: number[];
  /** What to say instead of an empty table, or null to show the header alone. */
  whenEmpty: string | null;
}

type TableContent = Omit<ThesisTable, 'id' | 'level' | 'intro' | 'whenEmpty'> & Partial<Pick<ThesisTable, 'level' | 'intro' | 'whenEmpty'>>;

function define(id: ThesisTableId, content: TableContent): ThesisTable {
  return { id, level: 2, intro: null, whenEmpty: null, ...content };
}

const orDash = (value: string | number | null | undefined): string => (value === null || value === undefined ? '—' : String(value));
const days = (value: number | null): string => (value === null ? '—' : `${value} d`);

export function breakoutsTable(report: ThesisReport): ThesisTable {
  return define('breakouts', {
    title: `Russell 2000 breakouts in the period (${report.breakouts.length})`,
    headers: ['date', 'close', 'drawdown before', 'prior record', 'trough'],
    rows: report.breakouts.map((b) => [b.date, formatNumber(b.close, 2), `${formatNumber(b.drawdownPct, 1)} %`, b.priorRecordDate, b.troughDate]),
    numericColumns: [1, 2],
    whenEmpty: 'None.',
  });
}

export function leadLagTable(report: ThesisReport): ThesisTable {
  return define('lead-lag', {
    title: 'Lead-lag tests',
    intro:
      'Positive lag = the driver leads. "scan p" is the peak lag\'s p-value corrected for scanning every lag (Šidák); intervals are Fisher-z 95 % intervals with the robust standard error (at the peak, optimistic: the lag was picked as the largest). ' +
      'Granger p-values are HC3 heteroskedasticity-robust: "BIC" with the lag order BIC picks, "at scan lag" with the driver only at the scan\'s peak lag (scan-corrected), with the sign of the summed driver coefficients. The reverse scan leaves out daily lags 1–2 (trading-hours overlap). A pair that could not run says why.',
    headers: ['frequency', 'driver → target', 'period', 'n', 'r at lag 0 [95 %]', 'peak lead lag (days)', 'peak r [95 %]', 'scan p', 'Granger → BIC (lags, sum, p)', 'Granger → at scan lag (sum, p)', 'Granger ← p'],
    rows: report.leadLag.map((r) => {
      const pair = `${DRIVER_LABELS[r.driver]} → ${TARGET_LABELS[r.target]}`;
      if (r.unavailable !== null) return [r.frequency, pair, `not run: ${r.unavailable}`, String(r.n), '—', '—', '—', '—', '—', '—', '—'];
      const forward = r.granger.driverToTarget;
      const atLag = r.granger.atScanLag;
      return [
        r.frequency,
        pair,
        `${orDash(r.period.from)} … ${orDash(r.period.to)}`,
        String(r.n),
        `${formatSigned(r.contemporaneous.r)} ${formatInterval(r.contemporaneous.interval)}`,
        orDash(r.lead.peakLagDays),
        `${formatSigned(r.lead.r)} ${formatInterval(r.lead.interval)}`,
        formatP(r.lead.pValue),
        forward.unavailable !== null ? '—' : `${forward.lag}, ${formatSigned(forward.coefficientSum, 3)}, ${formatP(forward.robustPValue)}`,
        !atLag || atLag.unavailable !== null ? '—' : `${formatSigned(atLag.coefficientSum, 3)}, ${formatP(atLag.testPValue)}`,
        formatP(r.granger.targetToDriver.robustPValue),
      ];
    }),
    numericColumns: [3, 5, 7, 8, 9, 10],
  });
}

/** Null when no lead-lag result has rolling windows. */
export function rollingTable(report: ThesisReport): ThesisTable | null {
  const rolling = report.leadLag.filter((r) => r.rolling.length);
  if (!rolling.length) return null;
  return define('rolling', {
    title: 'Rolling correlations (lag 0)',
    level: 3,
    intro: "Share beyond the naive band: how often a window's |r| exceeded 1.96/√window (≈ 5 % expected by chance).",
    headers: ['pair', 'window', 'windows', 'mean r', 'min', 'max', 'latest', 'share beyond band'],
    rows: rolling.flatMap((r) =>
      r.rolling.map((w) => [`${DRIVER_LABELS[r.driver]} ~ ${TARGET_LABELS[r.target]}`, `${w.windowDays} d`, String(w.windows), formatSigned(w.mean), formatSigned(w.min), formatSigned(w.max), formatSigned(w.latest), formatShare(w.shareBeyondNaiveBand)]),
    ),
    numericColumns: [2, 3, 4, 5, 6, 7],
  });
}

export function eventStudyTable(report: ThesisReport): ThesisTable {
  return define('event-study', {
    title: 'Event study: forward alt-minus-BTC returns after breakouts',
    intro: 'Effect = mean forward log return after breakouts − mean over all days; interval and p from cluster-keeping placebo dates.',
    headers: ['target', 'horizon', 'events (dropped)', 'after breakouts', 'all days', 'effect', '95 % interval', 'p', 'detectable (80 %)'],
    rows: report.eventStudies.map((e) => [
      TARGET_LABELS[e.target],
      `${e.horizonDays} d`,
      `${e.events} (${e.eventsDropped})`,
      formatSigned(e.eventMean),
      formatSigned(e.baselineMean),
      `${formatSigned(e.effect)} (${formatLogReturnPct(e.effect)})`,
      formatInterval(e.interval),
      formatP(e.pValue),
      formatNumber(e.minimumDetectableEffect),
    ]),
    numericColumns: [2, 3, 4, 5, 7, 8],
  });
}

export function hitRatesTable(report: ThesisReport): ThesisTable {
  return define('hit-rates', {
    title: `Hit rates: ASI ≥ ${report.settings.altseasonThreshold} within h days after a breakout`,
    headers: ['horizon', 'events', 'hits', 'rate [Wilson 95 %]', 'base rate (days)', 'difference', 'placebo p'],
    rows: report.hitRates.map((h) => [
      `${h.horizonDays} d`,
      String(h.events),
      String(h.hits),
      `${formatShare(h.rate)} ${formatInterval(h.interval, (v) => formatShare(v))}`,
      `${formatShare(h.baseRate)} (${h.baseDays})`,
      h.difference === null ? '—' : `${formatSigned(h.difference * 100, 0)} pt`,
      formatP(h.pValue),
    ]),
    numericColumns: [1, 2, 5, 6],
  });
}

export function precedentsTable(report: ThesisReport): ThesisTable {
  return define('precedents', {
    title: 'Historical precedents',
    headers: ['cycle', 'ASI peak', 'first ASI ≥ threshold', 'breakouts in the year before the peak', 'lag breakout → peak', 'lag breakout → first altseason day', 'note'],
    rows: report.precedents.map((p) => [
      p.label,
      p.asiPeak ? `${formatNumber(p.asiPeak.index, 0)} on ${p.asiPeak.date}` : '—',
      orDash(p.firstAltseasonDay),
      p.breakouts.map((b) => `${b.date} (after −${formatNumber(b.drawdownPct, 0)} %)`).join(', ') || 'none',
      days(p.lagToPeakDays),
      days(p.lagToAltseasonDays),
      p.note,
    ]),
    // Left-aligned so far in every format; the lag columns (4, 5) are numbers if that is ever wanted.
    numericColumns: [],
  });
}

export function hypothesesTable(report: ThesisReport): ThesisTable {
  const h = report.hypotheses;
  return define('hypotheses', {
    title: `Every hypothesis tested (${h.count})`,
    intro:
      `"verdict p" is what the verdict uses: ${h.procedure}. Significant at α = ${h.alpha}: ${h.significantRaw} unadjusted, ${h.significantAdjusted} by the verdict's procedure, ` +
      `${h.significantBh} after Benjamini–Hochberg (false discovery rate), ${h.significantHolm} after Holm over all (family-wise). "direction": whether the estimate points the thesis's way.`,
    headers: ['#', 'hypothesis', 'n', 'effect', 'interval', 'direction', 'p', 'verdict p', 'Holm p', 'BH p'],
    rows: h.list.map((x, i) => [
      String(i + 1),
      `${x.primary ? 'MAIN: ' : ''}${x.description}`,
      String(x.n),
      `${x.effectLabel} ${formatSigned(x.effect, 4)}`,
      formatInterval(x.interval),
      x.thesisDirection === null ? '—' : x.thesisDirection ? 'thesis' : 'against',
      formatP(x.pValue),
      formatP(x.adjustedPValue),
      formatP(x.holmPValue),
      formatP(x.bhPValue),
    ]),
    numericColumns: [0, 2, 6, 7, 8, 9],
  });
}

export function powerTable(report: ThesisReport): ThesisTable {
  const { mainTest, eventStudy, hitRate, explanation } = report.power;
  return define('power', {
    title: 'Power: what this history could detect',
    intro: explanation,
    headers: ['test', 'n / events', 'smallest detectable effect (80 % power)'],
    rows: [
      ['lead-lag scan (main test, tested first at α)', String(mainTest.n), `|r| ≥ ${formatNumber(mainTest.detectableCorrelationScan)}`],
      ['one pre-specified lag', String(mainTest.n), `|r| ≥ ${formatNumber(mainTest.detectableCorrelationSingleLag)}`],
      ['a secondary scan of the same length (Holm behind the main test)', String(mainTest.n), `|r| ≥ ${formatNumber(mainTest.detectableCorrelationAfterFamily)}`],
      ...eventStudy.map((e) => [`event study ${e.horizonDays} d (cap-weighted)`, String(e.events), `|excess log return| ≥ ${formatNumber(e.minimumDetectableEffect)}`]),
      ...hitRate.map((x) => [`hit rate ${x.horizonDays} d`, String(x.events), `Wilson interval width ${formatShare(x.intervalWidth)}`]),
    ],
    numericColumns: [1],
  });
}

/** Every table in report order; the rolling correlations only when there are any. */
export function thesisTables(report: ThesisReport): ThesisTable[] {
  const tables = [breakoutsTable(report), leadLagTable(report), rollingTable(report), eventStudyTable(report), hitRatesTable(report), precedentsTable(report), hypothesesTable(report), powerTable(report)];
  return tables.filter((t): t is ThesisTable => t !== null);
}

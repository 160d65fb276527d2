/** The Altcoin Season Index for a terminal: the settings line, one row per day, a chart, episodes. */
import pc from 'picocolors';
import { formatReturn } from '../domain/units.ts';
import type { IndexEpisode, IndexPoint, SeasonIndexResult, SeasonIndexSettings } from '../app/contracts/season-index.ts';
import type { Column } from './columns.ts';
import { renderIndexChart } from './render-index-chart.ts';
import { renderTable } from './render-table.ts';

/** The index with at most one decimal and no trailing ".0" (30 of 77 = 38.96 → "39", 2 of 35 → "5.7"). */
export function formatIndex(index: number | null): string {
  return index === null || !Number.isFinite(index) ? '—' : String(Number(index.toFixed(1)));
}

export function seasonCell(season: string | null, color: boolean): string {
  if (season === null) return '—';
  if (!color) return season;
  return season === 'altcoin' ? pc.green(season) : season === 'bitcoin' ? pc.red(season) : season;
}

/** Why coins ranked in the top N were left out on a day, by reason. */
export function qualificationText(p: IndexPoint): string {
  const parts = [
    p.excludedCount ? `${p.excludedCount} excluded (stablecoins, wrapped/staked tokens, --exclude)` : '',
    p.noStartPriceCount ? `${p.noStartPriceCount} listed during the window (no start price)` : '',
    p.stalePriceCount ? `${p.stalePriceCount} with a stale price at an end of the window` : '',
    p.unfilledCount ? `${p.unfilledCount} places unfilled: the store ranks too few coins` : '',
  ].filter(Boolean);
  return `passed over on the way down the ranking: ${parts.join(', ') || 'none'}`;
}

export function describeSettings(s: SeasonIndexSettings): string {
  const extra = s.excludeSymbols.length ? `, also excluding ${s.excludeSymbols.join(', ')}` : '';
  const rank = s.rankAt === 'end' ? 'ranked by market cap at the window end' : 'ranked by market cap at the window start';
  return `${s.window}-day window, top ${s.top} altcoins as of each date (${rank}), prices and caps at most ${s.stalenessDays} days old, altcoin season ≥ ${s.altThreshold}, bitcoin season ≤ ${s.btcThreshold}${extra}`;
}

/** The CSV and JSON field order of a point; the table shows the same fields with headers. */
const QUALIFICATION_COLUMNS: Column<IndexPoint>[] = [
  { key: 'excludedCount', value: (p) => p.excludedCount },
  { key: 'noStartPriceCount', value: (p) => p.noStartPriceCount },
  { key: 'stalePriceCount', value: (p) => p.stalePriceCount },
  { key: 'unfilledCount', value: (p) => p.unfilledCount },
  { key: 'weeklyData', value: (p) => p.weeklyData },
];

/** CSV and JSON carry the qualification counts too; the terminal table leaves them to its footer. */
export function pointColumns(color = false, table = false): Column<IndexPoint>[] {
  return [
    { key: 'date', value: (p) => p.date },
    { key: 'index', align: 'right', value: (p) => p.index, display: (p) => formatIndex(p.index) },
    { key: 'season', value: (p) => p.season, display: (p) => seasonCell(p.season, color) },
    { key: 'universeSize', header: 'universe', align: 'right', value: (p) => p.universeSize },
    { key: 'beatCount', header: 'beat BTC', align: 'right', value: (p) => p.beatCount },
    { key: 'btcReturn', header: 'BTC return', align: 'right', value: (p) => p.btcReturn, display: (p) => formatReturn(p.btcReturn) },
    { key: 'medianExcessReturn', header: 'median excess', align: 'right', value: (p) => p.medianExcessReturn, display: (p) => formatReturn(p.medianExcessReturn) },
    { key: 'capWeightedExcessReturn', header: 'cap-weighted excess', align: 'right', value: (p) => p.capWeightedExcessReturn, display: (p) => formatReturn(p.capWeightedExcessReturn) },
    ...(table ? [] : QUALIFICATION_COLUMNS),
  ];
}

export const EPISODE_COLUMNS: Column<IndexEpisode>[] = [
  { key: 'season', value: (e) => e.season },
  { key: 'start', value: (e) => e.start },
  { key: 'end', value: (e) => e.end },
  { key: 'days', align: 'right', value: (e) => e.days },
  { key: 'peak', align: 'right', value: (e) => e.peak, display: (e) => e.peak.toFixed(0) },
  { key: 'peakDate', header: 'peak date', value: (e) => e.peakDate },
  { key: 'ongoing', value: (e) => e.ongoing, display: (e) => (e.ongoing ? 'at range end' : '') },
  { key: 'weeklyData', header: 'data', value: (e) => e.weeklyData, display: (e) => (e.weeklyData ? 'weekly snapshots' : 'daily') },
];

export interface IndexTableOptions {
  color?: boolean;
  /** Terminal width for the chart. */
  width?: number;
  minEpisodeDays: number;
}

export function renderEpisodesTable(result: SeasonIndexResult, minEpisodeDays: number): string {
  const head = `Season episodes ${result.from} → ${result.to} of at least ${minEpisodeDays} days (${describeSettings(result.settings)})\n`;
  return head + (result.episodes.length ? renderTable(result.episodes, EPISODE_COLUMNS) : '  none in this range\n');
}

export function renderSeasonIndexTable(result: SeasonIndexResult, options: IndexTableOptions): string {
  const { settings, points } = result;
  const color = options.color ?? false;
  let text = `Altcoin Season Index (${describeSettings(settings)})\n`;
  text += renderTable(points, pointColumns(color, true));
  const undefinedDays = points.filter((p) => p.index === null).length;
  if (undefinedDays > 0) {
    const which = undefinedDays === points.length ? (points.length === 1 ? 'this day' : 'every day listed') : `${undefinedDays} of ${points.length} days`;
    text +=
      `— = undefined on ${which}: BTC had no price at an end of the ${settings.window}-day window, or fewer than ` +
      `${Math.min(settings.minUniverse, settings.top)} altcoins had prices at both ends (docs/methodology.md; --explain DATE shows why)\n`;
  }
  const short = points.filter((p) => p.index !== null && p.universeSize < settings.top);
  if (short.length > 0) {
    const last = short.at(-1)!;
    const when = points.length === 1 ? '' : ` on ${short.length} of ${points.length} days (on ${last.date}: ${last.universeSize})`;
    const head = points.length === 1 ? `only ${last.universeSize} of the top ${settings.top} altcoins qualified` : `fewer than the top ${settings.top} altcoins qualified${when}`;
    text += `${head}; ${qualificationText(last)} (--explain ${last.date} lists every skipped coin and why)\n`;
  }
  const weekly = points.filter((p) => p.weeklyData);
  if (weekly.length > 0) text += `${weekly.length === points.length ? 'every day listed' : `${weekly.length} of ${points.length} days`} rest mostly on weekly price snapshots (from ${weekly[0]!.date}): the index then moves in weekly steps\n`;
  if (points.length > 1) {
    text += '\n';
    text += renderIndexChart(
      points.map((p) => ({ date: p.date, index: p.index })),
      { width: Math.max(30, Math.min(options.width ?? 100, 140)), altThreshold: settings.altThreshold, btcThreshold: settings.btcThreshold, color },
    );
    const count = (s: string) => result.episodes.filter((e) => e.season === s).length;
    text += `${count('altcoin')} altcoin-season and ${count('bitcoin')} bitcoin-season episodes of at least ${options.minEpisodeDays} days in this range (--episodes lists them)\n`;
  }
  return text;
}

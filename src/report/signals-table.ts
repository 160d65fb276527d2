/** The confirmation signals for a terminal: one row per signal, grouped; and one signal's history with its chart. */
import type { SignalHistoryPointRow, SignalHistoryResult, SignalRow, SignalsResult } from '../app/contracts/signals.ts';
import type { Column } from './columns.ts';
import { renderSparkline } from './render-sparkline.ts';
import { renderTable } from './render-table.ts';
import { renderSignalChart } from './signals-chart.ts';

/** A 10-cell bar of a 0–100 percentile: ▰▰▰▱▱▱▱▱▱▱ 30. */
export function percentileBar(percentile: number | null): string {
  if (percentile === null) return '—';
  const filled = Math.round(percentile / 10);
  return `${'▰'.repeat(filled)}${'▱'.repeat(10 - filled)} ${percentile.toFixed(0).padStart(3)}`;
}

/** A value with its unit: 12.3 % p.a., 1.42, −3,210 BTC. */
export function formatSignalValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  const abs = Math.abs(value);
  const digits = Number.isInteger(value) || abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 3;
  const text = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).replace(/^-/, '−');
  if (unit === '%' || unit === '% p.a.') return `${text}${unit === '%' ? '%' : '% p.a.'}`;
  if (unit === 'ratio' || unit === 'index' || unit === 'z') return text;
  return `${text} ${unit}`;
}

const READING_MARK: Record<string, string> = { supports: '▲ supports', neutral: '· neutral', against: '▼ against' };

/** The CSV field order of `altseason signals --format csv`. */
export const SIGNAL_ROW_FIELDS: readonly (keyof SignalRow)[] = ['name', 'group', 'label', 'value', 'unit', 'date', 'ageDays', 'stale', 'percentile1y', 'reading', 'rule', 'note'];
/** The CSV field order of `altseason signal NAME --format csv`. */
export const SIGNAL_HISTORY_FIELDS: readonly (keyof SignalHistoryPointRow)[] = ['date', 'value', 'percentile1y', 'reading'];

const COLUMNS: Column<SignalRow>[] = [
  { key: 'group', value: (s) => s.group },
  { key: 'name', header: 'signal', value: (s) => s.name },
  { key: 'value', align: 'right', value: (s) => s.value, display: (s) => formatSignalValue(s.value, s.unit) },
  { key: 'date', header: 'as of', value: (s) => s.date, display: (s) => (s.date === null ? '—' : s.stale ? `${s.date} (${s.ageDays}d old)` : s.date) },
  { key: 'percentile1y', header: '1y percentile', value: (s) => s.percentile1y, display: (s) => percentileBar(s.percentile1y) },
  { key: 'reading', value: (s) => s.reading, display: (s) => (s.reading === null ? '—' : READING_MARK[s.reading]!) },
  { key: 'source', value: (s) => s.sources[0] ?? null, display: (s) => (s.value === null ? (s.note ?? '') : (s.sources.join('; ') || '—')) },
];

export function renderSignalsTable(r: SignalsResult, options: { all?: boolean } = {}): string {
  const shown = options.all ? r.signals : r.signals.filter((s) => s.value !== null);
  const lines = [`Confirmation signals as of ${r.at} (values at most ${r.maxAgeDays} days old; rules in docs/signals.md)`, ''];
  if (shown.length > 0) lines.push(renderTable(shown, COLUMNS).trimEnd());
  const hidden = r.signals.length - shown.length;
  lines.push('', `${r.summary.supports} support an altcoin season, ${r.summary.neutral} neutral, ${r.summary.against} against; ${r.summary.missing} without data${hidden > 0 ? ` (not shown: ${r.signals.filter((s) => s.value === null).map((s) => s.name).join(', ')})` : ''}`);
  return lines.join('\n') + '\n';
}

export function renderSignalHistory(r: SignalHistoryResult): string {
  const last = r.points[r.points.length - 1]!;
  const lines = [
    `${r.label} (${r.name}), ${r.from} … ${r.to}: ${r.points.length} days`,
    `  definition: ${r.definition}`,
    `  reading: ${r.rule}`,
    `  source: ${r.sources.join('; ')}`,
    '',
    renderSignalChart(r.points).trimEnd(),
    '',
    `  1y percentile ${renderSparkline(r.points.map((p) => p.percentile1y ?? NaN), 60)}`,
    '',
    `latest ${last.date}: ${formatSignalValue(last.value, r.unit)}, 1y percentile ${percentileBar(last.percentile1y)}, ${READING_MARK[last.reading]}`,
  ];
  return lines.join('\n') + '\n';
}

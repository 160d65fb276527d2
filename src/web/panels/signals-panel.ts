/**
 * Confirmation signals (GET /api/signals): one row per signal with data — value, 1-year percentile
 * bar, a 90-day sparkline, reading, source and age; a click on a row charts that signal's history
 * (GET /api/signal?name=…). Definitions and rules: docs/signals.md.
 */
import type { SignalHistoryResult, SignalRow, SignalsResult } from '../../app/contracts/signals.ts';
import { getJson } from '../api.ts';
import { mountChart } from '../charts/chart-view.ts';
import { $, showError, showPanelAge } from '../dom.ts';
import { escapeHtml } from '../format.ts';

const BLOCKS = '▁▂▃▄▅▆▇█';

/** A text sparkline of the finite values (a gap prints as a space). */
export function sparkline(values: readonly (number | null)[]): string {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0) return '';
  const min = Math.min(...finite);
  const span = Math.max(...finite) - min;
  return values.map((v) => (v === null ? ' ' : BLOCKS[span === 0 ? 3 : Math.round(((v - min) / span) * 7)]!)).join('');
}

function valueText(row: SignalRow): string {
  if (row.value === null) return '—';
  const abs = Math.abs(row.value);
  const text = row.value.toFixed(Number.isInteger(row.value) || abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 3);
  return row.unit === '%' ? `${text}%` : row.unit === 'ratio' || row.unit === 'index' || row.unit === 'z' ? text : `${text} ${row.unit}`;
}

const READING: Record<string, string> = { supports: '▲ supports', neutral: '· neutral', against: '▼ against' };

function rowHtml(row: SignalRow): string {
  // A <meter>, not a styled span: the page's content security policy allows no inline styles.
  const bar = row.percentile1y === null ? '<span class="muted">—</span>' : `<meter class="pctl-bar" min="0" max="100" value="${row.percentile1y.toFixed(0)}" title="1-year percentile ${row.percentile1y.toFixed(0)}"></meter> ${row.percentile1y.toFixed(0)}`;
  const age = row.ageDays === null ? '' : row.ageDays === 0 ? 'today' : `${row.ageDays} d`;
  return `<tr data-signal="${escapeHtml(row.name)}" tabindex="0" title="${escapeHtml(`${row.definition}. Reading: ${row.rule}`)}">
    <td>${escapeHtml(row.label)}</td><td class="num">${escapeHtml(valueText(row))}</td><td>${bar}</td>
    <td class="spark">${escapeHtml(sparkline(row.recent.filter((_, i) => i % 2 === 1)))}</td><td class="reading-${row.reading ?? 'none'}">${escapeHtml(row.reading ? READING[row.reading]! : '—')}</td>
    <td class="muted">${escapeHtml(row.sources.join('; '))}</td><td class="${row.stale ? 'stale' : 'muted'}">${escapeHtml(age)}</td></tr>`;
}

async function showHistory(name: string): Promise<void> {
  const h = await getJson<SignalHistoryResult>(`/api/signal?name=${encodeURIComponent(name)}`);
  $('sig-history-title').textContent = `${h.label} (${h.unit}), ${h.from} … ${h.to} — ${h.rule}`;
  mountChart('sig-history-chart', {
    time: true,
    dates: h.points.map((p) => p.date),
    series: [{ label: h.label, values: h.points.map((p) => p.value), color: '--accent', format: (v) => v.toFixed(2) }],
  });
}

export async function loadSignals(): Promise<void> {
  const r = await getJson<SignalsResult>('/api/signals');
  showPanelAge('sig-age', r.data.lastDate);
  const shown = r.signals.filter((s) => s.value !== null);
  $('sig-summary').innerHTML = `As of <strong>${escapeHtml(r.at)}</strong>: ${r.summary.supports} support an altcoin season, ${r.summary.neutral} neutral, ${r.summary.against} against; ${r.summary.missing} without data (click a row for its history).`;
  $('sig-table').innerHTML = `<table><thead><tr><th>signal</th><th>value</th><th>1y percentile</th><th>90 days</th><th>reading</th><th>source</th><th>age</th></tr></thead><tbody>${shown.map(rowHtml).join('') || '<tr><td colspan="7" class="muted">No signal data: run altseason sync or import the shared files.</td></tr>'}</tbody></table>`;
  for (const tr of $('sig-table').querySelectorAll<HTMLTableRowElement>('tr[data-signal]')) {
    const open = () => void showHistory(tr.dataset.signal!).catch((error) => showError('sig-history-chart', error));
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') open();
    });
  }
}

/**
 * The Altcoin Season Index (GET /api/index) with its season bands and episodes, and the
 * constituents behind one date (GET /api/index/explain). The date is picked exactly in the date
 * field, or roughly by clicking the chart (one pixel spans several days of a 12-year history).
 */
import type { ExplainResponse, IndexResponse } from '../../server/api-types.ts';
import { getJson } from '../api.ts';
import { answerLastDate, readExplain, readIndex, type ExplainView } from '../api-shapes.ts';
import { markChartDate, mountChart } from '../charts/chart-view.ts';
import { $, showError, showPanelAge } from '../dom.ts';
import { compact, escapeHtml, pct } from '../format.ts';

const state = { window: 90, selectedDate: null as string | null, explainRequest: 0 };

export function setupAsiPanel(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-window]')) {
    button.addEventListener('click', () => {
      state.window = Number(button.dataset.window);
      for (const other of document.querySelectorAll('[data-window]')) other.classList.toggle('active', other === button);
      void loadAsi().catch((error) => showError('asi-chart', error));
    });
  }
  const field = $<HTMLInputElement>('explain-date');
  field.addEventListener('change', () => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(field.value)) void selectDate(field.value);
  });
}

export async function loadAsi(): Promise<void> {
  const answer = await getJson<IndexResponse>(`/api/index?window=${state.window}`);
  const index = readIndex(answer);
  showPanelAge('asi-age', answerLastDate(answer));
  mountChart('asi-chart', {
    time: true,
    dates: index.points.map((p) => p.date),
    series: [{ label: `ASI ${index.window}d`, values: index.points.map((p) => p.index), color: '--accent', width: 1.8, format: (v) => v.toFixed(0) }],
    bands: [
      { from: index.altThreshold, to: 100, color: '--alt-band' },
      { from: 0, to: index.btcThreshold, color: '--btc-band' },
    ],
    lines: [
      { value: index.altThreshold, color: '--alt' },
      { value: index.btcThreshold, color: '--btc' },
    ],
    yRange: [0, 100],
    onSelectDate: (date) => void selectDate(date),
  });
  // Runs of a few days are the index hovering at a threshold; the list shows the seasons that lasted.
  const recent = index.episodes.filter((e) => e.days >= 14).slice(-10);
  $('asi-episodes').innerHTML = recent.length
    ? `<span class="muted">Seasons of 14+ days (latest ${recent.length}):</span> ${recent
        .map((e) => `<span class="episode ${e.season}" title="peak ${e.peak.toFixed(0)} on ${e.peakDate}">${e.season} ${e.start} → ${e.end} (${e.days}d)</span>`)
        .join('')}`
    : '';
  const defined = index.points.filter((p) => p.index !== null);
  const field = $<HTMLInputElement>('explain-date');
  field.min = defined[0]?.date ?? '';
  field.max = index.points.at(-1)?.date ?? '';
  const date = state.selectedDate ?? defined.at(-1)?.date ?? null;
  if (date) await selectDate(date);
}

/** Lists the constituents of this date and marks it on the chart and in the date field. */
export async function selectDate(date: string): Promise<void> {
  state.selectedDate = date;
  $<HTMLInputElement>('explain-date').value = date;
  markChartDate('asi-chart', date);
  const request = ++state.explainRequest;
  try {
    const explain = readExplain(await getJson<ExplainResponse>(`/api/index/explain?date=${encodeURIComponent(date)}&window=${state.window}`));
    // A later pick wins: answers can arrive out of order.
    if (request === state.explainRequest) renderExplain(explain);
  } catch (error) {
    if (request === state.explainRequest) showError('explain', error);
  }
}

function renderExplain(explain: ExplainView): void {
  const beat = explain.constituents.filter((c) => c.beatBtc).length;
  // "vs BTC" comes right after the coin: on a phone the later columns scroll, the verdict stays in view.
  $('explain').innerHTML = `<div class="explain-head"><h3>Constituents on <span data-testid="explain-date">${escapeHtml(explain.date)}</span></h3>
    <span>ASI ${explain.window}d: <strong data-testid="explain-index">${explain.index?.toFixed(0) ?? '—'}</strong> (${escapeHtml(explain.season ?? 'no value')})</span>
    <span>${beat} of ${explain.constituents.length} beat BTC's ${pct(explain.btcReturn)}</span></div>
    <table data-testid="constituents"><thead><tr><th>#</th><th>Coin</th><th>vs BTC</th><th>Return</th><th title="BTC's return over the same days as the coin's prices">BTC, same days</th><th>Market cap</th><th>Start</th><th>End</th></tr></thead><tbody>
    ${explain.constituents
      .map(
        (c) => `<tr><td>${c.rank}</td><td title="${escapeHtml(c.assetId)} · ${escapeHtml(c.source)}">${escapeHtml(c.symbol)} <span class="muted coin-name">${escapeHtml(c.name)}</span></td>
        <td class="${c.beatBtc ? 'beat' : 'lost'}" data-testid="beat">${c.beatBtc ? 'beat' : 'no'}</td><td>${pct(c.windowReturn)}</td><td>${pct(c.btcReturnSameDays)}</td>
        <td>$${compact(c.marketCap)}</td><td>${escapeHtml(c.startDate)}: ${compact(c.startPrice)}</td><td>${escapeHtml(c.endDate)}: ${compact(c.endPrice)}</td></tr>`,
      )
      .join('')}</tbody></table>
    ${explain.skipped.length ? `<p class="muted">Skipped: ${explain.skipped.slice(0, 20).map((s) => `${escapeHtml(s.symbol)} (${escapeHtml(s.reason)})`).join(', ')}${explain.skipped.length > 20 ? '…' : ''}</p>` : ''}`;
}

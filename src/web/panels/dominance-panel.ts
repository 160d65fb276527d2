/**
 * Dominance and market structure (GET /api/dominance): BTC.D over the stored top-125 universe with
 * the provider's own series beside it, TOTAL2 vs BTC's market cap, stablecoin dominance, readings.
 */
import type { DominanceResponse } from '../../server/api-types.ts';
import { getJson } from '../api.ts';
import { answerLastDate, readDominance } from '../api-shapes.ts';
import { mountChart } from '../charts/chart-view.ts';
import { $, showPanelAge } from '../dom.ts';
import { escapeHtml } from '../format.ts';
// The legend stays short (it must fit a phone); the universe line above names the series in full.
import { describeProviderSeries, describeReading } from '../provider-label.ts';

export async function loadDominance(): Promise<void> {
  const answer = await getJson<DominanceResponse>('/api/dominance');
  const dominance = readDominance(answer);
  showPanelAge('dom-age', answerLastDate(answer));
  const days = dominance.days;
  const dates = days.map((p) => p.date);
  const provider = describeProviderSeries(dominance.providerSeriesLabel);
  $('dom-universe').innerHTML = `Universe: <strong>${escapeHtml(dominance.universe)}</strong>${provider ? `; dashed: <span data-testid="provider-label">${escapeHtml(provider.long)}</span>` : ''}.
    ${dominance.sources.length ? `<details><summary>Sources</summary>store observations (${escapeHtml(dominance.sources.join(', '))})</details>` : ''}`;
  mountChart('btcd-chart', {
    time: true,
    dates,
    series: [
      { label: 'BTC.D (stored universe)', values: days.map((p) => p.btcDominancePct), color: '--btc', format: (v) => `${v.toFixed(1)}%` },
      { label: 'BTC.D (provider series)', values: days.map((p) => p.providerBtcDominancePct), color: '--muted', dash: [4, 3], format: (v) => `${v.toFixed(1)}%` },
    ],
    lines: [
      { value: 55, color: '--muted' },
      { value: 50, color: '--danger' },
    ],
  });
  mountChart('total2-chart', {
    time: true,
    logCapable: true,
    dates,
    series: [
      { label: 'TOTAL2', values: days.map((p) => p.total2Usd), color: '--line2' },
      { label: 'BTC market cap', values: days.map((p) => p.btcMarketCapUsd), color: '--btc' },
    ],
  });
  mountChart('stable-chart', {
    time: true,
    dates,
    series: [{ label: 'Stablecoin dominance', values: days.map((p) => p.stablecoinDominancePct), color: '--alt', format: (v) => `${v.toFixed(2)}%` }],
  });
  $('dom-readings').innerHTML = dominance.readings.map((r) => `<li>${escapeHtml(describeReading(r, provider))}</li>`).join('') || '<li class="muted">No readings yet.</li>';
}

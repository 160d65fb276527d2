/**
 * Dominance and market structure (GET /api/dominance): BTC.D over the stored top-125 universe with
 * the provider's own series beside it, TOTAL2 vs BTC's market cap, stablecoin dominance, readings.
 */
import type { DominanceResponse } from '../../server/api-types.ts';
import { getJson } from '../api.ts';
import { mountChart } from '../charts/chart-view.ts';
import { $ } from '../dom.ts';
import { escapeHtml } from '../format.ts';
import { describeProviderSeries, describeReading } from '../provider-label.ts';

export async function loadDominance(): Promise<void> {
  const dominance = await getJson<DominanceResponse>('/api/dominance');
  const dates = dominance.points.map((p) => p.date);
  const provider = describeProviderSeries(dominance.providerSeriesLabel);
  const [universe, ...sources] = dominance.universe.split(', store observations');
  $('dom-universe').innerHTML = `Universe: <strong>${escapeHtml(universe ?? '')}</strong>${provider ? `; dashed: <span data-testid="provider-label">${escapeHtml(provider.long)}</span>` : ''}.
    ${sources.length ? `<details><summary>Sources</summary>store observations${escapeHtml(sources.join(''))}</details>` : ''}`;
  mountChart('btcd-chart', {
    time: true,
    dates,
    series: [
      { label: 'BTC.D (stored universe)', values: dominance.points.map((p) => p.btcDominance), color: '--btc', format: (v) => `${v.toFixed(1)}%` },
      { label: provider ? `BTC.D (${provider.short})` : 'BTC.D (provider)', values: dominance.points.map((p) => p.btcDominanceProvider), color: '--muted', dash: [4, 3], format: (v) => `${v.toFixed(1)}%` },
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
      { label: 'TOTAL2', values: dominance.points.map((p) => p.total2), color: '--line2' },
      { label: 'BTC market cap', values: dominance.points.map((p) => p.btcMarketCap), color: '--btc' },
    ],
  });
  mountChart('stable-chart', {
    time: true,
    dates,
    series: [{ label: 'Stablecoin dominance', values: dominance.points.map((p) => p.stablecoinDominance), color: '--alt', format: (v) => `${v.toFixed(2)}%` }],
  });
  $('dom-readings').innerHTML = dominance.readings.map((r) => `<li>${escapeHtml(describeReading(r, provider))}</li>`).join('') || '<li class="muted">No readings yet.</li>';
}

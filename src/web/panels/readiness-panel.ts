/**
 * The altseason readiness score (GET /api/readiness): the day's score with its components as a bar
 * of contributions (one segment per component, its width the points it adds), the missing ones,
 * its history with the past altcoin seasons shaded as vertical bands, and the evidence one
 * click away (GET /api/readiness/evidence: the verdict and the skill tests). docs/readiness.md.
 */
import type { ReadinessEvaluationResult, ReadinessResult } from '../../app/contracts/readiness.ts';
import { getJson } from '../api.ts';
import { mountChart } from '../charts/chart-view.ts';
import { shadeDateSpans } from '../charts/x-bands.ts';
import { $, showError, showPanelAge } from '../dom.ts';
import { escapeHtml } from '../format.ts';

const COLORS = ['#f7931a', '#627eea', '#2ca58d', '#d1495b', '#8e6c8a', '#edae49', '#00798c', '#6a994e', '#bc4749', '#577590', '#f28482', '#84a59d', '#9c6644', '#3d5a80', '#ee6c4d', '#98c1d9', '#c9ada7'];

function contributionBar(r: ReadinessResult): string {
  const present = r.latest.components.filter((c) => c.contribution !== null && c.contribution > 0);
  const segments = present
    .map((c, i) => `<span class="readiness-seg" data-width="${c.contribution!.toFixed(2)}" data-color="${i % COLORS.length}" title="${escapeHtml(`${c.label}: score ${c.score!.toFixed(2)} × share ${(100 * c.effectiveWeight).toFixed(1)} % = +${c.contribution!.toFixed(1)}`)}"></span>`)
    .join('');
  const legend = present.map((c, i) => `<li><span class="readiness-dot" data-color="${i % COLORS.length}"></span>${escapeHtml(c.label)} <strong>+${c.contribution!.toFixed(1)}</strong> <span class="muted">(score ${c.score!.toFixed(2)}, weight ${c.weight})</span></li>`).join('');
  return `<div class="readiness-bar" role="img" aria-label="contributions to the score">${segments}</div><ul class="readiness-legend">${legend}</ul>`;
}

async function showEvidence(): Promise<void> {
  $('readiness-evidence').innerHTML = '<p class="muted">Computing the evidence (up to a minute on the full history)…</p>';
  const e = await getJson<ReadinessEvaluationResult>('/api/readiness/evidence');
  const rows = e.skillTests
    .map((s) => `<tr><td>${escapeHtml(s.predictor)}</td><td class="num">${s.horizonDays} d</td><td class="num">${s.aucDifference === null ? '—' : s.aucDifference.toFixed(3)}</td><td class="num">${s.interval ? `[${s.interval.lower.toFixed(3)}, ${s.interval.upper.toFixed(3)}]` : '—'}</td><td class="num">${s.adjustedPValue === null ? '—' : s.adjustedPValue.toFixed(4)}</td></tr>`)
    .join('');
  $('readiness-evidence').innerHTML = `<p><strong>${escapeHtml(e.verdict.headline)}</strong></p>${e.verdict.caveats.map((c) => `<p class="muted">${escapeHtml(c)}</p>`).join('')}
    <table><thead><tr><th>score</th><th>season within</th><th>AUC over the best baseline</th><th>95 % interval</th><th>Holm p</th></tr></thead><tbody>${rows}</tbody></table>
    ${e.trade ? `<p>${escapeHtml(e.trade.verdict)}</p>` : ''}<p class="muted">The full report: <code>altseason readiness --evaluate --format html --out readiness.html</code>.</p>`;
}

export async function loadReadiness(): Promise<void> {
  const r = await getJson<ReadinessResult>('/api/readiness');
  showPanelAge('readiness-age', r.data.lastDate);
  const l = r.latest;
  $('readiness-score').innerHTML = `<span class="readiness-number">${l.score === null ? '—' : l.score.toFixed(0)}</span><span class="muted"> / 100 on ${escapeHtml(l.date)} · ${escapeHtml(r.weightsSource)} weights · ${Math.round(100 * l.coverage)} % of the weight has data</span>`;
  $('readiness-components').innerHTML =
    contributionBar(r) + (l.missing.length ? `<p class="muted">Missing: ${l.missing.map((m) => `${escapeHtml(m.label)} (${escapeHtml(m.reason)})`).join('; ')}</p>` : '');
  // Widths and colours through the DOM: the page's CSP (default-src 'self') allows no inline style attributes.
  for (const el of $('readiness-components').querySelectorAll<HTMLElement>('[data-color]')) {
    el.style.background = COLORS[Number(el.dataset.color)]!;
    if (el.dataset.width) el.style.width = `${el.dataset.width}%`;
  }
  mountChart('readiness-chart', {
    time: true,
    dates: r.days.map((d) => d.date),
    yRange: [0, 100],
    series: [{ label: 'readiness', values: r.days.map((d) => d.score), color: '--accent', format: (v) => v.toFixed(1) }],
  });
  // The past seasons as vertical bands behind the score (charts/x-bands.ts), in the theme's season colour.
  shadeDateSpans('readiness-chart', r.seasons, { fill: '--alt-band', stroke: '--alt', label: 'altcoin season (ASI ≥ 75)' });
  const button = $('readiness-evidence-button');
  button.onclick = () => void showEvidence().catch((error) => showError('readiness-evidence', error));
}

/**
 * Sector rotation (GET /api/rotation, GET /api/sectors): the tiers' levels relative to BTC, the
 * sector × week heatmap of relative strength, the leaders and laggards, and a sector's members on
 * a date when its row or cell is clicked. The phase itself is on the status row (GET /api/status).
 */
import type { RotationResult } from '../../app/contracts/rotation.ts';
import type { SectorsResult } from '../../app/contracts/sectors.ts';
import { getJson } from '../api.ts';
import { mountChart } from '../charts/chart-view.ts';
import { renderSectorHeatmap } from '../charts/sector-heatmap.ts';
import { $, showError, showPanelAge } from '../dom.ts';
import { escapeHtml, pct } from '../format.ts';

type DayKey = 'ethRatio' | 'largeRatio' | 'midRatio' | 'smallRatio';

/** A tier's ratio to BTC rebased to 100 on its first day in range (so the lines start together). */
export function rebased(days: RotationResult['days'], key: DayKey): (number | null)[] {
  const first = days.find((d) => d[key] !== null)?.[key] ?? null;
  return days.map((d) => (d[key] === null || first === null ? null : (100 * d[key]!) / first));
}

async function showMembers(sector: string, date: string): Promise<void> {
  const target = $('rot-members');
  target.innerHTML = `<p class="muted">Loading ${escapeHtml(sector)} on ${escapeHtml(date)}…</p>`;
  const answer = await getJson<SectorsResult>(`/api/sectors?date=${encodeURIComponent(date)}&sector=${encodeURIComponent(sector)}`);
  const rows = answer.members
    .map((m) => `<tr><td>${m.altRank}</td><td>${escapeHtml(m.symbol)}</td><td>${escapeHtml(m.name)}</td><td>${escapeHtml(m.tier)}</td><td>${pct(m.sectorCapWeight)}</td><td>${escapeHtml(m.labelSource ?? 'no label')}</td></tr>`)
    .join('');
  target.innerHTML = `<p><strong>${escapeHtml(sector)}</strong> on ${escapeHtml(answer.date)}: ${answer.members.length} members (weights: share of the sector's market cap)</p>
    <div><table><thead><tr><th>alt #</th><th>symbol</th><th>name</th><th>tier</th><th>weight</th><th>label from</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

export async function loadRotation(): Promise<void> {
  const r = await getJson<RotationResult>('/api/rotation');
  showPanelAge('rot-age', r.data.lastDate);
  $('rot-phase').innerHTML = `<strong>${escapeHtml(r.current.phaseLabel ?? 'no phase')}</strong> — ${escapeHtml(r.current.evidence)}`;
  const dates = r.days.map((d) => d.date);
  mountChart('rot-tiers-chart', {
    time: true,
    dates,
    series: [
      { label: 'ETH ÷ BTC', values: rebased(r.days, 'ethRatio'), color: '--line2', format: (v) => v.toFixed(1) },
      { label: 'large ÷ BTC', values: rebased(r.days, 'largeRatio'), color: '--accent', format: (v) => v.toFixed(1) },
      { label: 'mid ÷ BTC', values: rebased(r.days, 'midRatio'), color: '--alt', format: (v) => v.toFixed(1) },
      { label: 'small ÷ BTC', values: rebased(r.days, 'smallRatio'), color: '--danger', format: (v) => v.toFixed(1) },
    ],
    lines: [{ value: 100, color: '--muted' }],
  });
  renderSectorHeatmap($('rot-heatmap'), r.sectorWeeks, (sector, week) => void showMembers(sector, week).catch((error) => showError('rot-members', error)));
  const sectors = r.groups.filter((g) => g.kind === 'sector' && g.members > 0 && g.strength30 !== null);
  const line = (g: (typeof sectors)[number]) => `<li>${escapeHtml(g.name)} ${pct(g.strength30)} vs BTC (30 d), ${g.momentum !== null && g.momentum >= 0 ? 'gaining' : 'fading'}; ${g.members} members, ${pct(g.breadth30, 0)} beat BTC</li>`;
  $('rot-leaders').innerHTML = sectors.slice(0, 5).map(line).join('') || '<li class="muted">No sectors.</li>';
  $('rot-laggards').innerHTML = sectors.slice(-3).reverse().map(line).join('');
}

/** The status cards (GET /api/status): each figure, its reading and the window it uses. */
import type { StatusResponse } from '../../server/api-types.ts';
import { getJson } from '../api.ts';
import { $ } from '../dom.ts';
import { escapeHtml } from '../format.ts';

export async function loadStatusCards(): Promise<StatusResponse> {
  const status = await getJson<StatusResponse>('/api/status');
  $('status-as-of').textContent = status.asOf ? `Figures as of ${status.asOf}` : 'No figures: the store is empty';
  $('status').innerHTML = status.items
    .map((item) => {
      // What the figure is computed over ("90-day window, top 50 alts …"), to compare with other sites.
      const basis = item.basis.trim();
      // A figure whose own data end elsewhere (the Russell 2000 trades on other days) says so.
      const ownDate = item.asOf !== status.asOf && !basis.includes(item.asOf) ? `<div class="basis">as of ${escapeHtml(item.asOf)}</div>` : '';
      return `<div class="card tone-${escapeHtml(item.tone)}" data-key="${escapeHtml(item.key)}">
        <div class="label">${escapeHtml(item.label)}</div>
        <div class="value">${escapeHtml(item.value)}</div>
        ${basis ? `<div class="basis">${escapeHtml(basis)}</div>` : ''}${ownDate}
        <div class="reading">${escapeHtml(item.reading)}</div></div>`;
    })
    .join('');
  return status;
}

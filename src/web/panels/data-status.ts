/**
 * What the data are and how old: the simulated-data banner, the store's span, the data's age with a
 * warning when they are more than 3 days old (GET /api/meta), and the background sync (GET /api/sync).
 */
import type { MetaResponse, SyncStatusResponse } from '../../server/api-types.ts';
import { getJson } from '../api.ts';
import { dataAge } from '../data-age.ts';
import { $ } from '../dom.ts';
import { escapeHtml } from '../format.ts';

export async function loadMeta(now: () => Date = () => new Date()): Promise<MetaResponse> {
  const meta = await getJson<MetaResponse>('/api/meta');
  const notice = $('data-notice');
  notice.hidden = !meta.dataNotice;
  notice.textContent = meta.dataNotice ?? '';
  $('store-info').textContent = meta.firstDate ? `${meta.firstDate} → ${meta.lastDate} · ${meta.assets} assets` : 'empty store';

  const age = dataAge(meta.lastDate, now());
  const ageLine = $('data-age');
  ageLine.textContent = age ? age.text : '';
  ageLine.classList.toggle('stale', age?.stale === true);
  const warning = $('stale-notice');
  warning.hidden = !age?.stale;
  warning.innerHTML = age?.stale
    ? `Not today's market: <span data-testid="stale-age">${escapeHtml(age.text)}</span>. The figures below are as of their data's last day, not today. Load newer data with <code>altseason sync</code> or <code>altseason import</code>.`
    : '';
  return meta;
}

/** While `serve` syncs in the background, say so; when it finishes, call onDone (the page reloads its data). */
export async function watchSync(onDone: () => Promise<void>): Promise<void> {
  const notice = $('sync-notice');
  let wasRunning = false;
  for (;;) {
    const sync = await getJson<SyncStatusResponse>('/api/sync').catch(() => null);
    if (!sync) return;
    notice.hidden = sync.state !== 'running';
    notice.textContent = sync.state === 'running' ? `${sync.detail} (since ${sync.startedAt?.slice(11, 16) ?? '?'} UTC); the dashboard refreshes when it is done.` : '';
    if (sync.state !== 'running') {
      if (wasRunning) await onDone();
      return;
    }
    wasRunning = true;
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
}

/** DOM helpers shared by the panels. */
import { dataAge } from './data-age.ts';
import { escapeHtml } from './format.ts';

export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

/** Replaces a panel's content with what went wrong (the server's message names it). */
export function showError(id: string, error: unknown): void {
  const element = document.getElementById(id);
  if (element) element.innerHTML = `<div class="empty">Could not load: ${escapeHtml(error instanceof Error ? error.message : String(error))}</div>`;
}

/**
 * A panel's own data age ("data end 2026-02-20, 285 days ago"): the Russell 2000 and the crypto
 * data end on different days. Empty when the answer has no data (lastDate null).
 */
export function showPanelAge(id: string, lastDate: string | null): void {
  const element = document.getElementById(id);
  if (!element) return;
  const age = dataAge(lastDate, new Date());
  element.textContent = age ? age.text : '';
  element.classList.toggle('stale', age?.stale === true);
}

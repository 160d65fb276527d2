/** DOM helpers shared by the panels. */
import { escapeHtml } from './format.ts';

export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

/** Replaces a panel's content with what went wrong (the server's message names it). */
export function showError(id: string, error: unknown): void {
  const element = document.getElementById(id);
  if (element) element.innerHTML = `<div class="empty">Could not load: ${escapeHtml(error instanceof Error ? error.message : String(error))}</div>`;
}

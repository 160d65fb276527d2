/** Fetches the dashboard's JSON API; errors carry the server's message. */
import type { ThesisReport } from '../app/contracts/thesis.ts';

export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => ({ error: `HTTP ${response.status}` }))) as T & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body;
}

export type ThesisAnswer =
  | { state: 'computed'; report: ThesisReport }
  | { state: 'not-computed' | 'computing' | 'failed'; detail: string | null };

type ThesisBody = Partial<ThesisReport> & { state?: string; detail?: string; error?: string; report?: ThesisReport | null };

/**
 * GET /api/thesis: the report if the server has computed it, else its state. "Not computed yet" is
 * an answer, not an error: older servers say it with a 404, newer ones with 200
 * `{ state: 'not-computed' }` (202 `{ state: 'computing' }` while a run is under way, 200
 * `{ state: 'failed' }` after one failed).
 */
export async function fetchThesis(): Promise<ThesisAnswer> {
  const response = await fetch('/api/thesis', { headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => null)) as ThesisBody | null;
  if (response.status === 404) return { state: 'not-computed', detail: body?.error ?? null };
  if (!response.ok) throw new Error(body?.error ?? `GET /api/thesis answered HTTP ${response.status}`);
  if (body?.verdict) return { state: 'computed', report: body as ThesisReport };
  if (body?.report?.verdict) return { state: 'computed', report: body.report };
  const state = body?.state === 'computing' || body?.state === 'failed' ? body.state : 'not-computed';
  return { state, detail: body?.detail ?? null };
}

/** POST /api/thesis: computes the report (about 10 s on the shared data) and returns it. */
export async function computeThesis(): Promise<ThesisReport> {
  const response = await fetch('/api/thesis', { method: 'POST', headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => ({ error: `HTTP ${response.status}` }))) as ThesisBody;
  if (!response.ok) throw new Error(body.error ?? `POST /api/thesis answered HTTP ${response.status}`);
  if (body.verdict) return body as ThesisReport;
  if (body.report?.verdict) return body.report;
  throw new Error(`POST /api/thesis answered without a report${body.detail ? `: ${body.detail}` : ''}`);
}

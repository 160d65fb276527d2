/**
 * Fetches the dashboard's JSON API; errors carry the server's message. A busy server answers 503
 * with Retry-After (too many heavy computations at once, e.g. every panel loading after a sync):
 * each request is then asked once more after that delay, so a momentary queue does not end as an
 * error on the page.
 */
import type { ThesisReport } from '../app/contracts/thesis.ts';

/** The longest wait before the retry, whatever Retry-After says: a page should not hang for minutes. */
export const MAX_RETRY_WAIT_MS = 10_000;
/** The wait when a 503 names none (or an unreadable one). */
const DEFAULT_RETRY_WAIT_MS = 1_000;

export type Wait = (ms: number) => Promise<void>;
const sleep: Wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retry-After as milliseconds to wait: delay-seconds or an HTTP date, capped at MAX_RETRY_WAIT_MS. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number {
  const value = header?.trim() ?? '';
  let ms = DEFAULT_RETRY_WAIT_MS;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  else if (value && Number.isFinite(Date.parse(value))) ms = Math.max(0, Date.parse(value) - now);
  return Math.min(ms, MAX_RETRY_WAIT_MS);
}

/** fetch, asked once more after Retry-After when the server answers 503 (busy). */
export async function fetchApi(path: string, init: RequestInit = {}, wait: Wait = sleep): Promise<Response> {
  const request = { ...init, headers: { accept: 'application/json', ...init.headers } };
  const response = await fetch(path, request);
  if (response.status !== 503) return response;
  await response.arrayBuffer().catch(() => undefined);
  await wait(retryAfterMs(response.headers.get('retry-after')));
  return fetch(path, request);
}

export async function getJson<T>(path: string, wait: Wait = sleep): Promise<T> {
  const body = await getOptionalJson<T>(path, wait);
  if (body === null) throw new Error(`HTTP 204: nothing stored for ${path}`);
  return body;
}

/** As getJson, but null when the server answers 204 (nothing stored yet, e.g. no portfolio). */
export async function getOptionalJson<T>(path: string, wait: Wait = sleep): Promise<T | null> {
  const response = await fetchApi(path, {}, wait);
  if (response.status === 204) return null;
  const body = (await response.json().catch(() => ({ error: `HTTP ${response.status}` }))) as T & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body;
}

export type ThesisAnswer =
  | { state: 'computed'; report: ThesisReport }
  | { state: 'not-computed' | 'computing' | 'failed'; detail: string | null };

/** GET /api/thesis before the report exists (the server's ThesisPendingResponse). */
interface ThesisPending {
  state: 'not-computed' | 'computing' | 'failed';
  detail: string | null;
}
type ThesisBody = (ThesisReport | ThesisPending) & { error?: string };
const isReport = (body: ThesisBody | null): body is ThesisReport => !!body && 'verdict' in body && !!body.verdict;

/**
 * GET /api/thesis: the report if the server has computed it, else its state: 200
 * `{ state: 'not-computed' }` before any run, 202 `{ state: 'computing' }` while one is under way,
 * 200 `{ state: 'failed' }` after one failed. "Not computed yet" is an answer, not an error.
 */
export async function fetchThesis(wait: Wait = sleep): Promise<ThesisAnswer> {
  const response = await fetchApi('/api/thesis', {}, wait);
  const body = (await response.json().catch(() => null)) as ThesisBody | null;
  if (!response.ok) throw new Error(body?.error ?? `GET /api/thesis answered HTTP ${response.status}`);
  if (isReport(body)) return { state: 'computed', report: body };
  const pending = body as Partial<ThesisPending> | null;
  const state = pending?.state === 'computing' || pending?.state === 'failed' ? pending.state : 'not-computed';
  return { state, detail: pending?.detail ?? null };
}

/** POST /api/thesis: computes the report (about 10 s on the shared data) and returns it. */
export async function computeThesis(wait: Wait = sleep): Promise<ThesisReport> {
  const response = await fetchApi('/api/thesis', { method: 'POST' }, wait);
  const body = (await response.json().catch(() => ({ error: `HTTP ${response.status}` }))) as ThesisBody;
  if (!response.ok) throw new Error(body.error ?? `POST /api/thesis answered HTTP ${response.status}`);
  if (isReport(body)) return body;
  const detail = (body as Partial<ThesisPending>).detail;
  throw new Error(`POST /api/thesis answered without a report${detail ? `: ${detail}` : ''}`);
}

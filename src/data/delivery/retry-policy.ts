/**
 * When to retry a delivery (METHODS.md, "Retry schedule"): network errors, timeouts, HTTP 5xx
 * and 429 are retried, honouring Retry-After (seconds or an HTTP-date, RFC 9110) or the body's
 * retry_after (Discord: seconds at the top level; Telegram: parameters.retry_after); other 4xx are
 * not (the delivery is dead). The delay before retry k (k = attempts made) is full jitter:
 * random(0, min(cap, base·2ᵏ)) (Brooker, "Exponential Backoff and Jitter", 2015), or the server's
 * wait when that is longer.
 */
export interface BackoffSettings {
  baseMs: number;
  capMs: number;
}

export function backoffDelayMs(attemptsMade: number, settings: BackoffSettings, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.capMs, settings.baseMs * 2 ** Math.min(attemptsMade, 40));
  return Math.floor(random() * ceiling);
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP-date; null when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

/** retry_after in a JSON body (Discord's top-level seconds, Telegram's parameters.retry_after), as ms. */
export function bodyRetryAfter(body: unknown): number | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as { retry_after?: unknown; parameters?: { retry_after?: unknown } };
  const seconds = typeof b.retry_after === 'number' ? b.retry_after : typeof b.parameters?.retry_after === 'number' ? b.parameters.retry_after : null;
  return seconds === null || !Number.isFinite(seconds) || seconds < 0 ? null : Math.round(seconds * 1000);
}

/** Whether an HTTP status is worth another try. */
export function isRetriableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

/**
 * How a sync shows its progress on stderr: a one-line bar that redraws itself on a terminal,
 * structured JSON log lines otherwise (cron, CI, pipes). Retries, failures and notices print on
 * their own line above the bar, so a slow or hung provider is visible while the sync waits.
 * Never prints keys: requests carry none, and retry reasons come redacted from the HTTP client.
 */
import type { RetryEvent } from '../../data/sources/http/http-client.ts';
import type { SyncEvent, SyncListener } from '../../data/sync/sync-events.ts';

export interface SyncProgress extends SyncListener {
  /** A line for the user (above the bar on a terminal, a log line otherwise). */
  notice(level: 'info' | 'warn', message: string): void;
  /** Clears the bar, leaving the terminal line empty. */
  finish(): void;
}

/** `retry 2/4 in 1.5 s: coingecko /coins/markets: timed out after 30000 ms` */
export function describeRetry(retry: RetryEvent): string {
  return `retry ${retry.attempt + 1}/${retry.maxAttempts} in ${(retry.delayMs / 1000).toFixed(1)} s: ${retry.provider} ${retry.endpoint}: ${retry.reason}`;
}

export function createSyncProgress(stream: NodeJS.WriteStream = process.stderr, now: () => number = Date.now): SyncProgress {
  let total = 0;
  let done = 0;
  let failed = 0;
  let label = '';
  let drawn = false;
  const isTty = stream.isTTY === true;
  const width = 24;

  const draw = () => {
    const filled = total === 0 ? 0 : Math.round((done / total) * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${failed ? ` (${failed} failed)` : ''} ${label}`;
    const columns = stream.columns ?? 100;
    // Clear the line first: a shorter label must not leave the end of a longer one behind.
    stream.write(`\r\x1b[K${line.slice(0, columns - 1)}`);
    drawn = true;
  };
  /** A line above the bar: clear the bar, print, draw the bar again. */
  const above = (text: string) => {
    stream.write(`\r\x1b[K${text}\n`);
    if (total > 0) draw();
  };
  const log = (base: Record<string, unknown>) => stream.write(`${JSON.stringify({ time: new Date(now()).toISOString(), ...base })}\n`);
  const logEvent = (event: SyncEvent) => {
    const base: Record<string, unknown> = { event: event.type };
    if ('request' in event) Object.assign(base, { source: event.request.source, request: event.request.key, description: event.request.description });
    if (event.type === 'round') Object.assign(base, { round: event.round, requests: event.requests });
    if (event.type === 'request-done') Object.assign(base, { rows: event.rows, changed: event.changed });
    if (event.type === 'request-failed' || event.type === 'plan-failed') Object.assign(base, { level: 'error', error: event.error });
    if (event.type === 'plan-failed') base.source = event.source;
    if (event.type === 'request-skipped') Object.assign(base, { level: 'warn', reason: event.reason });
    if (event.type === 'retry') {
      const { provider, endpoint, attempt, maxAttempts, delayMs, reason } = event.retry;
      Object.assign(base, { level: 'warn', source: provider, endpoint, attempt, maxAttempts, delayMs, reason });
    }
    if (event.type === 'source-unreachable') Object.assign(base, { level: 'error', source: event.source, error: event.error, skipped: event.skipped });
    log(base);
  };

  const listener = (event: SyncEvent) => {
    if (event.type === 'round') total += event.requests;
    if (event.type === 'request-done' || event.type === 'request-skipped') done++;
    if (event.type === 'request-failed') {
      done++;
      failed++;
    }
    if (!isTty) return logEvent(event);
    if (event.type === 'request-start') {
      label = `${event.request.source}: ${event.request.description}`;
      draw();
    } else if (event.type === 'request-failed') above(event.error);
    else if (event.type === 'retry') above(describeRetry(event.retry));
    else if (event.type === 'source-unreachable') above(`${event.source}: skipping its other ${event.skipped} request(s)`);
    else if (event.type === 'plan-failed') above(event.error);
    else draw();
  };
  return Object.assign(listener, {
    notice(level: 'info' | 'warn', message: string) {
      if (isTty) above(message);
      else log({ event: 'notice', level, message });
    },
    finish() {
      if (isTty && drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  });
}

/**
 * How a sync shows its progress on stderr: a one-line bar that redraws itself on a terminal,
 * structured JSON log lines otherwise (cron, CI, pipes). Never prints keys: requests carry none.
 */
import type { SyncEvent, SyncListener } from '../../data/sync/sync-events.ts';

export function createSyncProgress(stream: NodeJS.WriteStream = process.stderr, now: () => number = Date.now): SyncListener & { finish(): void } {
  let total = 0;
  let done = 0;
  let failed = 0;
  const isTty = stream.isTTY === true;
  const width = 24;

  const draw = (label: string) => {
    const filled = total === 0 ? 0 : Math.round((done / total) * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${failed ? ` (${failed} failed)` : ''} ${label}`;
    const columns = stream.columns ?? 100;
    stream.write(`\r${line.slice(0, columns - 1).padEnd(Math.min(columns - 1, line.length + 10))}`);
  };
  const log = (event: SyncEvent) => {
    const base: Record<string, unknown> = { time: new Date(now()).toISOString(), event: event.type };
    if ('request' in event) Object.assign(base, { source: event.request.source, request: event.request.key, description: event.request.description });
    if (event.type === 'round') Object.assign(base, { round: event.round, requests: event.requests });
    if (event.type === 'request-done') Object.assign(base, { rows: event.rows, changed: event.changed });
    if (event.type === 'request-failed' || event.type === 'plan-failed') Object.assign(base, { level: 'error', error: event.error });
    if (event.type === 'plan-failed') base.source = event.source;
    if (event.type === 'request-skipped') Object.assign(base, { level: 'warn', reason: event.reason });
    stream.write(`${JSON.stringify(base)}\n`);
  };

  const listener = (event: SyncEvent) => {
    if (event.type === 'round') total += event.requests;
    if (event.type === 'request-done' || event.type === 'request-skipped') done++;
    if (event.type === 'request-failed') {
      done++;
      failed++;
    }
    if (!isTty) return log(event);
    if (event.type === 'request-start') draw(`${event.request.source}: ${event.request.description}`);
    else if (event.type === 'request-failed') {
      stream.write(`\r\x1b[K${event.error}\n`);
      draw('');
    } else draw('');
  };
  return Object.assign(listener, {
    finish() {
      if (isTty && total > 0) stream.write('\r\x1b[K');
    },
  });
}

/**
 * `altseason watch RULES`: a long-running process (docs/alerts.md, with a systemd user unit).
 * On start and then on a schedule (a cron expression in UTC, croner; default 00:10 every day,
 * after the daily close) it syncs, evaluates the rules as of the last closed day and delivers;
 * between ticks it retries the deliveries that come due. One line per step on stderr. SIGINT or
 * SIGTERM: the current store write finishes (each is one transaction), no new attempt starts, the
 * lock is released and the process exits. A second watch on the same store refuses to start.
 */
import type { Command } from 'commander';
import { addDays, today as todayOf } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { watchTick } from '../../app/alerts/watch-tick.ts';
import { syncStore } from '../../app/sync.ts';
import type { RulesFile } from '../../data/alerts/rules-file.ts';
import { acquireWatchLock } from '../../data/alerts/watch-lock.ts';
import { deliverPending } from '../../data/delivery/deliver-pending.ts';
import { SOURCE_NAMES } from '../../data/sources/create-sources.ts';
import type { Store } from '../../data/store/store.ts';
import { storePathOf, withStore } from '../context.ts';
import { parseWholeNumber } from '../parse-flags.ts';
import { loadRules } from './alerts-command.ts';

export const DEFAULT_WATCH_CRON = '10 0 * * *';

export interface WatchOptions {
  cron: string;
  /** Instead of the cron expression: a tick every this many minutes (croner's interval). */
  everyMinutes?: number;
  once: boolean;
  sync: boolean;
  /** Seconds between retry passes over the pending deliveries. */
  retryEverySeconds: number;
  /** Serve the dashboard on 127.0.0.1 at this port while watching (--serve). */
  serve?: { dbPath: string; port: number };
}

export async function runWatch(store: Store, file: RulesFile, options: WatchOptions, err: NodeJS.WritableStream = process.stderr): Promise<void> {
  const log = (line: string) => err.write(`${new Date().toISOString()} ${line}\n`);
  const release = acquireWatchLock(store.location);
  const abort = new AbortController();
  const stop = (signal: string) => {
    if (abort.signal.aborted) return;
    log(`${signal}: finishing the current step, then stopping`);
    abort.abort();
  };
  const onInt = () => stop('SIGINT');
  const onTerm = () => stop('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  // One step at a time: a tick and a retry pass never deliver at once.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = (work: () => Promise<unknown>) => (queue = queue.then(work, work).catch((error: unknown) => log(`error: ${(error as Error).message}`)));
  const sync = options.sync
    ? async () => {
        const today = todayOf();
        const summary = await syncStore(store, { sources: SOURCE_NAMES, since: addDays(today, -365), today, top: 100 }, { signal: abort.signal });
        const rows = summary.sources.reduce((n, s) => n + s.rows, 0);
        const failed = summary.sources.filter((s) => s.errors.length > 0).map((s) => s.source);
        return `${rows} rows from ${summary.sources.length} sources${failed.length ? `; failures in ${failed.join(', ')}` : ''}${summary.interrupted ? '; interrupted' : ''}`;
      }
    : undefined;
  const tick = () => serial(() => watchTick(store, file, { ...(sync ? { sync } : {}), log, signal: abort.signal, retryWaitMs: options.once ? 60_000 : 0 }));
  try {
    log(`watch: ${file.rules.length} rule(s) from ${file.path} on the store at ${store.location}${options.once ? ' (one tick)' : options.everyMinutes ? `, every ${options.everyMinutes} min` : `, schedule "${options.cron}" UTC`}`);
    if (options.serve && !options.once) {
      const { serveCommand } = await import('./serve-command.ts');
      const dashboard = await serveCommand(options.serve.dbPath, { port: options.serve.port, host: '127.0.0.1', sync: false });
      log(`serve: the dashboard is at ${dashboard.url}`);
      abort.signal.addEventListener('abort', () => void dashboard.close(), { once: true });
    }
    await tick();
    if (options.once || abort.signal.aborted) return;
    const { Cron } = await import('croner');
    const job = options.everyMinutes
      ? new Cron('* * * * *', { timezone: 'UTC', protect: true, interval: options.everyMinutes * 60, startAt: new Date(Date.now() + options.everyMinutes * 60_000) }, () => void tick())
      : new Cron(options.cron, { timezone: 'UTC', protect: true }, () => void tick());
    log(`watch: next tick at ${job.nextRun()?.toISOString() ?? 'never'}`);
    const retries = setInterval(() => {
      void serial(async () => {
        if (abort.signal.aborted) return;
        const s = await deliverPending(store.alerts, {
          channels: file.channels,
          settings: file.delivery,
          signal: abort.signal,
          onStep: (x) => log(`deliver: ${x.channel} ${x.key.slice(0, 12)} attempt ${x.attempt}: ${x.outcome}${x.httpStatus !== null ? ` (${x.httpStatus})` : ''}${x.error ? ` ${x.error}` : ''}`),
        });
        if (s.delivered + s.retried + s.dead > 0) log(`retry pass: ${s.delivered} delivered, ${s.retried} retried, ${s.dead} dead, ${s.pending} pending`);
      });
    }, options.retryEverySeconds * 1000);
    await new Promise<void>((resolve) => abort.signal.addEventListener('abort', () => resolve(), { once: true }));
    job.stop();
    clearInterval(retries);
    await queue;
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    release();
    log('watch: stopped');
  }
}

export function register(program: Command): void {
  program
    .command('watch <rules>')
    .description('sync on a schedule, evaluate the alert rules after each daily close and deliver; retries between ticks; Ctrl-C stops cleanly')
    .option('--cron <expression>', 'when to sync and evaluate (cron, UTC)', DEFAULT_WATCH_CRON)
    .option('--every <minutes>', 'instead of --cron: sync and evaluate every this many minutes')
    .option('--once', 'one tick (sync, evaluate, deliver, retrying for up to 60 s), then exit', false)
    .option('--no-sync', 'evaluate the stored data without syncing')
    .option('--retry-every <seconds>', 'seconds between retry passes over pending deliveries', '15')
    .option('--serve [port]', 'also serve the dashboard on 127.0.0.1 (default port 8787)')
    .action(async (rulesPath: string, raw: Record<string, string | boolean | undefined>, command: Command) => {
      const file = loadRules(rulesPath);
      const cron = String(raw.cron);
      try {
        const { Cron } = await import('croner');
        new Cron(cron, { paused: true, timezone: 'UTC' }).stop();
      } catch (error) {
        throw new InvalidInputError(`--cron: not a cron expression: ${JSON.stringify(cron)} (${(error as Error).message})`);
      }
      const options: WatchOptions = { cron, once: raw.once === true, sync: raw.sync !== false, retryEverySeconds: parseWholeNumber(String(raw.retryEvery), '--retry-every') };
      if (typeof raw.every === 'string') options.everyMinutes = parseWholeNumber(raw.every, '--every');
      if (raw.serve !== undefined) options.serve = { dbPath: storePathOf(command).path, port: raw.serve === true ? 8787 : parseWholeNumber(String(raw.serve), '--serve', 0) };
      await withStore(command, (store) => runWatch(store, file, options));
    });
}

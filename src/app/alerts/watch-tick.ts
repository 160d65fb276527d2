/**
 * One tick of `altseason watch`: sync (when a sync is given), then evaluate the rules as of the
 * last closed day and deliver (alerts-check.ts), logging one line per step.
 */
import type { RulesFile } from '../../data/alerts/rules-file.ts';
import type { Store } from '../../data/store/store.ts';
import type { AlertsCheckResult } from '../contracts/alerts.ts';
import { readContext } from '../read-context.ts';
import { checkAlerts } from './alerts-check.ts';

export interface WatchTickOptions {
  /** Fetches what is missing (the sync use case); absent with --no-sync. */
  sync?: () => Promise<string>;
  log: (line: string) => void;
  signal?: AbortSignal;
  /** Wait for retries due within this many ms before the tick ends (later ones: the next tick). */
  retryWaitMs: number;
  now?: () => number;
}

export async function watchTick(store: Store, file: RulesFile, options: WatchTickOptions): Promise<AlertsCheckResult | null> {
  if (options.sync) {
    options.log('sync: started');
    try {
      options.log(`sync: ${await options.sync()}`);
    } catch (error) {
      // A failed sync leaves the stored data as they were: evaluate them anyway (nothing forming is read).
      options.log(`sync: failed (${(error as Error).message}); evaluating the stored data`);
    }
  }
  if (options.signal?.aborted) return null;
  const result = await checkAlerts(readContext(store), file, {
    ...(options.now ? { now: options.now } : {}),
    onRecorded: (n) => options.log(`evaluate: ${file.rules.length} rule${file.rules.length === 1 ? '' : 's'} as of the last closed day, ${n} new alert${n === 1 ? '' : 's'} recorded`),
    delivery: {
      waitUpToMs: options.retryWaitMs,
      ...(options.signal ? { signal: options.signal } : {}),
      onStep: (s) =>
        options.log(
          `deliver: ${s.channel} ${s.key.slice(0, 12)} attempt ${s.attempt}: ${s.outcome}${s.httpStatus !== null ? ` (${s.httpStatus})` : ''}${s.error ? ` ${s.error}` : ''}${s.nextAttemptAt ? `, next at ${new Date(s.nextAttemptAt).toISOString()}` : ''}`,
        ),
    },
  });
  const d = result.delivery!;
  options.log(`done: as of ${result.asOf}, ${result.fired.length} fired; ${d.delivered} delivered, ${d.retried} retried, ${d.dead} dead, ${d.pending} pending`);
  return result;
}

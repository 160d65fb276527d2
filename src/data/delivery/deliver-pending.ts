/**
 * The outbox's deliverer: sends every pending delivery that is due, one attempt at a time, each
 * recorded in the store before it is sent (startAttempt) and after it ended (finishAttempt). A
 * failed attempt is retried after a full-jitter backoff (or the server's Retry-After, when longer)
 * unless it was a non-retriable answer, the attempts are used up or the next one would fall past
 * `withinHours` after the alert was recorded: then the delivery is dead (shown by `altseason alerts log`).
 * A delivery whose channel is no longer in the rules file is left pending (it may come back).
 */
import type { UnixMs } from '../../domain/dates.ts';
import type { AlertDeliveryRecord, AlertJournal } from '../store/alert-journal.ts';
import type { ChannelConfig, DeliverySettings } from '../alerts/rules-file.ts';
import { backoffDelayMs } from './retry-policy.ts';
import { sendAlert, sendMail, type AlertMessage, type SendOptions, type SendOutcome } from './send-alert.ts';

export interface DeliveryStep {
  key: string;
  channel: string;
  attempt: number;
  outcome: 'delivered' | 'retry' | 'dead';
  httpStatus: number | null;
  error: string | null;
  nextAttemptAt: UnixMs | null;
}

export interface DeliverOptions {
  channels: Record<string, ChannelConfig>;
  settings: DeliverySettings;
  /** Keep going while a retry is due within this many ms (0: one pass over what is due now). */
  waitUpToMs?: number;
  signal?: AbortSignal;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Told after each attempt (one log line per step). */
  onStep?: (step: DeliveryStep) => void;
  /** The sender (tests may wrap it). */
  send?: typeof sendAlert;
  terminal?: (line: string) => void;
}

/**
 * Least time between two sends to one channel (METHODS.md, "Channel limits"): Discord about 5
 * requests per 2 s per webhook, Telegram about 1 message per second per chat.
 */
export const CHANNEL_PACE_MS: Readonly<Record<ChannelConfig['type'], number>> = { discord: 400, telegram: 1000, webhook: 0, email: 0, terminal: 0 };

export interface DeliverSummary {
  delivered: number;
  retried: number;
  dead: number;
  /** Pending deliveries left (due later than the wait, or their channel is gone). */
  pending: number;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export async function deliverPending(journal: AlertJournal, options: DeliverOptions): Promise<DeliverSummary> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const send = options.send ?? sendAlert;
  const summary: DeliverSummary = { delivered: 0, retried: 0, dead: 0, pending: 0 };
  const deadline = now() + (options.waitUpToMs ?? 0);
  const lastSent = new Map<string, number>();
  const alerts = new Map<string, { message: AlertMessage; createdAt: number; order: string }>();
  for (;;) {
    if (options.signal?.aborted) break;
    const pending = (await journal.listDeliveries({ status: 'pending' })).filter((d) => d.channel in options.channels);
    const due = pending.filter((d) => d.nextAttemptAt <= now());
    if (due.length === 0) {
      const next = Math.min(...pending.map((d) => d.nextAttemptAt));
      if (pending.length === 0 || next > deadline) break;
      await sleep(Math.max(0, next - now()), options.signal);
      continue;
    }
    const missing = due.map((d) => d.key).filter((k) => !alerts.has(k));
    if (missing.length > 0) {
      for (const a of await journal.listAlerts({ keys: missing })) alerts.set(a.key, { message: JSON.parse(a.payload) as AlertMessage, createdAt: a.createdAt, order: `${String(a.day).padStart(8, '0')}|${a.ruleId}` });
    }
    // Oldest bar first, so a channel receives the alerts in the order they happened.
    due.sort((x, y) => (alerts.get(x.key)!.order < alerts.get(y.key)!.order ? -1 : alerts.get(x.key)!.order > alerts.get(y.key)!.order ? 1 : 0));
    // E-mail goes as one digest per channel and pass; every other channel, one message per alert.
    const groups: AlertDeliveryRecord[][] = [];
    const digests = new Map<string, AlertDeliveryRecord[]>();
    for (const delivery of due) {
      if (options.channels[delivery.channel]!.type !== 'email') groups.push([delivery]);
      else if (digests.has(delivery.channel)) digests.get(delivery.channel)!.push(delivery);
      else {
        const group = [delivery];
        digests.set(delivery.channel, group);
        groups.push(group);
      }
    }
    for (const group of groups) {
      if (options.signal?.aborted) break;
      const name = group[0]!.channel;
      const pace = CHANNEL_PACE_MS[options.channels[name]!.type];
      const wait = (lastSent.get(name) ?? -Infinity) + pace - now();
      if (wait > 0) await sleep(wait, options.signal);
      lastSent.set(name, now());
      await attemptGroup(journal, group, alerts, options, { now, send, summary });
    }
  }
  summary.pending = (await journal.listDeliveries({ status: 'pending' })).length;
  return summary;
}

type LoadedAlert = { message: AlertMessage; createdAt: number; order: string };

/** Records each attempt's start, sends the group's message (a digest for several), records each end. */
async function attemptGroup(
  journal: AlertJournal,
  group: readonly AlertDeliveryRecord[],
  alerts: ReadonlyMap<string, LoadedAlert>,
  options: DeliverOptions,
  run: { now: () => number; send: typeof sendAlert; summary: DeliverSummary },
): Promise<void> {
  const started: { delivery: AlertDeliveryRecord; attemptId: number; attempt: number }[] = [];
  for (const delivery of group) {
    // Leased for the attempt's timeout and a second more: another process leaves it alone meanwhile.
    const at = run.now();
    const s = await journal.startAttempt(delivery.key, delivery.channel, at as UnixMs, (at + options.settings.timeoutMs + 1000) as UnixMs);
    if (s) started.push({ delivery, ...s });
  }
  if (started.length === 0) return;
  const name = group[0]!.channel;
  const channel = options.channels[name]!;
  const sendOptions: SendOptions = { timeoutMs: options.settings.timeoutMs, now: run.now, ...(options.terminal ? { terminal: options.terminal } : {}) };
  let outcome: SendOutcome;
  try {
    outcome =
      channel.type === 'email' && started.length > 1
        ? await sendMail(channel, started.map((s) => alerts.get(s.delivery.key)!.message), sendOptions)
        : await run.send(name, channel, alerts.get(started[0]!.delivery.key)!.message, sendOptions);
  } catch (error) {
    outcome = { delivered: false, retriable: true, httpStatus: null, error: `failed: ${(error as Error).name}`, retryAfterMs: null };
  }
  for (const s of started) await finishOne(journal, s.delivery, s, alerts.get(s.delivery.key)!, outcome, options, run);
}

async function finishOne(
  journal: AlertJournal,
  delivery: AlertDeliveryRecord,
  started: { attemptId: number; attempt: number },
  alert: LoadedAlert,
  outcome: SendOutcome,
  options: DeliverOptions,
  run: { now: () => number; summary: DeliverSummary },
): Promise<void> {
  const { now, summary } = run;
  const at = now() as UnixMs;
  // The attempts' window starts when the alert was recorded (it survives restarts).
  const first = alert.createdAt;
  let step: DeliveryStep;
  if (outcome.delivered) {
    await journal.finishAttempt(started.attemptId, { outcome: 'delivered', at, httpStatus: outcome.httpStatus });
    summary.delivered++;
    step = { key: delivery.key, channel: delivery.channel, attempt: started.attempt, outcome: 'delivered', httpStatus: outcome.httpStatus, error: null, nextAttemptAt: null };
  } else {
    const delay = Math.max(backoffDelayMs(started.attempt - 1, options.settings, options.random), outcome.retryAfterMs ?? 0);
    const nextAt = at + delay;
    const exhausted = started.attempt >= options.settings.attempts || nextAt > first + options.settings.withinHours * 3_600_000;
    const dead = !outcome.retriable || exhausted;
    const error = dead && outcome.retriable ? `${outcome.error} (gave up after ${started.attempt} attempt${started.attempt === 1 ? '' : 's'})` : outcome.error;
    await journal.finishAttempt(started.attemptId, { outcome: dead ? 'dead' : 'retry', at, httpStatus: outcome.httpStatus, error, ...(dead ? {} : { nextAttemptAt: nextAt as UnixMs }) });
    if (dead) summary.dead++;
    else summary.retried++;
    step = { key: delivery.key, channel: delivery.channel, attempt: started.attempt, outcome: dead ? 'dead' : 'retry', httpStatus: outcome.httpStatus, error, nextAttemptAt: dead ? null : (nextAt as UnixMs) };
  }
  options.onStep?.(step);
}

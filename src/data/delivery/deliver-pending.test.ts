import { afterEach, describe, expect, it } from 'vitest';
import { parseDay, type UnixMs } from '../../domain/dates.ts';
import { DiscordReceiver, SmtpReceiver, TelegramReceiver, WebhookReceiver } from '../../../test/loopback/alert-receivers.ts';
import type { ChannelConfig, DeliverySettings } from '../alerts/rules-file.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { deliverPending, type DeliveryStep } from './deliver-pending.ts';
import { messageIdOf, type AlertMessage } from './send-alert.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const settings: DeliverySettings = { attempts: 4, withinHours: 24, baseMs: 10, capMs: 40, timeoutMs: 300 };

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

function message(key: string): AlertMessage {
  return { key, ruleId: 'asi-season', series: 'asi-90d', seriesLabel: 'ASI 90 d', condition: 'crosses above 75', value: 76.4, date: '2021-04-16', severity: 'info', direction: 'up', link: 'http://127.0.0.1:8787/#index', note: null };
}

/** A store holding one alert for `channels`, and a fake clock whose sleeps pass at once. */
async function setup(channels: Record<string, ChannelConfig>) {
  const store = SqliteStore.open(':memory:');
  stops.push(() => store.close());
  // The receiver checks each signature's timestamp against its own clock: start at the real time.
  const start = Date.now();
  let clock = start;
  await store.alerts.recordEvaluation({
    states: [],
    alerts: [{ alert: { key: 'k1', ruleId: 'asi-season', day: parseDay('2021-04-16'), series: 'asi-90d', direction: 'up', value: 76.4, severity: 'info', payload: JSON.stringify(message('k1')), createdAt: clock as UnixMs }, channels: Object.keys(channels) }],
  });
  const steps: DeliveryStep[] = [];
  const sleeps: number[] = [];
  const run = () =>
    deliverPending(store.alerts, {
      channels,
      settings,
      waitUpToMs: 3_600_000,
      now: () => clock,
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
      onStep: (s) => steps.push(s),
      terminal: () => {},
    });
  return { store, run, steps, sleeps, start };
}

async function receiver<T extends { start(): Promise<T>; stop(): Promise<void> }>(r: T): Promise<T> {
  await r.start();
  stops.push(() => r.stop());
  return r;
}

describe('deliverPending', () => {
  it('retries a webhook after a 500, with the same id and a valid signature each time', async () => {
    const hook = (await receiver(new WebhookReceiver(SECRET))).script(500, 'ok');
    const { store, run, steps } = await setup({ hook: { type: 'webhook', url: hook.url, signing: 'standard', secret: SECRET } });
    expect(await run()).toEqual({ delivered: 1, retried: 1, dead: 0, pending: 0 });
    expect(hook.received.map((r) => r.status)).toEqual([500, 204]);
    expect(hook.received.map((r) => r.headers['webhook-id']), 'one id on every retry, derived from the dedupe key').toEqual([messageIdOf('k1', 'hook'), messageIdOf('k1', 'hook')]);
    expect(hook.received.at(-1)!.verified, 'the reference verifier accepts the signature').toBe(true);
    expect(hook.accepted.size).toBe(1);
    expect(steps.map((s) => `${s.attempt}:${s.outcome}:${s.httpStatus}`)).toEqual(['1:retry:500', '2:delivered:204']);
    expect((await store.alerts.listAttempts()).map((a) => [a.attempt, a.outcome, a.httpStatus])).toEqual([
      [1, 'retry', 500],
      [2, 'delivered', 204],
    ]);
  });

  it('waits what a 429 asks (Retry-After header, Discord and Telegram bodies), longer than the backoff', async () => {
    const hook = (await receiver(new WebhookReceiver(SECRET))).script(429, 'ok');
    hook.retryAfterSeconds = 7;
    const discord = (await receiver(new DiscordReceiver())).script(429, 'ok');
    discord.retryAfterSeconds = 3;
    const telegram = (await receiver(new TelegramReceiver())).script(429, 'ok');
    telegram.retryAfterSeconds = 5;
    const { run, steps, start } = await setup({
      hook: { type: 'webhook', url: hook.url, signing: 'standard', secret: SECRET },
      discord: { type: 'discord', url: discord.url },
      tg: { type: 'telegram', token: telegram.token, chatId: '42', apiBase: telegram.baseUrl },
    });
    expect(await run()).toMatchObject({ delivered: 3, dead: 0, pending: 0 });
    const waits = Object.fromEntries(steps.filter((s) => s.outcome === 'retry').map((s) => [s.channel, s.nextAttemptAt! - start]));
    expect(waits).toEqual({ hook: 7000, discord: 3000, tg: 5000 });
    expect(telegram.received.at(-1)!.status).toBe(200);
    expect(JSON.parse(telegram.received.at(-1)!.body)).toMatchObject({ chat_id: '42', parse_mode: 'HTML' });
  });

  it('retries a timed-out attempt and never retries a 400 or a blocked Telegram bot', async () => {
    const hook = (await receiver(new WebhookReceiver(SECRET))).script('timeout', 'ok');
    const bad = (await receiver(new WebhookReceiver(SECRET))).script(400);
    const telegram = (await receiver(new TelegramReceiver())).script(403);
    const { store, run, steps } = await setup({
      hook: { type: 'webhook', url: hook.url, signing: 'standard', secret: SECRET },
      bad: { type: 'webhook', url: bad.url, signing: 'standard', secret: SECRET },
      tg: { type: 'telegram', token: telegram.token, chatId: '42', apiBase: telegram.baseUrl },
    });
    expect(await run()).toEqual({ delivered: 1, retried: 1, dead: 2, pending: 0 });
    expect(steps.find((s) => s.channel === 'hook' && s.outcome === 'retry')?.error).toBe('timed out after 300 ms');
    expect(bad.received.length, 'one try only').toBe(1);
    expect(telegram.received.length).toBe(1);
    const dead = await store.alerts.listDeliveries({ status: 'dead' });
    expect(dead.map((d) => [d.channel, d.attempts, d.lastError?.slice(0, 8)])).toEqual([
      ['bad', 1, 'HTTP 400'],
      ['tg', 1, 'HTTP 403'],
    ]);
    expect(JSON.stringify(await store.alerts.listAttempts()), 'no token or secret in the store').not.toMatch(/TEST-token|whsec_/);
  });

  it('retries Discord and Telegram after a 500, and never after a deleted Discord webhook (404)', async () => {
    const discord = (await receiver(new DiscordReceiver())).script(500, 'ok');
    const telegram = (await receiver(new TelegramReceiver())).script(500, 'ok');
    const gone = (await receiver(new DiscordReceiver())).script(404);
    const { store, run } = await setup({
      discord: { type: 'discord', url: discord.url },
      tg: { type: 'telegram', token: telegram.token, chatId: '42', apiBase: telegram.baseUrl },
      gone: { type: 'discord', url: gone.url },
    });
    expect(await run()).toEqual({ delivered: 2, retried: 2, dead: 1, pending: 0 });
    expect(discord.received.map((r) => r.status)).toEqual([500, 204]);
    expect(telegram.received.map((r) => r.status)).toEqual([500, 200]);
    expect(gone.received).toHaveLength(1);
    expect((await store.alerts.listDeliveries({ status: 'dead' }))[0]).toMatchObject({ channel: 'gone', lastError: expect.stringMatching(/^HTTP 404: .*Unknown Webhook/) });
    expect(JSON.stringify(await store.alerts.listAttempts()), 'no webhook token in the store').not.toContain('tok-en');
  });

  it('gives up after the last attempt: dead, with the reason', async () => {
    const hook = (await receiver(new WebhookReceiver(SECRET))).script(500, 500, 500, 500, 'ok');
    const { store, run } = await setup({ hook: { type: 'webhook', url: hook.url, signing: 'standard', secret: SECRET } });
    expect(await run()).toEqual({ delivered: 0, retried: 3, dead: 1, pending: 0 });
    expect((await store.alerts.listDeliveries())[0]).toMatchObject({ status: 'dead', attempts: 4, lastError: expect.stringMatching(/^HTTP 500.*gave up after 4 attempts/) });
  });

  it('backs off with full jitter below min(cap, base·2ᵏ)', async () => {
    const hook = (await receiver(new WebhookReceiver(SECRET))).script(500, 500, 500, 'ok');
    const { run, sleeps } = await setup({ hook: { type: 'webhook', url: hook.url, signing: 'standard', secret: SECRET } });
    await run();
    // random() = 0.5: 0.5·min(40, 10·2⁰), 0.5·min(40, 10·2¹), 0.5·min(40, 10·2²)
    expect(sleeps).toEqual([5, 10, 20]);
  });

  it('sends e-mail over SMTP, retrying a 451 and not a 550, several alerts as one digest', async () => {
    const smtp = (await receiver(new SmtpReceiver())).script(451, 'ok');
    const { run } = await setup({ mail: { type: 'email', host: '127.0.0.1', port: smtp.port, secure: false, from: 'alerts@example.test', to: ['me@example.test'] } });
    expect(await run()).toMatchObject({ delivered: 1, retried: 1 });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.raw).toMatch(/Subject: \[altseason info\] ASI 90 d crosses above 75 \(2021-04-16\)/);
    // Two alerts due together go as one digest.
    const digest = await receiver(new SmtpReceiver());
    const both = await setup({ mail: { type: 'email', host: '127.0.0.1', port: digest.port, secure: false, from: 'alerts@example.test', to: ['me@example.test'] } });
    await both.store.alerts.recordEvaluation({
      states: [],
      alerts: [{ alert: { key: 'k2', ruleId: 'btcd', day: parseDay('2021-04-17'), series: 'btc-dominance', direction: 'down', value: 49.9, severity: 'warning', payload: JSON.stringify({ ...message('k2'), date: '2021-04-17' }), createdAt: both.start as UnixMs }, channels: ['mail'] }],
    });
    expect(await both.run()).toMatchObject({ delivered: 2, dead: 0 });
    expect(digest.messages, 'one mail for both').toHaveLength(1);
    expect(digest.messages[0]!.raw).toMatch(/Subject: \[altseason\] 2 alerts \(2021-04-16 to 2021-04-17\)/);
    const refused = (await receiver(new SmtpReceiver())).script(550);
    const second = await setup({ mail: { type: 'email', host: '127.0.0.1', port: refused.port, secure: false, from: 'alerts@example.test', to: ['me@example.test'] } });
    expect(await second.run()).toMatchObject({ delivered: 0, dead: 1 });
    expect(second.steps[0]!.error).toMatch(/^SMTP 550/);
  });
});

/**
 * `altseason alerts check` end to end: the outbox's promise under kill -9. A child process
 * evaluates and delivers to two loopback webhooks (slow answers, every third one a 500) and is
 * killed at a random moment, day after day; a last run finishes. Then: every alert the rules
 * fired is in the store and delivered to each channel once (the receivers dedupe on webhook-id
 * as Standard Webhooks asks; a raw repeat only follows an attempt the kill interrupted), none is
 * lost, and each request the receivers saw is an attempt in the log.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, isoDateOf, parseDay, type DayNumber } from '../../domain/dates.ts';
import { seededRandom } from '../../analytics/stats/seeded-random.ts';
import { openStore } from '../../data/store/open-store.ts';
import { messageIdOf } from '../../data/delivery/send-alert.ts';
import { WebhookReceiver } from '../../../test/loopback/alert-receivers.ts';
import { describeWithPostgres, dropTestObjects, freshDatabaseUrl } from '../../../test/contracts/postgres-test-db.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const FIRST = parseDay('2024-01-01');
const DAYS = 60;
const KILLED_RUNS = 22;
const dir = mkdtempSync(join(tmpdir(), 'altseason-alerts-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await dropTestObjects();
});

/** ^RUT alternating 95 and 105 every day: each day one of "crosses above 100" / "crosses below 100" fires. */
async function makeStore(path: string): Promise<void> {
  const store = openStore(path, { onLockWait: () => {} });
  const equityBars = Array.from({ length: DAYS }, (_, i) => {
    const close = i % 2 === 0 ? 95 : 105;
    return { symbol: '^RUT', day: addDays(FIRST, i), source: 'test', open: close, high: close, low: close, close, volume: null };
  });
  await store.write({ load: { source: 'test', origin: 'alerts-test' }, equityBars });
  await store.close();
}

function rulesFile(a: WebhookReceiver, b: WebhookReceiver): string {
  const path = join(dir, 'rules.json');
  writeFileSync(
    path,
    JSON.stringify({
      delivery: { attempts: 12, baseMs: 20, capMs: 200, timeoutMs: 2000 },
      channels: { a: { type: 'webhook', url: a.url, secret: '$HOOK_SECRET' }, b: { type: 'webhook', url: b.url, secret: '$HOOK_SECRET' } },
      rules: [
        { id: 'up', series: 'rut-close', when: 'crosses-above', value: 100, channels: ['a', 'b'] },
        { id: 'down', series: 'rut-close', when: 'crosses-below', value: 100, channels: ['a', 'b'] },
        { id: 'up-99', series: 'rut-close', when: 'crosses-above', value: 99, channels: ['a'] },
      ],
    }),
  );
  return path;
}

function check(db: string, rules: string, at: DayNumber, extra: string[] = []) {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'altseason.js'), '--db', db, 'alerts', 'check', rules, '--at', isoDateOf(at), '--wait', '20', '--format', 'json', ...extra], {
    env: { ...process.env, HOOK_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += String(c)));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  return { child, exited, stderr: () => stderr };
}

/** 22 killed runs and a last one on the store at `db` (a SQLite file or a PostgreSQL URL). */
async function killTest(db: string): Promise<void> {
  await makeStore(db);
  const a = await new WebhookReceiver(SECRET).start();
  const b = await new WebhookReceiver(SECRET).start();
  a.delayMs = 200;
  b.delayMs = 250;
  a.failEvery = 3;
  b.failEvery = 3;
  try {
    const rules = rulesFile(a, b);
    const start = addDays(FIRST, 10);
    // The first evaluation records the rules' state (and the start day's fires), undisturbed.
    const first = check(db, rules, start, ['--no-deliver']);
    expect((await first.exited).code, first.stderr()).toBe(0);
    const generator = seededRandom(20261202);
    const random = () => generator.uniform();
    const kills: string[] = [];
    for (let run = 1; run <= KILLED_RUNS; run++) {
      const child = check(db, rules, addDays(start, run));
      // Half the runs are killed at a random moment of start-up and evaluation; the other half a
      // random 0–700 ms after the first delivery step was logged (in flight, between attempts, or
      // while one is recorded), whatever the machine's speed.
      const inDelivery = random() < 0.5;
      const delay = inDelivery ? Math.floor(random() * 700) : 200 + Math.floor(random() * 1500);
      let timer: NodeJS.Timeout | undefined;
      if (inDelivery) {
        void (async () => {
          while (child.child.exitCode === null && !child.stderr().includes('deliver:')) await new Promise((r) => setTimeout(r, 10));
          timer = setTimeout(() => child.child.kill('SIGKILL'), delay);
        })();
      } else timer = setTimeout(() => child.child.kill('SIGKILL'), delay);
      const { signal } = await child.exited;
      clearTimeout(timer);
      kills.push(signal !== 'SIGKILL' ? 'finished' : `killed-${child.stderr().includes('deliver:') ? 'delivering' : 'evaluating'}@${delay}ms`);
    }
    const last = addDays(start, KILLED_RUNS);
    const final = check(db, rules, last);
    expect((await final.exited).code, final.stderr()).toBe(0);
    expect(kills.filter((k) => k.startsWith('killed')).length, `most runs were killed: ${kills.join(' ')}`).toBeGreaterThanOrEqual(KILLED_RUNS - 6);
    expect(kills.filter((k) => k.startsWith('killed-delivering')).length, `kills during delivery: ${kills.join(' ')}`).toBeGreaterThanOrEqual(5);
    expect(kills.filter((k) => k.startsWith('killed-evaluating')).length, `kills before delivery: ${kills.join(' ')}`).toBeGreaterThanOrEqual(5);

    const store = openStore(db, { readOnly: true });
    const alerts = await store.alerts.listAlerts();
    const deliveries = await store.alerts.listDeliveries();
    const attempts = await store.alerts.listAttempts();
    await store.close();

    // Expected: every day from the start to the last, "up" (to 105) or "down" (to 95) fires, and "up-99" with "up".
    const expected: string[] = [];
    for (let d = start; d <= last; d = addDays(d, 1)) {
      const close = (d - FIRST) % 2 === 0 ? 95 : 105;
      if (close === 105) expected.push(`up@${isoDateOf(d)}`, `up-99@${isoDateOf(d)}`);
      else expected.push(`down@${isoDateOf(d)}`);
    }
    const recorded = alerts.map((x) => `${x.ruleId}@${isoDateOf(x.day)}`);
    expect([...recorded].sort(), 'every fire recorded once, none lost').toEqual([...expected].sort());
    expect(deliveries.every((d) => d.status === 'delivered'), JSON.stringify(deliveries.filter((d) => d.status !== 'delivered'))).toBe(true);

    for (const [name, receiver] of [['a', a], ['b', b]] as const) {
      const mine = deliveries.filter((d) => d.channel === name);
      const ids = new Set(mine.map((d) => messageIdOf(d.key, name)));
      expect(new Set(receiver.accepted.keys()), `channel ${name}: each alert seen once by the user, none missing`).toEqual(ids);
      expect(receiver.received.every((r) => r.status === 500 || r.verified), 'every signature verified').toBe(true);
      for (const delivery of mine) {
        const id = messageIdOf(delivery.key, name);
        const requests = receiver.received.filter((r) => r.headers['webhook-id'] === id);
        const recordedAttempts = attempts.filter((t) => t.key === delivery.key && t.channel === name);
        const interrupted = recordedAttempts.filter((t) => t.outcome === null).length;
        const delivered = requests.filter((r) => r.status === 204).length;
        expect(requests.length, `${id}: every request is an attempt recorded before it was sent`).toBeLessThanOrEqual(recordedAttempts.length);
        expect(delivered, `${id}: a repeat after success only follows an attempt the kill interrupted`).toBeLessThanOrEqual(1 + interrupted);
        expect(recordedAttempts.filter((t) => t.outcome === 'delivered').length, `${id}: one attempt is recorded as delivered`).toBe(1);
      }
    }
    const interruptedTotal = attempts.filter((t) => t.outcome === null).length;
    console.log(`kill test (${db.startsWith('postgres') ? 'PostgreSQL' : 'SQLite'}): ${kills.join(' ')}; ${alerts.length} alerts, ${deliveries.length} deliveries, ${attempts.length} attempts (${interruptedTotal} interrupted by a kill), raw requests a=${a.received.length} b=${b.received.length}`);
  } finally {
    await a.stop();
    await b.stop();
  }
}

describe('alerts check killed with SIGKILL at random points', () => {
  it('delivers every alert once and loses none; the log shows each attempt (SQLite)', async () => {
    await killTest(join(dir, 'kill.db'));
  }, 240_000);
});

describeWithPostgres('alerts check killed with SIGKILL at random points on PostgreSQL', () => {
  it('delivers every alert once and loses none; the log shows each attempt (PostgreSQL)', async () => {
    await killTest(await freshDatabaseUrl('alerts_kill'));
  }, 240_000);
});

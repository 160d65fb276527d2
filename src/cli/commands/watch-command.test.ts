/**
 * `altseason watch` as a process: one tick with --once; a running watch holds the store's lock so
 * a second one refuses to start; SIGTERM stops it cleanly (exit 0, lock released).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, parseDay } from '../../domain/dates.ts';
import { watchLockPath } from '../../data/alerts/watch-lock.ts';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import { WebhookReceiver } from '../../../test/loopback/alert-receivers.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const dir = mkdtempSync(join(tmpdir(), 'altseason-watch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function altseason(args: string[]) {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'altseason.js'), ...args], { env: { ...process.env, HOOK_SECRET: SECRET }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += String(c)));
  child.stdout.resume();
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, exited, stderr: () => stderr };
}

/** ^RUT up to yesterday, crossing above 100 on the last day. */
async function makeStore(path: string): Promise<void> {
  const store = SqliteStore.open(path);
  const last = addDays(parseDay(new Date().toISOString().slice(0, 10)), -1);
  const closes = [95, 99, 97, 101];
  await store.write({
    load: { source: 'test', origin: 'watch-test' },
    equityBars: closes.map((close, i) => ({ symbol: '^RUT', day: addDays(last, i - closes.length + 1), source: 'test', open: close, high: close, low: close, close, volume: null })),
  });
  await store.close();
}

describe('altseason watch', () => {
  it('runs one tick with --once: evaluates, delivers, logs each step', async () => {
    const db = join(dir, 'once.db');
    await makeStore(db);
    const hook = (await new WebhookReceiver(SECRET).start()).script(500, 'ok');
    try {
      const rules = join(dir, 'once.yaml');
      writeFileSync(rules, `delivery: { baseMs: 20, capMs: 50 }\nchannels: { hook: { type: webhook, url: "${hook.url}", secret: $HOOK_SECRET } }\nrules:\n  - { id: rut-100, series: rut-close, when: crosses-above, value: 100, channels: [hook] }\n`);
      const run = altseason(['--db', db, 'watch', rules, '--once', '--no-sync']);
      expect(await run.exited, run.stderr()).toBe(0);
      const log = run.stderr();
      expect(log).toMatch(/evaluate: 1 rule as of the last closed day, 1 new alert recorded/);
      expect(log).toMatch(/deliver: hook [0-9a-f]{12} attempt 1: retry \(500\)/);
      expect(log).toMatch(/deliver: hook [0-9a-f]{12} attempt 2: delivered \(204\)/);
      expect(log).toMatch(/watch: stopped/);
      expect(log, 'no secret in the log').not.toContain(SECRET);
      expect(hook.accepted.size).toBe(1);
      expect(existsSync(watchLockPath(db)), 'the lock is released').toBe(false);
    } finally {
      await hook.stop();
    }
  }, 60_000);

  it('refuses a second watch on the same store, and stops cleanly on SIGTERM', async () => {
    const db = join(dir, 'lock.db');
    await makeStore(db);
    const rules = join(dir, 'lock.yaml');
    writeFileSync(rules, 'channels: { t: { type: terminal } }\nrules:\n  - { id: rut-100, series: rut-close, when: crosses-above, value: 100, channels: [t] }\n');
    const first = altseason(['--db', db, 'watch', rules, '--no-sync', '--cron', '0 0 1 1 *']);
    for (let i = 0; i < 600 && !first.stderr().includes('next tick') && first.child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 50));
    expect(first.stderr(), 'the first watch is up').toContain('next tick');
    const second = altseason(['--db', db, 'watch', rules, '--no-sync', '--once']);
    expect(await second.exited).not.toBe(0);
    expect(second.stderr()).toMatch(new RegExp(`another altseason watch is running on the store at .*lock\\.db \\(pid ${first.child.pid}`));
    first.child.kill('SIGTERM');
    expect(await first.exited, first.stderr()).toBe(0);
    expect(first.stderr()).toMatch(/SIGTERM: finishing the current step, then stopping[\s\S]*watch: stopped/);
    expect(existsSync(watchLockPath(db))).toBe(false);
  }, 60_000);
});

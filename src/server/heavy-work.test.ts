import { describe, expect, it } from 'vitest';
import { createDashboardApp } from './create-app.ts';
import { ServerBusyError } from '../domain/errors.ts';
import { HeavyWork } from './heavy-work.ts';
import { testService } from '../../test/fixtures/dashboard-test-service.ts';

/** A task that runs until released, recording how many tasks were running alongside it. */
function gate() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return { release, released };
}

describe('HeavyWork', () => {
  it('runs at most `concurrency` tasks at once; the rest wait in arrival order', async () => {
    const heavy = new HeavyWork({ concurrency: 2, queueLimit: 10 });
    let inFlight = 0;
    let most = 0;
    const order: number[] = [];
    const gates = Array.from({ length: 6 }, gate);
    const tasks = gates.map((g, i) =>
      heavy.run(async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        order.push(i);
        await g.released;
        inFlight--;
        return i;
      }),
    );
    while (inFlight < 2) await new Promise((resolve) => setImmediate(resolve));
    expect(heavy.load, 'two run, four wait').toEqual({ running: 2, waiting: 4 });
    for (const g of gates) g.release();
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most, 'never more than two heavy computations at once').toBe(2);
    expect(order, 'waiting tasks start in the order they arrived').toEqual([0, 1, 2, 3, 4, 5]);
    expect(heavy.load, 'all slots are free again').toEqual({ running: 0, waiting: 0 });
  });

  it('refuses at once with ServerBusyError (and a retry delay) when the queue is full', async () => {
    const heavy = new HeavyWork({ concurrency: 1, queueLimit: 1, retryAfterSeconds: 3 });
    const g = gate();
    const first = heavy.run(() => g.released);
    const second = heavy.run(() => 'second');
    const refused = await heavy.run(() => 'third').catch((error: unknown) => error);
    expect(refused, 'a third heavy request is refused rather than queued without bound').toBeInstanceOf(ServerBusyError);
    expect((refused as ServerBusyError).retryAfterSeconds).toBe(3);
    expect((refused as Error).message).toMatch(/busy: 1 heavy computation running and 1 waiting; try again in 3 s/);
    g.release();
    await first;
    expect(await second, 'the queued one still runs').toBe('second');
  });

  it('lets waiting I/O in between queued tasks (a cached /api/meta is not held behind the whole queue)', async () => {
    const heavy = new HeavyWork({ concurrency: 1, queueLimit: 10 });
    const order: string[] = [];
    // Synchronous tasks, as the CPU-bound computations are: nothing yields inside them.
    const tasks = ['A', 'B', 'C'].map((name) => heavy.run(() => void order.push(name)));
    setImmediate(() => order.push('io'));
    await Promise.all(tasks);
    await new Promise((resolve) => setImmediate(resolve));
    expect(order, 'the event loop polled between the first task and the next').toEqual(['A', 'io', 'B', 'C']);
  });

  it('a failing task frees its slot', async () => {
    const heavy = new HeavyWork({ concurrency: 1, queueLimit: 0 });
    await expect(heavy.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await heavy.run(() => 'next'), 'the slot was given back after the failure').toBe('next');
  });
});

describe('heavy work behind the API', () => {
  it('one client asking for many uncached answers: a bounded number run, the rest wait or get 503 + Retry-After; cached answers do not wait', async () => {
    const service = testService();
    let open!: () => void;
    service.indexGate = new Promise<void>((resolve) => (open = resolve));
    const { app } = createDashboardApp(service, { staticDir: '/nonexistent', heavyWork: { concurrency: 1, queueLimit: 2, retryAfterSeconds: 7 } });
    const get = (path: string) => app.request(path, { headers: { host: '127.0.0.1' } });
    const first = get('/api/index?window=30'); // runs (held open by the gate)
    await new Promise((resolve) => setTimeout(resolve, 10));
    const queued = [get('/api/index?window=31'), get('/api/index?window=32')];
    await new Promise((resolve) => setTimeout(resolve, 10));
    const refused = await get('/api/index?window=33');
    expect(refused.status, 'the queue is full: refused at once, not piled up in memory').toBe(503);
    expect(refused.headers.get('retry-after')).toBe('7');
    expect(((await refused.json()) as { error: string }).error).toMatch(/busy/);
    expect(service.calls.index, 'only one computation started while the first runs').toBe(1);
    const meta = await get('/api/meta');
    expect(meta.status, 'a light request is answered while the heavy ones wait').toBe(200);
    open();
    expect((await Promise.all([first, ...queued])).map((r) => r.status)).toEqual([200, 200, 200]);
    const again = await get('/api/index?window=30');
    expect(again.status).toBe(200);
    expect(service.calls.index, 'a cached answer is not computed again').toBe(3);
  });
});

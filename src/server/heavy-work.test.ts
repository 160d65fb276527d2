import { describe, expect, it } from 'vitest';
import { HeavyWork, ServerBusyError } from './heavy-work.ts';

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
    await Promise.resolve();
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

  it('a failing task frees its slot', async () => {
    const heavy = new HeavyWork({ concurrency: 1, queueLimit: 0 });
    await expect(heavy.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await heavy.run(() => 'next'), 'the slot was given back after the failure').toBe('next');
  });
});

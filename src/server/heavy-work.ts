/**
 * A small semaphore for the server's heavy computations (an ASI history, a dominance table, the
 * thesis). One client asking for many uncached answers at once used to run them all together: the
 * event loop stalled (/api/meta went from 1 ms to ~600 ms) and memory grew from 293 to 700 MB.
 * Here at most `concurrency` run at a time, a bounded number wait their turn in arrival order, and
 * the rest are refused at once with a ServerBusyError (503 + Retry-After) instead of piling up.
 */
import { ServerBusyError } from '../domain/errors.ts';

export interface HeavyWorkOptions {
  /** Heavy computations running at once (the machine has 2 cores; the event loop needs one). */
  concurrency?: number;
  /** Computations waiting for a slot before new ones are refused. */
  queueLimit?: number;
  retryAfterSeconds?: number;
}

export class HeavyWork {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  readonly concurrency: number;
  readonly queueLimit: number;
  private readonly retryAfterSeconds: number;

  constructor(options: HeavyWorkOptions = {}) {
    this.concurrency = options.concurrency ?? 1;
    this.queueLimit = options.queueLimit ?? 16;
    this.retryAfterSeconds = options.retryAfterSeconds ?? 5;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) throw new RangeError(`concurrency: expected a whole number ≥ 1, got ${this.concurrency}`);
    if (!Number.isInteger(this.queueLimit) || this.queueLimit < 0) throw new RangeError(`queueLimit: expected a whole number ≥ 0, got ${this.queueLimit}`);
  }

  /** Runs `work` when a slot is free; refuses at once when the queue is full. */
  async run<T>(work: () => Promise<T> | T): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queueLimit) {
        throw new ServerBusyError(
          `the server is busy: ${this.running} heavy computation${this.running === 1 ? '' : 's'} running and ${this.waiting.length} waiting; try again in ${this.retryAfterSeconds} s`,
          this.retryAfterSeconds,
        );
      }
      // The slot is handed over by the finishing task (running is not decremented in between), so
      // a newcomer cannot overtake the queue.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    // Let the event loop poll for I/O before each heavy task: a slot handed over through promise
    // callbacks alone would start the next task before any waiting request (even a cached
    // /api/meta) is read, and a queue of tasks would hold the loop for all of them together.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Running and waiting computations, for tests and diagnostics. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}

/**
 * The order of snapshots and writes on one store handle, as the Store contract states it
 * (store.ts, `snapshot`): a nested or concurrent snapshot joins the open one, whose read
 * transaction ends when its last caller finishes; a write from inside a snapshot is refused; a
 * write from outside waits for the open snapshot to end; while a write waits, new outside callers
 * start a fresh snapshot after it, so writers are never starved. Writes run one after another.
 * The implementations (SQLite, PostgreSQL) give the transactions; this class gives the order.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { StoreError } from '../../domain/errors.ts';

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export interface SnapshotTransaction {
  /** Starts the read transaction (and pins its snapshot). */
  begin(): void | Promise<void>;
  /** Ends it; called once per begin, also when begin failed (then it has nothing to end). */
  end(): void | Promise<void>;
}

export class SnapshotGate {
  /** Marks the async context of a snapshot's work, to tell a nested call from a concurrent one. */
  private readonly inside = new AsyncLocalStorage<SnapshotGate>();
  /** Callers inside the open snapshot; the read transaction ends when this drops to 0. */
  private users = 0;
  private opened: Promise<void> | null = null;
  private ended: Deferred | null = null;
  /** Writes queued or running; new snapshots wait for them. */
  private waitingWrites = 0;
  private writesDone: Deferred | null = null;
  /** Writes one after another (a transaction cannot nest). */
  private writeChain: Promise<void> = Promise.resolve();

  constructor(private readonly transaction: SnapshotTransaction) {}

  /** Whether the caller runs inside this gate's snapshot. */
  isInside(): boolean {
    return this.inside.getStore() === this;
  }

  async snapshot<T>(work: () => Promise<T>): Promise<T> {
    if (!this.isInside()) {
      // A concurrent caller: join the open snapshot unless a write is waiting for it to end (then
      // let the write through first, so a steady stream of readers cannot starve writers).
      while (this.waitingWrites > 0 && this.writesDone) await this.writesDone.promise;
    }
    this.users++;
    if (this.users === 1) {
      this.ended = deferred();
      this.opened = (async () => this.transaction.begin())();
    }
    try {
      await this.opened;
      return await this.inside.run(this, work);
    } finally {
      this.users--;
      if (this.users === 0) {
        const ended = this.ended;
        this.ended = null;
        this.opened = null;
        try {
          await this.transaction.end();
        } finally {
          ended?.resolve();
        }
      }
    }
  }

  /**
   * Runs `body` as this handle's next write: refused inside a snapshot, queued behind the other
   * writes and behind an open snapshot. `what` names the call in the refusal ("write()").
   */
  async write<T>(what: string, body: () => Promise<T>): Promise<T> {
    if (this.isInside()) {
      throw new StoreError(
        `${what} was called inside store.snapshot(), which is a read-only view of the store: write before or after the snapshot, not inside it`,
      );
    }
    this.waitingWrites++;
    if (!this.writesDone) this.writesDone = deferred();
    const previous = this.writeChain;
    let release!: () => void;
    this.writeChain = new Promise<void>((resolve) => (release = resolve));
    try {
      await previous;
      while (this.users > 0 && this.ended) await this.ended.promise;
      return await body();
    } finally {
      release();
      this.waitingWrites--;
      if (this.waitingWrites === 0 && this.writesDone) {
        const done = this.writesDone;
        this.writesDone = null;
        done.resolve();
      }
    }
  }
}

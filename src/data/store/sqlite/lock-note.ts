/**
 * A small note beside the database (`<db>.writer`) saying which process holds the write lock:
 * its pid, command line and since when. SQLite itself cannot say who holds a lock, and a waiter
 * cannot read a note written inside the holder's transaction (it is not committed yet), so the
 * note is a side file. It is written once the lock is taken and removed when it is released; a
 * note whose process no longer runs (killed with -9) is reported as stale, never trusted.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isProcessRunning } from '../../process-running.ts';

export interface LockHolder {
  pid: number;
  command: string;
  since: string;
}

export class LockNote {
  readonly path: string | null;

  constructor(databasePath: string) {
    this.path = databasePath === ':memory:' || databasePath === '' ? null : `${databasePath}.writer`;
  }

  write(): void {
    if (this.path === null) return;
    const holder: LockHolder = {
      pid: process.pid,
      command: [process.argv0, ...process.argv.slice(1)].join(' ').slice(0, 200),
      since: new Date().toISOString(),
    };
    try {
      writeFileSync(this.path, `${JSON.stringify(holder)}\n`);
    } catch {
      // The note is a courtesy to waiters; a directory we cannot write to must not stop the write.
    }
  }

  remove(): void {
    if (this.path !== null) rmSync(this.path, { force: true });
  }

  read(): LockHolder | null {
    if (this.path === null) return null;
    try {
      const note = JSON.parse(readFileSync(this.path, 'utf8')) as Partial<LockHolder>;
      if (typeof note.pid !== 'number' || typeof note.command !== 'string' || typeof note.since !== 'string') return null;
      return { pid: note.pid, command: note.command, since: note.since };
    } catch {
      return null;
    }
  }

  /** "held by pid 123 (altseason import x.csv) since …", or why the holder is unknown. */
  describeHolder(): string {
    const holder = this.read();
    if (holder === null) return 'held by another connection that left no note (another program, or an older altseason)';
    const running = isProcessRunning(holder.pid);
    return running
      ? `held by pid ${holder.pid} (${holder.command}) since ${holder.since}`
      : `held by another connection (the note names pid ${holder.pid}, which no longer runs: a stale note)`;
  }
}


/**
 * One `altseason watch` per store: a lock file created exclusively (O_EXCL) holding the owner's
 * pid and start time. A second watch finds it and refuses with who holds it; a lock left by a
 * process that no longer runs (a kill -9, a reboot) is taken over. Beside a SQLite store's file;
 * for a PostgreSQL store (a URL) in the temporary directory, named by a hash of the location, so
 * it guards one machine only (docs/alerts.md).
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError } from '../../domain/errors.ts';
import { isProcessRunning } from '../process-running.ts';

export function watchLockPath(location: string): string {
  if (/^postgres(ql)?:\/\//.test(location)) return join(tmpdir(), `altseason-watch-${createHash('sha256').update(location).digest('hex').slice(0, 16)}.lock`);
  return `${location}.watch.lock`;
}


/** Takes the lock (or throws naming its holder); returns the release function. */
export function acquireWatchLock(location: string, now: () => number = Date.now): () => void {
  const path = watchLockPath(location);
  for (let tries = 0; tries < 3; tries++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, since: new Date(now()).toISOString() }));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: { pid?: number; since?: string } = {};
      try {
        holder = JSON.parse(readFileSync(path, 'utf8')) as typeof holder;
      } catch {
        // Being written this instant, or garbage: read again.
      }
      if (typeof holder.pid === 'number' && isProcessRunning(holder.pid) && holder.pid !== process.pid) {
        throw new InvalidInputError(`another altseason watch is running on the store at ${location} (pid ${holder.pid}, since ${holder.since ?? '?'}): stop it first (lock file ${path})`);
      }
      if (typeof holder.pid === 'number' || tries > 0) rmSync(path, { force: true });
    }
  }
  throw new InvalidInputError(`could not take the watch lock ${path}: remove it if no altseason watch is running`);
}

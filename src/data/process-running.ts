/**
 * Does a process with this pid run on this machine? Signal 0 checks without sending anything;
 * EPERM means it runs under another user. Used to tell a live lock holder from a stale note.
 */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

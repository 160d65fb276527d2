import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isProcessRunning } from './process-running.ts';

describe('isProcessRunning', () => {
  it('is true for this process', () => {
    expect(isProcessRunning(process.pid)).toBe(true);
  });

  it('is false for a process that has exited', () => {
    const child = spawnSync(process.execPath, ['-e', '']);
    expect(child.pid).toBeGreaterThan(0);
    expect(isProcessRunning(child.pid!)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { PlannedRequest } from '../../data/sources/market-data-source.ts';
import { createSyncProgress } from './sync-progress.ts';

/**
 * A stream that shows what a terminal would: `\r` moves to the line's start (later characters
 * overwrite), `\x1b[K` clears to the end of the line, `\n` starts a new line.
 */
function terminal(isTTY: boolean) {
  const lines: string[] = [''];
  let column = 0;
  let raw = '';
  const stream = {
    isTTY,
    columns: 120,
    write(chunk: string) {
      raw += chunk;
      for (let i = 0; i < chunk.length; i++) {
        const line = lines[lines.length - 1]!;
        if (chunk.startsWith('\x1b[K', i)) {
          lines[lines.length - 1] = line.slice(0, column);
          i += 2;
        } else if (chunk[i] === '\r') column = 0;
        else if (chunk[i] === '\n') {
          lines.push('');
          column = 0;
        } else {
          lines[lines.length - 1] = line.slice(0, column).padEnd(column) + chunk[i] + line.slice(column + 1);
          column++;
        }
      }
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, screen: () => lines.map((line) => line.trimEnd()), raw: () => raw };
}

const request: PlannedRequest = { source: 'coingecko', key: 'coingecko:markets', kind: 'snapshot', description: 'the top 5 coins by market cap on 2023-08-16', calls: 1, params: {} };
const retry = { provider: 'coingecko', endpoint: '/coins/markets', attempt: 1, maxAttempts: 4, delayMs: 1500, reason: 'timed out after 30000 ms' };

describe('sync progress on a terminal', () => {
  it('prints each retry with its reason and wait on its own line above the bar, and clears the bar at the end', () => {
    const tty = terminal(true);
    const progress = createSyncProgress(tty.stream);
    progress({ type: 'round', round: 1, requests: 2 });
    progress({ type: 'request-start', request });
    progress({ type: 'retry', retry });
    const during = tty.screen();
    expect(during[0], 'the retry says which attempt comes next, after what wait, and why').toBe('retry 2/4 in 1.5 s: coingecko /coins/markets: timed out after 30000 ms');
    expect(during[1], 'the bar is drawn again below it, still naming the request').toMatch(/^\[\.{24}\] 0\/2 coingecko: the top 5 coins by market cap on 2023-08-16$/);

    progress.notice('warn', 'interrupted: stopping after the write under way (Ctrl-C again to quit at once)');
    progress.finish();
    expect(tty.screen(), 'after finish no bar is left on screen, the lines above it stay').toEqual([
      'retry 2/4 in 1.5 s: coingecko /coins/markets: timed out after 30000 ms',
      'interrupted: stopping after the write under way (Ctrl-C again to quit at once)',
      '',
    ]);
  });
});

describe('the progress bar', () => {
  it('leaves nothing of a longer label behind when a shorter one replaces it', () => {
    const tty = terminal(true);
    const progress = createSyncProgress(tty.stream);
    progress({ type: 'round', round: 1, requests: 2 });
    progress({ type: 'request-start', request: { ...request, description: 'categories and the members of stablecoins, wrapped-tokens, liquid-staking-tokens' } });
    progress({ type: 'request-start', request: { ...request, key: 'coingecko:global', description: 'dominance' } });
    expect(tty.screen(), 'one line: the bar with the current label only').toEqual(['[........................] 0/2 coingecko: dominance']);
  });
});

describe('sync progress without a terminal', () => {
  it('logs each retry as a JSON line with its reason, attempt and wait', () => {
    const pipe = terminal(false);
    const progress = createSyncProgress(pipe.stream, () => Date.parse('2026-01-01T00:00:00Z'));
    progress({ type: 'retry', retry });
    progress.notice('warn', 'interrupted');
    progress.finish();
    expect(pipe.raw().trim().split('\n').map((line) => JSON.parse(line) as unknown), 'structured lines a log collector can read').toEqual([
      { time: '2026-01-01T00:00:00.000Z', event: 'retry', level: 'warn', source: 'coingecko', endpoint: '/coins/markets', attempt: 1, maxAttempts: 4, delayMs: 1500, reason: 'timed out after 30000 ms' },
      { time: '2026-01-01T00:00:00.000Z', event: 'notice', level: 'warn', message: 'interrupted' },
    ]);
  });
});

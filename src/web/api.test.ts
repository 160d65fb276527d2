import { afterEach, describe, expect, it, vi } from 'vitest';
import { computeThesis, fetchThesis, getJson, MAX_RETRY_WAIT_MS, retryAfterMs } from './api.ts';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** fetch answers these in turn (the last one again when they run out); returns the paths asked. */
function answers(...responses: (() => Response)[]): string[] {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (path: string) => responses[Math.min(asked.push(path), responses.length) - 1]!());
  return asked;
}
function answer(status: number, body: unknown): void {
  answers(() => json(status, body));
}
/** A wait that records what it was asked to wait and returns at once. */
function recordingWait(): { waits: number[]; wait: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, wait: async (ms) => void waits.push(ms) };
}
const REPORT = { verdict: { headline: 'No evidence', findings: [] }, leadLag: [], eventStudies: [], groundTruth: null };
const BUSY = () => json(503, { error: 'the server is busy: 2 heavy computations running and 8 waiting; try again in 3 s' }, { 'retry-after': '3' });

afterEach(() => vi.unstubAllGlobals());

describe('a busy server (503 + Retry-After)', () => {
  it('is asked once more after Retry-After, and its answer is shown instead of an error', async () => {
    const asked = answers(BUSY, () => json(200, { items: [] }));
    const { waits, wait } = recordingWait();
    expect(await getJson('/api/status', wait), 'the answer after the retry').toEqual({ items: [] });
    expect(asked, 'the same request, twice').toEqual(['/api/status', '/api/status']);
    expect(waits, 'the wait the server asked for (3 s)').toEqual([3000]);
  });

  it('still busy after the retry: the error is the server\'s message, and there is no third try', async () => {
    const asked = answers(BUSY);
    const { waits, wait } = recordingWait();
    await expect(getJson('/api/index?window=90', wait)).rejects.toThrow(/the server is busy: .* try again in 3 s/);
    expect(asked, 'one retry only').toHaveLength(2);
    expect(waits).toHaveLength(1);
  });

  it('the thesis requests retry too', async () => {
    answers(BUSY, () => json(200, REPORT));
    const { waits, wait } = recordingWait();
    expect(await computeThesis(wait)).toEqual(REPORT);
    expect(waits).toEqual([3000]);
  });

  it('waits at most 10 s, whatever Retry-After asks; reads seconds or an HTTP date', () => {
    expect(retryAfterMs('120'), 'a page must not hang for two minutes').toBe(MAX_RETRY_WAIT_MS);
    expect(MAX_RETRY_WAIT_MS).toBe(10_000);
    expect(retryAfterMs('2')).toBe(2000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:04 GMT', now), 'an HTTP date 4 s ahead').toBe(4000);
    expect(retryAfterMs('Wed, 31 Dec 2025 00:00:00 GMT', now), 'a date in the past: ask again at once').toBe(0);
    expect(retryAfterMs(null), 'no header: a short default wait').toBe(1000);
    expect(retryAfterMs('soon'), 'an unreadable header: the default too').toBe(1000);
  });

  it('other errors are not retried', async () => {
    const asked = answers(() => json(500, { error: 'internal error' }));
    const { waits, wait } = recordingWait();
    await expect(getJson('/api/dominance', wait)).rejects.toThrow('internal error');
    expect(asked).toHaveLength(1);
    expect(waits).toEqual([]);
  });
});

describe('fetchThesis', () => {
  it('"not computed" (200) is an answer, not an error', async () => {
    answer(200, { state: 'not-computed', detail: 'not computed yet', startedAt: null, finishedAt: null });
    expect(await fetchThesis()).toEqual({ state: 'not-computed', detail: 'not computed yet' });
  });

  it('tells a run under way (202) and a failed run apart', async () => {
    answer(202, { state: 'computing', detail: 'running the thesis tests in a worker thread' });
    expect((await fetchThesis()).state).toBe('computing');
    answer(200, { state: 'failed', detail: 'the thesis tests failed: no ^RUT' });
    expect(await fetchThesis()).toEqual({ state: 'failed', detail: 'the thesis tests failed: no ^RUT' });
  });

  it('returns the report', async () => {
    answer(200, REPORT);
    expect(await fetchThesis()).toEqual({ state: 'computed', report: REPORT });
  });

  it('a server error is an error, with its message', async () => {
    answer(500, { error: 'internal error' });
    await expect(fetchThesis()).rejects.toThrow('internal error');
    answer(200, { state: 'failed', detail: 'boom' });
    await expect(computeThesis(), 'a POST without a report says so').rejects.toThrow(/without a report: boom/);
  });
});

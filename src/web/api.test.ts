import { afterEach, describe, expect, it, vi } from 'vitest';
import { computeThesis, fetchThesis } from './api.ts';

function answer(status: number, body: unknown): void {
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
}
const REPORT = { verdict: { headline: 'No evidence', findings: [] }, leadLag: [], eventStudies: [], groundTruth: null };

describe('fetchThesis', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('"not computed" is an answer from an older server (404) and a newer one (200), not an error', async () => {
    answer(404, { error: 'the thesis report has not been computed yet: POST /api/thesis runs it' });
    expect(await fetchThesis(), 'older server').toEqual({ state: 'not-computed', detail: 'the thesis report has not been computed yet: POST /api/thesis runs it' });
    answer(200, { state: 'not-computed', detail: 'not computed yet', startedAt: null, finishedAt: null });
    expect(await fetchThesis(), 'newer server').toEqual({ state: 'not-computed', detail: 'not computed yet' });
  });

  it('tells a run under way (202) and a failed run apart', async () => {
    answer(202, { state: 'computing', detail: 'running the thesis tests in a worker thread' });
    expect((await fetchThesis()).state).toBe('computing');
    answer(200, { state: 'failed', detail: 'the thesis tests failed: no ^RUT' });
    expect(await fetchThesis()).toEqual({ state: 'failed', detail: 'the thesis tests failed: no ^RUT' });
  });

  it('returns the report, bare or wrapped', async () => {
    answer(200, REPORT);
    expect(await fetchThesis()).toEqual({ state: 'computed', report: REPORT });
    answer(200, { state: 'done', report: REPORT });
    expect(await fetchThesis()).toEqual({ state: 'computed', report: REPORT });
  });

  it('a server error is an error, with its message', async () => {
    answer(500, { error: 'internal error' });
    await expect(fetchThesis()).rejects.toThrow('internal error');
    answer(200, { state: 'failed', detail: 'boom' });
    await expect(computeThesis(), 'a POST without a report says so').rejects.toThrow(/without a report: boom/);
  });
});

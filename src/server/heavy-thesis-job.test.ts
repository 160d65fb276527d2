import { describe, expect, it } from 'vitest';
import type { ThesisReport } from '../analytics/thesis/thesis-report.ts';
import type { RunningComputation } from './heavy-thesis-in-worker.ts';
import { ThesisJob } from './heavy-thesis-job.ts';

/** A computation the test finishes by hand. */
function manual() {
  const started: { resolve: (report: ThesisReport) => void; reject: (error: Error) => void; cancelled: boolean }[] = [];
  const start = (): RunningComputation<ThesisReport> => {
    const entry = { resolve: (_: ThesisReport) => {}, reject: (_: Error) => {}, cancelled: false };
    const result = new Promise<ThesisReport>((resolve, reject) => Object.assign(entry, { resolve, reject }));
    started.push(entry);
    return { result, cancel: () => ((entry.cancelled = true), entry.reject(new Error('cancelled'))) };
  };
  return { started, start };
}

const report = (label: string) => ({ schema: 'altseason.thesis/v1', label }) as unknown as ThesisReport;

describe('ThesisJob', () => {
  it('one computation at a time: a second request joins the running one; the report is kept', async () => {
    const { started, start } = manual();
    const job = new ThesisJob(start);
    expect(job.status().state).toBe('not-computed');
    const first = job.compute();
    const second = job.compute();
    expect(started.length, 'repeated POSTs do not start a second 7-second computation').toBe(1);
    expect(job.status().state).toBe('computing');
    started[0]!.resolve(report('a'));
    expect(await first).toBe(await second);
    expect(job.status()).toMatchObject({ state: 'done', report: report('a') });
    await job.compute();
    expect(started.length, 'a kept report is not computed again').toBe(1);
  });

  it('a failure is reported and the next request tries again', async () => {
    const { started, start } = manual();
    const job = new ThesisJob(start);
    const failed = job.compute();
    started[0]!.reject(new Error('no ^RUT in the store'));
    await expect(failed).rejects.toThrow('no ^RUT');
    expect(job.status()).toMatchObject({ state: 'failed', detail: expect.stringMatching(/no \^RUT in the store/) });
    void job.compute();
    expect(started.length).toBe(2);
  });

  it('reset (the data changed) stops the running computation and forgets the report', async () => {
    const { started, start } = manual();
    const job = new ThesisJob(start);
    const stale = job.compute().catch(() => 'stopped');
    job.reset();
    expect(started[0]!.cancelled, 'the worker over the old data is stopped').toBe(true);
    expect(await stale).toBe('stopped');
    expect(job.status().state, 'and its end does not overwrite the new state').toBe('not-computed');
    void job.compute();
    started[1]!.resolve(report('new'));
    await job.compute();
    expect(job.status().report).toEqual(report('new'));
  });
});

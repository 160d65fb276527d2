/**
 * The dashboard's one thesis computation: not computed until asked (POST /api/thesis), then
 * computing (one at a time: a second POST joins the running one), then done (kept until the data
 * change) or failed (a POST tries again). GET /api/thesis answers the report once it is done and
 * the state before, so the page never sees a 404 for a report nobody has asked for yet.
 */
import type { ThesisReport } from '../analytics/thesis/thesis-report.ts';
import type { RunningComputation } from './heavy-thesis-in-worker.ts';

export type ThesisState = 'not-computed' | 'computing' | 'done' | 'failed';

/** The job's state; `report` is set only when `state` is 'done'. */
export interface ThesisJobState {
  state: ThesisState;
  detail: string;
  /** ISO timestamps of the current or last computation. */
  startedAt: string | null;
  finishedAt: string | null;
  report: ThesisReport | null;
}

/** GET /api/thesis before the report exists (docs/api.md); once it does, the answer is the report itself. */
export type ThesisPendingResponse = Omit<ThesisJobState, 'report'> & { state: Exclude<ThesisState, 'done'> };

const NOT_COMPUTED = 'not computed yet: POST /api/thesis runs the tests (several seconds), or run `altseason thesis`';

export class ThesisJob {
  private current: ThesisJobState = { state: 'not-computed', detail: NOT_COMPUTED, startedAt: null, finishedAt: null, report: null };
  private running: { computation: RunningComputation<ThesisReport>; promise: Promise<ThesisReport> } | null = null;

  constructor(private readonly start: () => RunningComputation<ThesisReport>) {}

  status(): ThesisJobState {
    return this.current;
  }

  /** The report: kept, being computed (joined), or computed now. */
  compute(): Promise<ThesisReport> {
    if (this.current.state === 'done') return Promise.resolve(this.current.report!);
    if (this.running) return this.running.promise;
    const startedAt = new Date().toISOString();
    this.current = { state: 'computing', detail: 'running the thesis tests in a worker thread', startedAt, finishedAt: null, report: null };
    const computation = this.start();
    const running = {
      computation,
      promise: computation.result.then(
        (report) => {
          if (this.running === running) this.current = { state: 'done', detail: 'computed in this process; kept until the data change', startedAt, finishedAt: new Date().toISOString(), report };
          return report;
        },
        (error: unknown) => {
          if (this.running === running) this.current = { state: 'failed', detail: `the thesis tests failed: ${(error as Error).message}`, startedAt, finishedAt: new Date().toISOString(), report: null };
          throw error;
        },
      ),
    };
    this.running = running;
    void running.promise.then(
      () => this.running === running && (this.running = null),
      () => this.running === running && (this.running = null),
    );
    return running.promise;
  }

  /** The data changed: forget the report and stop a computation over the old data. */
  reset(): void {
    const running = this.running;
    this.running = null;
    this.current = { state: 'not-computed', detail: NOT_COMPUTED, startedAt: null, finishedAt: null, report: null };
    running?.computation.cancel();
  }
}

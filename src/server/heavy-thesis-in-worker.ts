/**
 * Runs the thesis computation in a worker thread (heavy-thesis-worker, beside this module; see
 * app/worker-entry.ts), so the server keeps answering while it runs.
 */
import type { ThesisReport } from '../analytics/thesis/thesis-report.ts';
import { startWorker } from '../app/worker-entry.ts';
import { AltseasonError, InvalidInputError, NoDataError, StoreError } from '../domain/errors.ts';

export interface ThesisWorkerInput {
  storePath: string;
}

export type ThesisWorkerOutput = { ok: true; report: ThesisReport } | { ok: false; name: string; message: string };

export interface RunningComputation<T> {
  result: Promise<T>;
  /** Stops the computation; `result` then rejects. */
  cancel(): void;
}

/** The worker's error as the class the API maps to a status (404 for no data, 400 for bad input). */
function errorFrom(name: string, message: string): Error {
  const classes: Record<string, new (message: string) => Error> = { NoDataError, InvalidInputError, StoreError };
  return new (classes[name] ?? AltseasonError)(message);
}

export function runThesisInWorker(storePath: string): RunningComputation<ThesisReport> {
  const input: ThesisWorkerInput = { storePath };
  const worker = startWorker('heavy-thesis-worker', import.meta.url, input);
  let cancelled = false;
  const result = new Promise<ThesisReport>((resolve, reject) => {
    let answered = false;
    worker.once('message', (output: ThesisWorkerOutput) => {
      answered = true;
      if (output.ok) resolve(output.report);
      else reject(errorFrom(output.name, output.message));
    });
    worker.once('error', (error) => {
      answered = true;
      reject(new AltseasonError(`the thesis worker failed: ${error.message}`, { cause: error }));
    });
    worker.once('exit', (code) => {
      if (answered) return;
      reject(new AltseasonError(cancelled ? 'the thesis computation was cancelled (the data changed)' : `the thesis worker exited with code ${code} before answering`));
    });
  });
  return {
    result,
    cancel: () => {
      cancelled = true;
      void worker.terminate();
    },
  };
}

/**
 * Runs the thesis computation in a worker thread (heavy-thesis-worker), so the server keeps
 * answering while it runs. The worker entry sits beside this module with the same extension: .ts
 * under vitest or tsx (started with tsx's loader, resolved from here so any working directory
 * works), .js in the compiled dist/server/.
 */
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ThesisReport } from '../analytics/thesis/thesis-report.ts';
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

/**
 * How to start the worker: the compiled .js entry directly; the .ts entry through a bootstrap that
 * registers tsx first. (`execArgv: ['--import', 'tsx']` does not reach a worker's own module
 * loading on Node 20: the entry fails with "Unknown file extension .ts".)
 */
export function workerEntry(moduleUrl: string = import.meta.url): { entry: URL; code: string | null } {
  const extension = extname(fileURLToPath(moduleUrl));
  const entry = new URL(`./heavy-thesis-worker${extension}`, moduleUrl);
  if (extension !== '.ts') return { entry, code: null };
  // Resolved from here (not from the working directory, which may be anywhere).
  // tsx's ESM API, by its `import` condition (require.resolve names the .cjs beside it). Tried on
  // Node 20.20 and failed in a worker: `--import tsx`, importing the `tsx` loader, the .cjs API.
  const tsxApi = pathToFileURL(createRequire(moduleUrl).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return { entry, code: `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });` };
}

export function runThesisInWorker(storePath: string): RunningComputation<ThesisReport> {
  const { entry, code } = workerEntry();
  const input: ThesisWorkerInput = { storePath };
  const worker = code === null ? new Worker(entry, { workerData: input }) : new Worker(code, { eval: true, workerData: input });
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

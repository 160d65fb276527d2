/**
 * The worker thread that computes the thesis report (about 7 s of CPU on the shared data, which
 * would otherwise block the server's event loop). It opens its own handle on the store file, runs
 * the computation, posts the report (or the error's class name and message) and exits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { computeThesis } from '../report/thesis/compute-thesis.ts';
import type { ThesisWorkerInput, ThesisWorkerOutput } from './heavy-thesis-in-worker.ts';

const input = workerData as ThesisWorkerInput;
let output: ThesisWorkerOutput;
try {
  // The server has opened (and migrated) the file already, so opening it here changes nothing.
  const store = SqliteStore.open(input.storePath);
  try {
    output = { ok: true, report: await computeThesis(store) };
  } finally {
    await store.close();
  }
} catch (error) {
  const failure = error instanceof Error ? error : new Error(String(error));
  output = { ok: false, name: failure.constructor.name, message: failure.message };
}
parentPort!.postMessage(output);

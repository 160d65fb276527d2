/**
 * The worker thread that runs the thesis use case (about 7 s of CPU on the shared data, which
 * would otherwise block the server's event loop). It opens its own read-only handle on the store
 * (the file, or the PostgreSQL URL), runs runThesis, posts the report (or the error's class name and message) and exits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../data/store/open-store.ts';
import { runThesis } from '../app/run-thesis.ts';
import type { ThesisWorkerInput, ThesisWorkerOutput } from './heavy-thesis-in-worker.ts';

/** The report, or the error's class name and message (an Error does not cross to the server thread intact). */
async function thesisInWorker(input: ThesisWorkerInput): Promise<ThesisWorkerOutput> {
  try {
    // Read-only: the thesis only reads, and the server (or a sync) may be writing the store.
    const store = openStore(input.storePath, { readOnly: true });
    try {
      return { ok: true, report: await runThesis(store) };
    } finally {
      await store.close();
    }
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    return { ok: false, name: failure.constructor.name, message: failure.message };
  }
}

// A function rather than top-level await: the CLI bundles this worker as a CommonJS script.
void thesisInWorker(workerData as ThesisWorkerInput).then((output) => parentPort!.postMessage(output));

/**
 * Starting a worker thread whose entry module sits beside the module that starts it, with the
 * same extension: .ts under vitest or tsx (started through tsx's loader, resolved from here so any
 * working directory works), .js in the compiled dist/, .cjs in the CLI bundle (scripts/bundle-cli.mjs
 * makes each worker a CommonJS script of its own beside the command bundles).
 */
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * How to start worker `name` from the module at `moduleUrl`: the compiled .js entry directly; the
 * .ts entry through a bootstrap that registers tsx first. (`execArgv: ['--import', 'tsx']` does
 * not reach a worker's own module loading on Node 20: the entry fails with "Unknown file extension .ts".)
 */
export function workerEntry(name: string, moduleUrl: string): { entry: URL; code: string | null } {
  const extension = extname(fileURLToPath(moduleUrl));
  const entry = new URL(`./${name}${extension}`, moduleUrl);
  if (extension !== '.ts') return { entry, code: null };
  // tsx's ESM API, by its `import` condition (require.resolve names the .cjs beside it). Tried on
  // Node 20.20 and failed in a worker: `--import tsx`, importing the `tsx` loader, the .cjs API.
  const tsxApi = pathToFileURL(createRequire(moduleUrl).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return { entry, code: `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });` };
}

/** Starts worker `name` (beside the module at `moduleUrl`) with `workerData`. */
export function startWorker(name: string, moduleUrl: string, workerData: unknown): Worker {
  const { entry, code } = workerEntry(name, moduleUrl);
  return code === null ? new Worker(entry, { workerData }) : new Worker(code, { eval: true, workerData });
}

/**
 * `npm run bench`: runs every bench/*.bench.ts in name order (or those whose names contain one of
 * the arguments). Each exports `default` (or `run`): an async function returning the lines to
 * print. Benchmarks print figures and ratios against a reference measured in the same run; they
 * assert nothing and are never part of `npm test`.
 *
 * The whole-process benchmarks (cli-startup, status, index-vs-pandas) spawn `node bin/altseason.js`
 * as a user runs it, so they measure whatever it runs (dist/ after `npm run build`, else the
 * TypeScript sources); ALTSEASON_BENCH_BIN=path measures another copy, ALTSEASON_BENCH_DB=path
 * uses an existing store instead of importing ../shared/data into a temporary one.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Bench = () => Promise<string[]> | string[];

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();

let failed = 0;
for (const file of files) {
  process.stdout.write(`## ${file}\n`);
  try {
    const module = (await import(pathToFileURL(join(here, file)).href)) as { default?: Bench; run?: Bench };
    const bench = module.default ?? module.run;
    if (typeof bench !== 'function') throw new Error(`${file} exports neither a default function nor run()`);
    for (const line of await bench()) process.stdout.write(`${line}\n`);
  } catch (error) {
    failed++;
    process.stdout.write(`FAILED: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.stdout.write('\n');
}
if (files.length === 0) process.stdout.write(`no benchmarks matched ${filters.join(', ') || '*.bench.ts'}\n`);
process.exitCode = failed > 0 ? 1 : 0;

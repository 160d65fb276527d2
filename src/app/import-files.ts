/**
 * Importing CSV / CSV.gz files (or folders of them) into the store, each file all or nothing
 * (docs/data.md): a bad file is reported and skipped and the others are still imported, so one bad
 * row does not hide what happened to the rest of a folder. Shared by `altseason import` and the
 * library; the CLI adds Ctrl-C handling (an aborted `signal` stops after the current file).
 */
import { ImportInterruptedError, InvalidInputError } from '../domain/errors.ts';
import { expandPaths, importFiles, type ImportOptions } from '../data/import/import-files.ts';
import type { Store } from '../data/store/store.ts';
import type { ImportResult } from './contracts/import.ts';
import { IMPORT_SCHEMA } from './contracts/schema-names.ts';

export async function importPaths(store: Store, paths: readonly string[], options: ImportOptions = {}): Promise<ImportResult> {
  const files = await expandPaths([...paths]);
  if (files.length === 0) throw new InvalidInputError(`${paths.join(', ')}: no .csv or .csv.gz files to import`);
  const result: ImportResult = { schema: IMPORT_SCHEMA, results: [], failures: [] };
  for (const [index, file] of files.entries()) {
    try {
      if (options.signal?.aborted) throw options.signal.reason;
      result.results.push(...(await importFiles(store, [file], options)));
    } catch (error) {
      if (error instanceof ImportInterruptedError) {
        result.interrupted = { file, notStarted: files.slice(index + 1) };
        break;
      }
      if (!(error instanceof InvalidInputError)) throw error;
      result.failures.push({ file, message: error.message });
    }
  }
  return result;
}

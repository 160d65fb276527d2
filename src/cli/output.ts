/** Writes a result in the format the user asked for (--format table|json|csv). */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidInputError } from '../domain/errors.ts';
import type { Column } from '../report/columns.ts';
import { renderCsv } from '../report/render-csv.ts';
import { renderJson, rowsToObjects } from '../report/render-json.ts';
import { renderTable } from '../report/render-table.ts';

export const OUTPUT_FORMATS = ['table', 'json', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function parseFormat(text: string, allowed: readonly string[] = OUTPUT_FORMATS): OutputFormat {
  if (!allowed.includes(text)) throw new InvalidInputError(`--format: expected one of ${allowed.join(', ')}, got ${JSON.stringify(text)}`);
  return text as OutputFormat;
}

export function writeRows<Row>(rows: readonly Row[], columns: readonly Column<Row>[], format: OutputFormat, out: NodeJS.WritableStream = process.stdout): void {
  if (format === 'json') out.write(renderJson(rowsToObjects(rows, columns)));
  else if (format === 'csv') out.write(renderCsv(rows, columns));
  else out.write(renderTable(rows, columns));
}

/** What every result carries about its data (contracts/data-notice.ts). */
export interface NoticedResult {
  simulated: boolean;
  data: { stale: boolean; warning: string | null };
}

/**
 * A result's data warning (simulated, stale) in each format. JSON carries it in the result itself
 * (`simulated`, `data.warning`). CSV rows of a simulated market start with a `#` comment line
 * (pandas: `comment='#'`), so a script cannot mistake them for real prices; a staleness warning
 * goes to stderr, keeping the header the first line. A table ends with it.
 */
export function csvNotice(result: { simulated: boolean }): string {
  return result.simulated ? '# SIMULATED market (demo data), not real prices\n' : '';
}

export function tableNotice(result: NoticedResult): string {
  return result.data.warning ? `\nnote: ${result.data.warning}\n` : '';
}

/** Writes a result in one of its formats, with its data warning where the format carries it. */
export function writeResult<R extends NoticedResult>(
  result: R,
  format: OutputFormat,
  present: { table: (result: R) => string; csv?: (result: R) => string },
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): void {
  if (format === 'json') out.write(renderJson(result));
  else if (format === 'csv') {
    if (!present.csv) throw new InvalidInputError('--format csv: this output is not a table; use json');
    if (result.data.stale && result.data.warning) err.write(`note: ${result.data.warning}\n`);
    out.write(csvNotice(result) + present.csv(result));
  } else out.write(present.table(result) + tableNotice(result));
}

/**
 * Refuses an --out path the report could not be written to, before the tests run (they take
 * seconds): a missing or unwritable folder, or a path that is a folder.
 */
export function checkOutputPath(out: string): void {
  const path = resolve(out);
  const folder = dirname(path);
  let folderStat;
  try {
    folderStat = statSync(folder);
  } catch {
    throw new InvalidInputError(`--out ${JSON.stringify(out)}: the folder ${folder} does not exist; create it first or choose another path`);
  }
  if (!folderStat.isDirectory()) throw new InvalidInputError(`--out ${JSON.stringify(out)}: ${folder} is not a folder`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new InvalidInputError(`--out ${JSON.stringify(out)}: the folder ${folder} is not writable`);
  }
  let target;
  try {
    target = statSync(path);
  } catch {
    return; // a new file: the folder check above is all there is
  }
  if (target.isDirectory()) throw new InvalidInputError(`--out ${JSON.stringify(out)}: ${path} is a folder; give a file name, e.g. ${JSON.stringify(`${out.replace(/\/+$/, '')}/thesis.md`)}`);
  try {
    accessSync(path, constants.W_OK);
  } catch {
    throw new InvalidInputError(`--out ${JSON.stringify(out)}: the file ${path} exists and is not writable`);
  }
}

/** Writes a result in the format the user asked for (--format table|json|csv). */
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

/** `altseason import` / `importPaths()`: what each file brought, what failed, and an interruption. */
import { z } from 'zod';
import { IMPORT_SCHEMA } from './schema-names.ts';


export const ImportedFileSchema = z.object({
  file: z.string(),
  format: z.string(),
  rows: z.number().int(),
  /** Rows (and assets, aliases) inserted or changed. */
  changed: z.number().int(),
  skipped: z.boolean(),
  /** Why the file was skipped ("already imported"). */
  reason: z.string().optional(),
  sources: z.array(z.string()),
  seconds: z.number(),
});
export type ImportedFile = z.infer<typeof ImportedFileSchema>;

export const ImportResultSchema = z.object({
  schema: z.literal(IMPORT_SCHEMA),
  results: z.array(ImportedFileSchema),
  /** Files that were not imported (a bad row, an unknown header): nothing of them is stored. */
  failures: z.array(z.object({ file: z.string(), message: z.string() })),
  /** Set when the run was stopped (Ctrl-C): the file in hand (nothing of it stored), and those not started. */
  interrupted: z.object({ file: z.string(), notStarted: z.array(z.string()) }).optional(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export { IMPORT_SCHEMA };

/** `altseason sync` (and `--dry-run`) / the dashboard's background sync / `syncStore()`, `planStoreSync()`. */
import { z } from 'zod';
import { SYNC_PLAN_SCHEMA, SYNC_SCHEMA } from './schema-names.ts';


export const PlannedRequestSchema = z.object({ source: z.string(), kind: z.string(), request: z.string(), calls: z.number().int() });
export type PlannedRequest = z.infer<typeof PlannedRequestSchema>;

export const PlanTotalSchema = z.object({
  source: z.string(),
  requests: z.number().int(),
  calls: z.number().int(),
  /** "5/min" */
  rateLimit: z.string(),
  /** Time the calls take under the rate limit. */
  minutes: z.number(),
});
export type PlanTotal = z.infer<typeof PlanTotalSchema>;

export const SyncPlanResultSchema = z.object({
  schema: z.literal(SYNC_PLAN_SCHEMA),
  requests: z.array(PlannedRequestSchema),
  totals: z.array(PlanTotalSchema),
  notes: z.array(z.string()),
  errors: z.array(z.string()),
});
export type SyncPlanResult = z.infer<typeof SyncPlanResultSchema>;

export const SyncedSourceSchema = z.object({
  source: z.string(),
  requests: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  rows: z.number().int(),
  changed: z.number().int(),
  errors: z.array(z.string()),
  notes: z.array(z.string()),
});
export type SyncedSource = z.infer<typeof SyncedSourceSchema>;

export const SyncResultSchema = z.object({
  schema: z.literal(SYNC_SCHEMA),
  sources: z.array(SyncedSourceSchema),
  /** Every planned request succeeded. */
  ok: z.boolean(),
  /** Stopped (Ctrl-C) before the end; what was stored is in `sources`. */
  interrupted: z.boolean(),
  /** Planned requests left unfinished because the run was stopped. */
  notRun: z.number().int(),
});
export type SyncResult = z.infer<typeof SyncResultSchema>;

export { SYNC_PLAN_SCHEMA, SYNC_SCHEMA };

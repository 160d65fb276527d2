/**
 * `altseason alerts check|backtest|log` and `altseason watch`: what the rules fired (or would
 * have fired on history), and the delivery log. No secret ever appears in these results.
 */
import { z } from 'zod';
import { ALERTS_BACKTEST_SCHEMA, ALERTS_CHECK_SCHEMA, ALERTS_LOG_SCHEMA } from './alerts-names.ts';
import { dataResultHeader, IsoDateSchema } from './data-notice.ts';

const SeverityLabel = z.enum(['info', 'warning', 'critical']);
const EventValue = z.union([z.number(), z.string()]);

/** One rule as the results describe it. */
export const AlertRuleRowSchema = z.object({
  id: z.string(),
  series: z.string(),
  seriesLabel: z.string(),
  /** "crosses above 75 (re-arms below 70; cooldown 14 d)" */
  condition: z.string(),
  severity: SeverityLabel,
  channels: z.array(z.string()),
  /** The last closed bar evaluated, null when the series has none. */
  lastDate: IsoDateSchema.nullable(),
  lastValue: EventValue.nullable(),
  /** After the last bar: armed (may fire) or fired (waits to re-arm). */
  state: z.enum(['armed', 'fired']),
  lastFireDate: IsoDateSchema.nullable(),
});
export type AlertRuleRow = z.infer<typeof AlertRuleRowSchema>;

/** A trigger on one closed bar: fired, or suppressed by hysteresis or the cooldown. */
export const AlertEventSchema = z.object({
  ruleId: z.string(),
  date: IsoDateSchema,
  kind: z.enum(['fire', 'suppressed']),
  reason: z.enum(['hysteresis', 'cooldown']).nullable(),
  value: EventValue,
  /** What the value was compared with: the bar before (crossings), the base (changes), the run length (stays). */
  reference: EventValue.nullable(),
  direction: z.enum(['up', 'down', 'enter']),
  severity: SeverityLabel,
});
export type AlertEventRow = z.infer<typeof AlertEventSchema>;

export const AlertsBacktestResultSchema = z.object({
  ...dataResultHeader(ALERTS_BACKTEST_SCHEMA),
  rulesFile: z.string(),
  from: IsoDateSchema,
  to: IsoDateSchema,
  rules: z.array(AlertRuleRowSchema.extend({ fires: z.number().int(), suppressedByHysteresis: z.number().int(), suppressedByCooldown: z.number().int() })),
  /** Every trigger in [from, to], by date then rule. */
  events: z.array(AlertEventSchema),
});
export type AlertsBacktestResult = z.infer<typeof AlertsBacktestResultSchema>;

export const DeliverySummarySchema = z.object({
  delivered: z.number().int(),
  retried: z.number().int(),
  dead: z.number().int(),
  pending: z.number().int(),
});

export const AlertsCheckResultSchema = z.object({
  ...dataResultHeader(ALERTS_CHECK_SCHEMA),
  rulesFile: z.string(),
  /** The last closed day evaluated (today's forming bar never is). */
  asOf: IsoDateSchema,
  rules: z.array(AlertRuleRowSchema),
  /** Fires recorded by this evaluation (new alerts in the outbox). */
  fired: z.array(AlertEventSchema.extend({ key: z.string() })),
  /** null when delivery was not asked for (--no-deliver). */
  delivery: DeliverySummarySchema.nullable(),
});
export type AlertsCheckResult = z.infer<typeof AlertsCheckResultSchema>;

export const AlertLogEntrySchema = z.object({
  key: z.string(),
  ruleId: z.string(),
  date: IsoDateSchema,
  series: z.string(),
  value: z.number().nullable(),
  severity: z.string(),
  recordedAt: z.string(),
  deliveries: z.array(
    z.object({
      channel: z.string(),
      status: z.enum(['pending', 'delivered', 'dead']),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      updatedAt: z.string(),
    }),
  ),
});

export const AlertAttemptRowSchema = z.object({
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  ruleId: z.string(),
  date: IsoDateSchema,
  channel: z.string(),
  attempt: z.number().int(),
  /** interrupted: started and never finished (the process was killed; the delivery stayed pending). */
  outcome: z.enum(['delivered', 'retry', 'dead', 'interrupted']),
  httpStatus: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type AlertAttemptRow = z.infer<typeof AlertAttemptRowSchema>;

export const AlertsLogResultSchema = z.object({
  schema: z.literal(ALERTS_LOG_SCHEMA),
  alerts: z.array(AlertLogEntrySchema),
  attempts: z.array(AlertAttemptRowSchema),
  counts: z.object({ alerts: z.number().int(), pending: z.number().int(), delivered: z.number().int(), dead: z.number().int() }),
});
export type AlertsLogResult = z.infer<typeof AlertsLogResultSchema>;

export { ALERTS_BACKTEST_SCHEMA, ALERTS_CHECK_SCHEMA, ALERTS_LOG_SCHEMA };

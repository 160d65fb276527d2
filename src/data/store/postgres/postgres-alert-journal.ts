/**
 * The alert outbox (../alert-journal.ts) in a PostgreSQL store: every write runs through the
 * store's own write path (one transaction under its advisory write lock); reads use the pool (or
 * the open snapshot's connection).
 */
import type pg from 'pg';
import type { UnixMs } from '../../../domain/dates.ts';
import type {
  AlertAttemptEnd,
  AlertAttemptRecord,
  AlertDeliveryRecord,
  AlertDeliveryStatus,
  AlertEvaluationBatch,
  AlertJournal,
  AlertRecord,
  AlertRuleStateRecord,
} from '../alert-journal.ts';
import { statusAfter } from '../alert-journal.ts';

export interface PostgresJournalAccess {
  read: <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<R[]>;
  write: <T>(what: string, body: (client: pg.PoolClient) => Promise<T>) => Promise<T>;
}

const ALERT_COLUMNS = 'key, rule_id AS "ruleId", day, series, direction, value, severity, payload, created_at AS "createdAt"';
const DELIVERY_COLUMNS = 'key, channel, status, attempts, next_attempt_at AS "nextAttemptAt", last_error AS "lastError", updated_at AS "updatedAt"';
const ATTEMPT_COLUMNS = 'id, key, channel, attempt, started_at AS "startedAt", finished_at AS "finishedAt", outcome, http_status AS "httpStatus", error';

export class PostgresAlertJournal implements AlertJournal {
  constructor(private readonly access: PostgresJournalAccess) {}

  async readRuleStates(): Promise<AlertRuleStateRecord[]> {
    return this.access.read<AlertRuleStateRecord>('SELECT rule_id AS "ruleId", state, evaluated_day AS "evaluatedDay" FROM alert_rule_states ORDER BY rule_id');
  }

  async recordEvaluation(batch: AlertEvaluationBatch): Promise<{ inserted: string[] }> {
    return this.access.write('recording an alert evaluation', async (client) => {
      for (const s of batch.states) {
        await client.query(
          'INSERT INTO alert_rule_states (rule_id, state, evaluated_day) VALUES ($1, $2, $3) ON CONFLICT (rule_id) DO UPDATE SET state = excluded.state, evaluated_day = excluded.evaluated_day',
          [s.ruleId, s.state, s.evaluatedDay],
        );
      }
      const inserted: string[] = [];
      for (const { alert: a, channels } of batch.alerts) {
        const result = await client.query(
          'INSERT INTO alerts (key, rule_id, day, series, direction, value, severity, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (key) DO NOTHING',
          [a.key, a.ruleId, a.day, a.series, a.direction, a.value, a.severity, a.payload, a.createdAt],
        );
        if ((result.rowCount ?? 0) === 0) continue;
        inserted.push(a.key);
        for (const channel of channels) {
          await client.query(
            "INSERT INTO alert_deliveries (key, channel, status, attempts, next_attempt_at, last_error, updated_at) VALUES ($1, $2, 'pending', 0, $3, NULL, $3) ON CONFLICT (key, channel) DO NOTHING",
            [a.key, channel, a.createdAt],
          );
        }
      }
      return { inserted };
    });
  }

  async listAlerts(filter: { keys?: string[] } = {}): Promise<AlertRecord[]> {
    if (filter.keys) return this.access.read<AlertRecord>(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE key = ANY($1::text[]) ORDER BY day, rule_id, key`, [filter.keys]);
    return this.access.read<AlertRecord>(`SELECT ${ALERT_COLUMNS} FROM alerts ORDER BY day, rule_id, key`);
  }

  async listDeliveries(filter: { status?: AlertDeliveryStatus } = {}): Promise<AlertDeliveryRecord[]> {
    if (filter.status) return this.access.read<AlertDeliveryRecord>(`SELECT ${DELIVERY_COLUMNS} FROM alert_deliveries WHERE status = $1 ORDER BY key, channel`, [filter.status]);
    return this.access.read<AlertDeliveryRecord>(`SELECT ${DELIVERY_COLUMNS} FROM alert_deliveries ORDER BY key, channel`);
  }

  async startAttempt(key: string, channel: string, at: UnixMs, leaseUntil: UnixMs = at): Promise<{ attemptId: number; attempt: number } | null> {
    return this.access.write('recording a delivery attempt', async (client) => {
      const [updated] = (
        await client.query<{ attempts: number }>(
          "UPDATE alert_deliveries SET attempts = attempts + 1, updated_at = $1, next_attempt_at = $4 WHERE key = $2 AND channel = $3 AND status = 'pending' AND next_attempt_at <= $1 RETURNING attempts",
          [at, key, channel, leaseUntil],
        )
      ).rows;
      if (!updated) return null;
      const [row] = (await client.query<{ id: number }>('INSERT INTO alert_attempts (key, channel, attempt, started_at) VALUES ($1, $2, $3, $4) RETURNING id', [key, channel, updated.attempts, at])).rows;
      return { attemptId: row!.id, attempt: updated.attempts };
    });
  }

  async finishAttempt(attemptId: number, end: AlertAttemptEnd): Promise<void> {
    await this.access.write('recording a delivery attempt', async (client) => {
      const [row] = (
        await client.query<{ key: string; channel: string }>('UPDATE alert_attempts SET finished_at = $1, outcome = $2, http_status = $3, error = $4 WHERE id = $5 RETURNING key, channel', [
          end.at,
          end.outcome,
          end.httpStatus ?? null,
          end.error ?? null,
          attemptId,
        ])
      ).rows;
      if (!row) return;
      const status = statusAfter(end.outcome);
      await client.query("UPDATE alert_deliveries SET status = $1, next_attempt_at = $2, last_error = $3, updated_at = $4 WHERE key = $5 AND channel = $6 AND status = 'pending'", [
        status,
        end.nextAttemptAt ?? end.at,
        end.outcome === 'delivered' ? null : (end.error ?? null),
        end.at,
        row.key,
        row.channel,
      ]);
    });
  }

  async listAttempts(): Promise<AlertAttemptRecord[]> {
    return this.access.read<AlertAttemptRecord>(`SELECT ${ATTEMPT_COLUMNS} FROM alert_attempts ORDER BY id`);
  }
}

/**
 * The alert outbox (../alert-journal.ts) in a SQLite store: every write runs through the store's
 * own write path (one BEGIN IMMEDIATE transaction, queued behind snapshots and other writes).
 */
import type Database from 'better-sqlite3';
import type { DayNumber, UnixMs } from '../../../domain/dates.ts';
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

export interface SqliteJournalAccess {
  db: () => Database.Database;
  write: <T>(what: string, body: () => T) => Promise<T>;
}

const ALERT_COLUMNS = 'key, rule_id AS ruleId, day, series, direction, value, severity, payload, created_at AS createdAt';
const DELIVERY_COLUMNS = 'key, channel, status, attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError, updated_at AS updatedAt';
const ATTEMPT_COLUMNS = 'id, key, channel, attempt, started_at AS startedAt, finished_at AS finishedAt, outcome, http_status AS httpStatus, error';

export class SqliteAlertJournal implements AlertJournal {
  constructor(private readonly access: SqliteJournalAccess) {}

  private get db(): Database.Database {
    return this.access.db();
  }

  async readRuleStates(): Promise<AlertRuleStateRecord[]> {
    return this.db.prepare('SELECT rule_id AS ruleId, state, evaluated_day AS evaluatedDay FROM alert_rule_states ORDER BY rule_id').all() as AlertRuleStateRecord[];
  }

  async recordEvaluation(batch: AlertEvaluationBatch): Promise<{ inserted: string[] }> {
    return this.access.write('recording an alert evaluation', () => {
      const db = this.db;
      const upsertState = db.prepare(
        'INSERT INTO alert_rule_states (rule_id, state, evaluated_day) VALUES (?, ?, ?) ON CONFLICT(rule_id) DO UPDATE SET state = excluded.state, evaluated_day = excluded.evaluated_day',
      );
      for (const s of batch.states) upsertState.run(s.ruleId, s.state, s.evaluatedDay);
      const insertAlert = db.prepare(
        'INSERT INTO alerts (key, rule_id, day, series, direction, value, severity, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING',
      );
      const insertDelivery = db.prepare(
        "INSERT INTO alert_deliveries (key, channel, status, attempts, next_attempt_at, last_error, updated_at) VALUES (?, ?, 'pending', 0, ?, NULL, ?) ON CONFLICT(key, channel) DO NOTHING",
      );
      const inserted: string[] = [];
      for (const { alert: a, channels } of batch.alerts) {
        if (insertAlert.run(a.key, a.ruleId, a.day, a.series, a.direction, a.value, a.severity, a.payload, a.createdAt).changes === 0) continue;
        inserted.push(a.key);
        for (const channel of channels) insertDelivery.run(a.key, channel, a.createdAt, a.createdAt);
      }
      return { inserted };
    });
  }

  async listAlerts(filter: { keys?: string[] } = {}): Promise<AlertRecord[]> {
    const rows = this.db.prepare(`SELECT ${ALERT_COLUMNS} FROM alerts ORDER BY day, rule_id, key`).all() as (AlertRecord & { day: DayNumber })[];
    if (!filter.keys) return rows;
    const wanted = new Set(filter.keys);
    return rows.filter((r) => wanted.has(r.key));
  }

  async listDeliveries(filter: { status?: AlertDeliveryStatus } = {}): Promise<AlertDeliveryRecord[]> {
    if (filter.status) return this.db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM alert_deliveries WHERE status = ? ORDER BY key, channel`).all(filter.status) as AlertDeliveryRecord[];
    return this.db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM alert_deliveries ORDER BY key, channel`).all() as AlertDeliveryRecord[];
  }

  async startAttempt(key: string, channel: string, at: UnixMs, leaseUntil: UnixMs = at): Promise<{ attemptId: number; attempt: number } | null> {
    return this.access.write('recording a delivery attempt', () => {
      const db = this.db;
      const updated = db
        .prepare("UPDATE alert_deliveries SET attempts = attempts + 1, updated_at = ?, next_attempt_at = ? WHERE key = ? AND channel = ? AND status = 'pending' AND next_attempt_at <= ?")
        .run(at, leaseUntil, key, channel, at);
      if (updated.changes === 0) return null;
      const attempt = db.prepare('SELECT attempts FROM alert_deliveries WHERE key = ? AND channel = ?').pluck().get(key, channel) as number;
      const attemptId = Number(db.prepare('INSERT INTO alert_attempts (key, channel, attempt, started_at) VALUES (?, ?, ?, ?)').run(key, channel, attempt, at).lastInsertRowid);
      return { attemptId, attempt };
    });
  }

  async finishAttempt(attemptId: number, end: AlertAttemptEnd): Promise<void> {
    await this.access.write('recording a delivery attempt', () => {
      const db = this.db;
      const row = db.prepare('SELECT key, channel FROM alert_attempts WHERE id = ?').get(attemptId) as { key: string; channel: string } | undefined;
      if (!row) return;
      db.prepare('UPDATE alert_attempts SET finished_at = ?, outcome = ?, http_status = ?, error = ? WHERE id = ?').run(end.at, end.outcome, end.httpStatus ?? null, end.error ?? null, attemptId);
      const status = statusAfter(end.outcome);
      db.prepare("UPDATE alert_deliveries SET status = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE key = ? AND channel = ? AND status = 'pending'").run(
        status,
        end.nextAttemptAt ?? end.at,
        end.outcome === 'delivered' ? null : (end.error ?? null),
        end.at,
        row.key,
        row.channel,
      );
    });
  }

  async listAttempts(): Promise<AlertAttemptRecord[]> {
    return this.db.prepare(`SELECT ${ATTEMPT_COLUMNS} FROM alert_attempts ORDER BY id`).all() as AlertAttemptRecord[];
  }
}

/**
 * The alert outbox every Store keeps (docs/alerts.md, METHODS.md "Alert semantics"): each rule's
 * evaluation state, the alerts it fired (unique by dedupe key), one delivery per (alert, channel)
 * and every delivery attempt, recorded before it is sent and after it ended. An evaluation's
 * states and alerts are written in one transaction, so a kill never half-records a day; an
 * attempt is started (recorded) before the message leaves and finished after, so a kill between
 * the two shows as an interrupted attempt and the delivery is still pending: it is resent with the
 * same message id, never lost, and a delivered one is never sent again.
 *
 * Shared by the SQLite and PostgreSQL stores (sqlite/sqlite-alert-journal.ts,
 * postgres/postgres-alert-journal.ts), both checked by test/contracts/alert-journal-contract.ts.
 */
import type { DayNumber, UnixMs } from '../../domain/dates.ts';

export type AlertDeliveryStatus = 'pending' | 'delivered' | 'dead';
/** An attempt's end: delivered, failed and to be retried, failed for good; null while it runs (or when a kill interrupted it). */
export type AlertAttemptOutcome = 'delivered' | 'retry' | 'dead';

export interface AlertRuleStateRecord {
  ruleId: string;
  /** The evaluator's state after `evaluatedDay`, as JSON (armed or fired, last fire day…). */
  state: string;
  evaluatedDay: DayNumber;
}

export interface AlertRecord {
  /** hex SHA-256 of rule_id|rule_version|symbol|direction|bar_close_time: unique. */
  key: string;
  ruleId: string;
  day: DayNumber;
  series: string;
  direction: string;
  value: number | null;
  severity: string;
  /** The message every channel renders, as JSON (no secret ever goes in it). */
  payload: string;
  createdAt: UnixMs;
}

export interface AlertDeliveryRecord {
  key: string;
  channel: string;
  status: AlertDeliveryStatus;
  attempts: number;
  /** When the next attempt may start (pending only). */
  nextAttemptAt: UnixMs;
  lastError: string | null;
  updatedAt: UnixMs;
}

export interface AlertAttemptRecord {
  id: number;
  key: string;
  channel: string;
  /** 1 for the first attempt of this delivery. */
  attempt: number;
  startedAt: UnixMs;
  finishedAt: UnixMs | null;
  outcome: AlertAttemptOutcome | null;
  httpStatus: number | null;
  error: string | null;
}

export interface AlertEvaluationBatch {
  states: AlertRuleStateRecord[];
  /** New alerts, each with the channels it goes to; an alert whose key is stored is left alone. */
  alerts: { alert: AlertRecord; channels: string[] }[];
}

export interface AlertAttemptEnd {
  outcome: AlertAttemptOutcome;
  at: UnixMs;
  httpStatus?: number | null;
  error?: string | null;
  /** For 'retry': when the next attempt may start. */
  nextAttemptAt?: UnixMs;
}

export interface AlertJournal {
  readRuleStates(): Promise<AlertRuleStateRecord[]>;
  /** One transaction: the states (replacing a rule's stored one), the new alerts and a pending delivery per channel. Returns the keys inserted. */
  recordEvaluation(batch: AlertEvaluationBatch): Promise<{ inserted: string[] }>;
  /** Alerts by day, then rule id (all, or those with the given keys). */
  listAlerts(filter?: { keys?: string[] }): Promise<AlertRecord[]>;
  /** Deliveries by alert key, then channel (all, or one status). */
  listDeliveries(filter?: { status?: AlertDeliveryStatus }): Promise<AlertDeliveryRecord[]>;
  /**
   * Records that an attempt of a pending, due delivery starts now (before the message is sent):
   * the attempt count goes up and the delivery is leased until `leaseUntil` (its next attempt
   * time), so another process does not send it meanwhile; a kill leaves it due again when the
   * lease ends. Null when the delivery is not pending or not due (another process has it).
   */
  startAttempt(key: string, channel: string, at: UnixMs, leaseUntil?: UnixMs): Promise<{ attemptId: number; attempt: number } | null>;
  /** Records how the attempt ended, and the delivery's new status, in one transaction. */
  finishAttempt(attemptId: number, end: AlertAttemptEnd): Promise<void>;
  /** Attempts in the order they started. */
  listAttempts(): Promise<AlertAttemptRecord[]>;
}

/** A delivery's status after an attempt ended so (a retry leaves it pending). */
export function statusAfter(outcome: AlertAttemptOutcome): AlertDeliveryStatus {
  return outcome === 'retry' ? 'pending' : outcome;
}

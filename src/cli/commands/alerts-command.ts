/**
 * `altseason alerts check|backtest|log|test` (docs/alerts.md): evaluate a rules file as of the last
 * closed day and deliver, list the dates each rule would have fired on history, show the delivery
 * log (dead letters included), send a test message to one channel.
 */
import type { Command } from 'commander';
import { parseDay, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { ALERT_SERIES_IDS, checkRuleSeries } from '../../app/alerts/alert-series.ts';
import { backtestAlerts } from '../../app/alerts/alerts-backtest.ts';
import { checkAlerts } from '../../app/alerts/alerts-check.ts';
import { alertsLog } from '../../app/alerts/alerts-log.ts';
import { sendTestAlert } from '../../app/alerts/alerts-test-send.ts';
import type { AlertsBacktestResult, AlertsCheckResult, AlertsLogResult } from '../../app/contracts/alerts.ts';
import { readContext } from '../../app/read-context.ts';
import { loadRulesFile, type RulesFile } from '../../data/alerts/rules-file.ts';
import type { Store } from '../../data/store/store.ts';
import { ALERT_ATTEMPT_FIELDS, ALERT_EVENT_FIELDS, renderAlertsBacktestTable, renderAlertsCheckTable, renderAlertsLogTable } from '../../report/alerts-table.ts';
import { renderRecordsCsv } from '../../report/render-csv.ts';
import { renderJson } from '../../report/render-json.ts';
import { withStore } from '../context.ts';
import { parseFormat, writeResult, type OutputFormat } from '../output.ts';
import { parseWholeNumber } from '../parse-flags.ts';

/** Reads and checks a rules file before anything runs (errors name the rule and field). */
export function loadRules(path: string): RulesFile {
  const file = loadRulesFile(path, { knownSeries: ALERT_SERIES_IDS });
  checkRuleSeries(file);
  return file;
}

export interface CheckOptions {
  at?: DayNumber;
  deliver: boolean;
  waitSeconds: number;
  format: OutputFormat;
}

/** The testable core of `alerts check`. */
export async function runAlertsCheck(store: Store, file: RulesFile, options: CheckOptions, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<AlertsCheckResult> {
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const result = await checkAlerts(readContext(store), file, {
      ...(options.at !== undefined ? { at: options.at } : {}),
      deliver: options.deliver,
      delivery: {
        waitUpToMs: options.waitSeconds * 1000,
        signal: abort.signal,
        onStep: (s) => err.write(`deliver: ${s.channel} ${s.key.slice(0, 12)} attempt ${s.attempt}: ${s.outcome}${s.httpStatus !== null ? ` (${s.httpStatus})` : ''}${s.error ? ` ${s.error}` : ''}\n`),
        // The terminal channel writes beside the result, on stderr, so JSON and CSV stay clean.
        terminal: (line) => err.write(`ALERT ${line}\n`),
      },
    });
    writeResult(result, options.format, { table: renderAlertsCheckTable, csv: (r) => renderRecordsCsv(r.fired, ['key', ...ALERT_EVENT_FIELDS]) }, out, err);
    return result;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

function writeLog(result: AlertsLogResult, format: OutputFormat, out: NodeJS.WritableStream): void {
  if (format === 'json') out.write(renderJson(result));
  else if (format === 'csv') out.write(renderRecordsCsv(result.attempts, ALERT_ATTEMPT_FIELDS));
  else out.write(renderAlertsLogTable(result));
}

export function register(program: Command): void {
  const alerts = program.command('alerts').description('alert rules on any series: check (evaluate and deliver), backtest, log, test');

  alerts
    .command('check <rules>')
    .description('evaluate the rules file as of the last closed day, record new alerts in the store and deliver every pending one')
    .option('--at <date>', 'evaluate as of this closed day (YYYY-MM-DD; default yesterday, UTC)')
    .option('--no-deliver', 'record the alerts, deliver nothing (a later check or watch delivers them)')
    .option('--wait <seconds>', 'keep retrying deliveries due within this many seconds (later ones are left pending)', '60')
    .option('--format <format>', 'table | json | csv (csv: the new alerts)', 'table')
    .action(async (rulesPath: string, raw: Record<string, string | boolean | undefined>, command: Command) => {
      const file = loadRules(rulesPath);
      const options: CheckOptions = { deliver: raw.deliver !== false, waitSeconds: parseWholeNumber(String(raw.wait), '--wait', 0), format: parseFormat(String(raw.format)) };
      if (typeof raw.at === 'string') options.at = parseDay(raw.at, '--at');
      await withStore(command, (store) => runAlertsCheck(store, file, options), { mustExist: true });
    });

  alerts
    .command('backtest <rules>')
    .description('list the dates each rule would have fired on (and the triggers hysteresis and cooldown held back) over history')
    .option('--from <date>', 'first date listed (YYYY-MM-DD; states are computed from the start of the data)')
    .option('--to <date>', 'last date (YYYY-MM-DD; default yesterday)')
    .option('--format <format>', 'table | json | csv (csv: one row per trigger)', 'table')
    .action(async (rulesPath: string, raw: Record<string, string | undefined>, command: Command) => {
      const file = loadRules(rulesPath);
      const format = parseFormat(String(raw.format));
      const query: { from?: DayNumber; to?: DayNumber } = {};
      if (typeof raw.from === 'string') query.from = parseDay(raw.from, '--from');
      if (typeof raw.to === 'string') query.to = parseDay(raw.to, '--to');
      if (query.from !== undefined && query.to !== undefined && query.to < query.from) throw new InvalidInputError(`--to ${raw.to} is before --from ${raw.from}`);
      await withStore(
        command,
        async (store) => {
          const result: AlertsBacktestResult = await backtestAlerts(readContext(store), file, query);
          writeResult(result, format, { table: renderAlertsBacktestTable, csv: (r) => renderRecordsCsv(r.events, ALERT_EVENT_FIELDS) });
        },
        { readOnly: true },
      );
    });

  alerts
    .command('log')
    .description('the recorded alerts, their deliveries (pending, delivered, dead) and every attempt')
    .option('--rule <id>', 'only this rule')
    .option('--last <n>', 'only the last n alerts')
    .option('--format <format>', 'table | json | csv (csv: one row per attempt)', 'table')
    .action(async (raw: Record<string, string | undefined>, command: Command) => {
      const format = parseFormat(String(raw.format));
      const query = { ...(raw.rule ? { ruleId: raw.rule } : {}), ...(raw.last ? { last: parseWholeNumber(raw.last, '--last') } : {}) };
      await withStore(command, async (store) => writeLog(await alertsLog(store, query), format, process.stdout), { readOnly: true });
    });

  alerts
    .command('test <channel>')
    .description('send a test message to one channel of the rules file (nothing is recorded)')
    .requiredOption('--rules <file>', 'the rules file that defines the channel')
    .action(async (channel: string, raw: { rules: string }) => {
      const file = loadRules(raw.rules);
      const outcome = await sendTestAlert(file, channel, { terminal: (line) => process.stdout.write(`${line}\n`) });
      if (outcome.delivered) process.stdout.write(`test alert delivered to ${channel} (${outcome.type}${outcome.httpStatus !== null ? `, ${outcome.httpStatus}` : ''})\n`);
      else throw new InvalidInputError(`test alert to ${channel} (${outcome.type}) failed: ${outcome.error}${outcome.retriable ? ' (a retriable failure: a real alert would be retried)' : ''}`);
    });
}

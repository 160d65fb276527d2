/** The Russell 2000 for a terminal: the record picture, relative strength, a sparkline, breakouts. */
import { formatPercent } from '../domain/units.ts';
import type { BreakoutRow, RecordCloseRow, Russell2000Result, RutDay, Trend } from '../app/contracts/russell-2000.ts';
import type { Column } from './columns.ts';
import { renderSparkline } from './render-sparkline.ts';
import { renderTable } from './render-table.ts';

const level = (value: number) => value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const BREAKOUT_COLUMNS: Column<BreakoutRow>[] = [
  { key: 'date', value: (b) => b.date },
  { key: 'close', align: 'right', value: (b) => b.close, display: (b) => level(b.close) },
  { key: 'priorRecordDate', header: 'prior record', value: (b) => b.priorRecordDate },
  { key: 'priorRecord', header: 'at', align: 'right', value: (b) => b.priorRecord, display: (b) => level(b.priorRecord) },
  { key: 'troughDate', header: 'trough', value: (b) => b.troughDate },
  { key: 'trough', header: 'at', align: 'right', value: (b) => b.trough, display: (b) => level(b.trough) },
  { key: 'drawdownPct', header: 'drawdown', align: 'right', value: (b) => b.drawdownPct, display: (b) => formatPercent(b.drawdownPct) },
  { key: 'daysSincePriorRecord', header: 'days since record', align: 'right', value: (b) => b.daysSincePriorRecord },
  { key: 'daysFromTrough', header: 'days from trough', align: 'right', value: (b) => b.daysFromTrough },
];

export const RECORD_COLUMNS: Column<RecordCloseRow>[] = [
  { key: 'date', value: (r) => r.date },
  { key: 'close', align: 'right', value: (r) => r.close, display: (r) => level(r.close) },
  { key: 'previousRecordDate', header: 'previous record', value: (r) => r.previousRecordDate },
  { key: 'previousRecord', header: 'at', align: 'right', value: (r) => r.previousRecord, display: (r) => (r.previousRecord === null ? '—' : level(r.previousRecord)) },
  { key: 'gainOverPreviousPct', header: 'gain', align: 'right', value: (r) => r.gainOverPreviousPct, display: (r) => formatPercent(r.gainOverPreviousPct, 2, true) },
];

/** The CSV field order of a day (`--format csv`). */
export const DAY_FIELDS: readonly (keyof RutDay)[] = [
  'date', 'close', 'record', 'recordDate', 'isRecord', 'isBreakout', 'distanceFromRecordPct', 'maxDrawdownSinceRecordPct', 'daysSinceRecord', 'sessionsSinceRecord', 'benchmarkRatio',
];

function trendLine(trend: Trend): string {
  if (trend.movingAverage === null) return `${trend.windowSessions}-session average: not enough history`;
  const side = trend.aboveAverage ? 'above' : 'below';
  return `${formatPercent(trend.pctFromAverage, 1, true)} ${side} its ${trend.windowSessions}-session average, which is ${trend.direction ?? 'unknown'} (${formatPercent(trend.averageChangePct, 2, true)} over ${trend.slopeLookbackSessions} sessions)`;
}

export function renderRussell2000Table(r: Russell2000Result, fromGiven: boolean): string {
  const lines: string[] = [];
  const sources = Object.entries(r.sources).map(([s, by]) => `${s}: ${Object.keys(by).join(', ')}`).join('; ');
  lines.push(`${r.symbol} as of ${r.asOf} (history from ${r.historyFrom}; ${sources})`);
  lines.push(`  latest close      ${level(r.latestClose)}${r.isRecordToday ? '  ← a record close' : ''}`);
  lines.push(`  record close      ${level(r.recordClose)} on ${r.recordDate}`);
  lines.push(`  from the record   ${formatPercent(r.distanceFromRecordPct, 2, true)}  (deepest since the record: ${formatPercent(r.maxDrawdownSinceRecordPct === null ? null : -r.maxDrawdownSinceRecordPct, 1)})`);
  lines.push(`  since the record  ${r.daysSinceRecord} days (${r.sessionsSinceRecord} sessions)`);
  lines.push(`  records           ${r.recordCount} record closes in the history`);
  const rs = r.relativeStrength;
  if (rs) {
    lines.push(`  ${rs.name.padEnd(16)}  ${rs.ratio.toFixed(4)} on ${rs.asOf}; ${formatPercent(rs.changePct.sessions20, 1, true)} over 20 sessions, ${formatPercent(rs.changePct.sessions250, 1, true)} over 250`);
    lines.push(`    ${trendLine(rs.sma50)}`);
    lines.push(`    ${trendLine(rs.sma200)}`);
    if (rs.sma50AboveSma200 !== null) lines.push(`    50-session average ${rs.sma50AboveSma200 ? 'above' : 'below'} the 200-session average: small caps ${rs.sma50AboveSma200 ? 'leading' : 'lagging'} large caps`);
  } else {
    lines.push(`  relative strength: no ${r.benchmark} bars stored${r.benchmark === '^GSPC' ? ' (import spx_daily.csv for RUT/SPX)' : ' (--benchmark)'}`);
  }
  if (!fromGiven || r.days.length >= 20) {
    const closes = Float64Array.from(r.days.slice(-252).map((d) => d.close));
    lines.push(`  last ${closes.length} sessions ${renderSparkline(closes, 63)}`);
  }
  lines.push('');
  lines.push(`Breakouts: the first record close after a drawdown of at least ${r.breakoutDrawdownPct}% from the prior record (${r.breakouts.length})`);
  lines.push(r.breakouts.length > 0 ? renderTable(r.breakouts, BREAKOUT_COLUMNS).trimEnd() : '  none in this range');
  if (r.records) {
    lines.push('');
    lines.push(`Record closes (${r.records.length})`);
    lines.push(r.records.length > 0 ? renderTable(r.records, RECORD_COLUMNS).trimEnd() : '  none in this range');
  }
  return lines.join('\n') + '\n';
}

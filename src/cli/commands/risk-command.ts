/**
 * `altseason risk [--at DATE]`: the stored portfolio against its position and sector caps,
 * concentration, correlations and beta to BTC, VaR/CVaR, stress replays and a reference HRP
 * weighting (src/app/risk.ts).
 */
import type { Command } from 'commander';
import { parseDay } from '../../domain/dates.ts';
import { risk, type RiskLimits } from '../../app/risk.ts';
import { readContext } from '../../app/read-context.ts';
import { CLI_DATE_FIELDS } from '../../app/stored-span.ts';
import { renderRecordsCsv } from '../../report/render-csv.ts';
import { RISK_POSITION_FIELDS, renderRiskTable } from '../../report/risk-table.ts';
import { withStore } from '../context.ts';
import { parsePercent, parseWholeNumber } from '../parse-flags.ts';
import { parseFormat, writeResult } from '../output.ts';
import { readSectorsFile } from './sectors-command.ts';
import { InvalidInputError } from '../../domain/errors.ts';

const percentFlag = (text: string, flag: string) => parsePercent(text.replace(/%$/, ''), flag, 0, 100.0001) / 100;

export function register(program: Command): void {
  program
    .command('risk')
    .description('your stored portfolio: exposure vs position and sector caps, HHI and effective bets, correlations and beta to BTC, VaR/CVaR, stress replays, an HRP reference weighting')
    .option('--at <date>', 'as of this day (YYYY-MM-DD; default the last day with data); nothing after it is read')
    .option('--position-cap <pct>', 'per-position cap, % of equity', '5%')
    .option('--sector-cap <pct>', 'per-sector cap (and per correlation cluster), % of equity', '30%')
    .option('--window <days>', 'trailing days of returns for VaR, covariance and correlations', '365')
    .option('--cluster-threshold <rho>', 'correlation above which holdings share a cluster', '0.8')
    .option('--sectors <file>', 'your sector labels (CSV symbol,sector or id,sector)')
    .option('--format <format>', 'table | json | csv (csv: one row per position)', 'table')
    .action(async (raw: Record<string, string>, command: Command) => {
      const format = parseFormat(String(raw.format));
      const threshold = Number(raw.clusterThreshold);
      if (!(threshold > 0 && threshold < 1)) throw new InvalidInputError(`--cluster-threshold: expected a correlation between 0 and 1, got ${JSON.stringify(raw.clusterThreshold)}`);
      const limits: RiskLimits = {
        positionCap: percentFlag(String(raw.positionCap), '--position-cap'),
        sectorCap: percentFlag(String(raw.sectorCap), '--sector-cap'),
        windowDays: parseWholeNumber(String(raw.window), '--window', 30),
        correlationThreshold: threshold,
      };
      const sectorsFile = readSectorsFile(raw.sectors);
      await withStore(
        command,
        async (store) => {
          const result = await risk(readContext(store), { limits, fieldNames: CLI_DATE_FIELDS, sectorsFile, ...(raw.at ? { at: parseDay(raw.at, '--at') } : {}) });
          writeResult(result, format, { table: renderRiskTable, csv: (r) => renderRecordsCsv(r.positions, RISK_POSITION_FIELDS) });
        },
        { readOnly: true },
      );
    });
}

/** `altseason sectors`: the members of every tier and sector on a date, their weights and label sources (src/app/sectors.ts). */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseDay, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import type { SectorsResult } from '../../app/contracts/sectors.ts';
import { readContext } from '../../app/read-context.ts';
import { sectors, type SectorsFile } from '../../app/sectors.ts';
import { CLI_DATE_FIELDS } from '../../app/stored-span.ts';
import type { Store } from '../../data/store/store.ts';
import { renderRecordsCsv } from '../../report/render-csv.ts';
import { renderSectorsTable, SECTOR_MEMBER_FIELDS } from '../../report/sectors-table.ts';
import { withStore } from '../context.ts';
import { parseFormat, writeResult, type OutputFormat } from '../output.ts';

/** --tiers "10,50,100": the last alt rank of the large, mid and small caps. */
export function parseTiers(text: string): { largeTo: number; midTo: number; smallTo: number } {
  const parts = text.split(',').map((p) => p.trim());
  const [largeTo, midTo, smallTo] = parts.map(Number);
  if (parts.length !== 3 || !parts.every((p) => /^\d+$/.test(p)) || !(largeTo! >= 2 && midTo! > largeTo! && smallTo! > midTo!)) {
    throw new InvalidInputError(`--tiers: expected three increasing alt ranks "LARGE,MID,SMALL" (the last rank of each tier, large ≥ 2), such as 10,50,100; got ${JSON.stringify(text)}`);
  }
  return { largeTo: largeTo!, midTo: midTo!, smallTo: smallTo! };
}

/** Reads --sectors FILE; a missing or unreadable file is a user error naming it. */
export function readSectorsFile(path: string | undefined): SectorsFile | null {
  if (path === undefined) return null;
  try {
    return { name: path, text: readFileSync(path, 'utf8') };
  } catch (error) {
    throw new InvalidInputError(`--sectors ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

export interface SectorsOptions {
  at?: DayNumber;
  sector?: string;
  sectorsFile: SectorsFile | null;
  format: OutputFormat;
  tiers?: { largeTo: number; midTo: number; smallTo: number };
}

export async function runSectors(store: Store, options: SectorsOptions, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<SectorsResult> {
  const result = await sectors(readContext(store), {
    sectorsFile: options.sectorsFile,
    fieldNames: CLI_DATE_FIELDS,
    sectorFieldName: '--sector',
    ...(options.tiers ? { settings: options.tiers } : {}),
    ...(options.at !== undefined ? { at: options.at } : {}),
    ...(options.sector !== undefined ? { sector: options.sector } : {}),
  });
  writeResult(result, options.format, { table: renderSectorsTable, csv: (r) => renderRecordsCsv(r.members.map((m) => ({ ...m, otherLabels: m.otherLabels.join(' ') })), SECTOR_MEMBER_FIELDS) }, out, err);
  return result;
}

export function register(program: Command): void {
  program
    .command('sectors')
    .description('members of every size tier and sector on a date (point-in-time top 100 alts), their cap weights and where each sector label comes from')
    .option('--at <date>', 'the date (default: the latest day with data)')
    .option('--sector <name>', 'only this sector’s members')
    .option('--sectors <file>', 'CSV "symbol,sector" or "id,sector" whose labels override the stored categories')
    .option('--tiers <large,mid,small>', 'last alt rank of the large, mid and small caps (ETH is its own tier)', '10,50,100')
    .option('--format <format>', 'table | json | csv (csv: one row per member)', 'table')
    .action(async (raw: Record<string, string | undefined>, command: Command) => {
      const options: SectorsOptions = { format: parseFormat(String(raw.format)), sectorsFile: readSectorsFile(raw.sectors), tiers: parseTiers(String(raw.tiers)) };
      if (raw.at !== undefined) options.at = parseDay(raw.at, '--at');
      if (raw.sector !== undefined) options.sector = raw.sector;
      await withStore(command, (store) => runSectors(store, options), { readOnly: true });
    });
}

/**
 * `altseason sources`: the sources in the store, their row counts and their precedence (which one
 * wins when several give the same asset and day); `--set a,b,c` changes the precedence.
 */
import type { Command } from 'commander';
import { DEFAULT_SOURCE_PRECEDENCE, rankSources } from '../../data/store/default-source-precedence.ts';
import type { Store } from '../../data/store/store.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import type { Column } from '../../report/columns.ts';
import { withStore } from '../context.ts';
import { parseFormat, writeRows } from '../output.ts';

export interface SourceRow {
  precedence: number;
  source: string;
  observations: number;
  assets: number;
  firstDate: string | null;
  lastDate: string | null;
}

const COLUMNS: Column<SourceRow>[] = [
  { key: 'precedence', align: 'right', value: (r) => r.precedence },
  { key: 'source', value: (r) => r.source },
  { key: 'observations', align: 'right', value: (r) => r.observations },
  { key: 'assets', align: 'right', value: (r) => r.assets },
  { key: 'first_date', header: 'first', value: (r) => r.firstDate },
  { key: 'last_date', header: 'last', value: (r) => r.lastDate },
];

/** Crypto observation sources in precedence order, with what each holds. */
export async function listSources(store: Store): Promise<SourceRow[]> {
  const stats = new Map((await store.observationStats()).map((s) => [s.source, s]));
  const precedence = await store.getSourcePrecedence();
  const ordered = rankSources([...precedence, ...stats.keys()], precedence);
  const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
  return ordered.map((source, index) => {
    const s = stats.get(source);
    return {
      precedence: index + 1,
      source,
      observations: s?.observations ?? 0,
      assets: s?.assets ?? 0,
      firstDate: s ? iso(s.firstDay) : null,
      lastDate: s ? iso(s.lastDay) : null,
    };
  });
}

/**
 * Parses and checks `--set a,b,c`: every name must be a source the store knows (one with stored
 * observations, one already in its precedence, or a built-in one), so a typo cannot silently
 * reorder the precedence. Returns the new precedence, highest first.
 */
export async function parseSourcePrecedence(store: Store, text: string): Promise<string[]> {
  const sources = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (sources.length === 0) throw new InvalidInputError(`--set: expected a comma-separated list of sources, got ${JSON.stringify(text)}`);
  const duplicate = sources.find((s, i) => sources.indexOf(s) !== i);
  if (duplicate) throw new InvalidInputError(`--set: source ${JSON.stringify(duplicate)} is listed twice`);
  const known = new Set([...DEFAULT_SOURCE_PRECEDENCE, ...(await store.getSourcePrecedence()), ...(await store.observationStats()).map((s) => s.source)]);
  const unknown = sources.filter((s) => !known.has(s));
  if (unknown.length > 0) {
    throw new InvalidInputError(`--set: unknown source${unknown.length > 1 ? 's' : ''} ${unknown.map((s) => JSON.stringify(s)).join(', ')}; known sources: ${rankSources(known, []).join(', ')}`);
  }
  return sources;
}

export function register(program: Command): void {
  program
    .command('sources')
    .description('list data sources with row counts and precedence (highest first); --set changes the precedence')
    .option('--set <sources>', 'new precedence, comma-separated, highest first (unlisted sources rank after, by name)')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (options: { set?: string; format: string }, command: Command) => {
      const format = parseFormat(options.format);
      const rows = await withStore(command, async (store) => {
        if (options.set !== undefined) await store.setSourcePrecedence(await parseSourcePrecedence(store, options.set));
        return listSources(store);
      }, { mustExist: true });
      writeRows(rows, COLUMNS, format);
    });
}

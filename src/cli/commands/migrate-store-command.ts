/**
 * `altseason migrate-store --from FILE --to postgres://…`: moves a SQLite store into an empty
 * PostgreSQL database (src/app/migrate-store.ts, docs/deployment.md), all of it or nothing, with
 * progress on stderr. The password in the URL is never printed.
 */
import type { Command } from 'commander';
import { migrateStore, type MigrateStoreResult } from '../../app/migrate-store.ts';
import type { CopyProgress } from '../../data/store/store-tables.ts';
import type { Column } from '../../report/columns.ts';
import { renderJson } from '../../report/render-json.ts';
import { renderTable } from '../../report/render-table.ts';
import { parseFormat } from '../output.ts';

const COLUMNS: Column<MigrateStoreResult['tables'][number]>[] = [
  { key: 'table', value: (r) => r.table },
  { key: 'rows', align: 'right', value: (r) => r.rows },
];

/** Progress on stderr: one redrawn line on a terminal, a line per table otherwise. */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): { update: (progress: CopyProgress) => void; finish: () => void } {
  let lastDraw = 0;
  const terminal = stream.isTTY === true;
  return {
    update: ({ table, copied, total }) => {
      const now = Date.now();
      const done = copied === total;
      if (terminal) {
        if (!done && now - lastDraw < 100) return;
        lastDraw = now;
        const pct = total > 0 ? Math.round((copied / total) * 100) : 100;
        stream.write(`\rcopying ${table}: ${copied.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} rows (${pct}%)\u001b[K`);
      } else if (done) {
        stream.write(`copied ${table}: ${total.toLocaleString('en-US')} rows\n`);
      }
    },
    finish: () => {
      if (terminal) stream.write('\r\u001b[K');
    },
  };
}

export function register(program: Command): void {
  program
    .command('migrate-store')
    .description('copy a SQLite store into an empty PostgreSQL database (all or nothing; provenance kept): --from FILE --to postgres://…')
    .requiredOption('--from <file>', 'the SQLite store file')
    .requiredOption('--to <url>', 'the PostgreSQL database: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (PG* variables fill what it leaves out)')
    .option('--format <format>', 'summary as table or json', 'table')
    .action(async (options: { from: string; to: string; format: string }) => {
      const format = parseFormat(options.format, ['table', 'json']);
      const progress = progressReporter();
      let result: MigrateStoreResult;
      try {
        result = await migrateStore({ from: options.from, to: options.to }, { onProgress: progress.update });
      } finally {
        progress.finish();
      }
      if (format === 'json') process.stdout.write(renderJson(result));
      else {
        process.stdout.write(renderTable(result.tables, COLUMNS));
        process.stdout.write(`copied ${options.from} into ${result.to} in ${result.seconds} s; counts, day span, sources and newest load checked: the same\n`);
        process.stdout.write(`use it with --db ${result.to.replace(/^(postgres(ql)?:\/\/[^@/]*)@/, '$1[:PASSWORD]@')} or ALTSEASON_DB (the password from the URL, PGPASSWORD or ~/.pgpass)\n`);
      }
    });
}

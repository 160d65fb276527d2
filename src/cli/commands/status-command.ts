/** `altseason status`: one screen with the ASI, BTC.D, TOTAL2 vs BTC and the Russell 2000 (src/app/market-status.ts). */
import type { Command } from 'commander';
import { marketStatus } from '../../app/market-status.ts';
import { renderJson } from '../../report/render-json.ts';
import { renderStatus } from '../../report/render-status.ts';
import { withReadContext } from '../context.ts';
import { parseFormat } from '../output.ts';

export function register(program: Command): void {
  program
    .command('status')
    .description("today's Altcoin Season Index (30/90/365), BTC dominance and its trend, TOTAL2 vs BTC, Russell 2000 distance from its record")
    .option('--format <format>', 'table | json', 'table')
    .action(async (raw: { format: string }, command: Command) => {
      const format = parseFormat(raw.format, ['table', 'json']);
      await withReadContext(
        command,
        async (context) => {
          const status = await marketStatus(context);
          process.stdout.write(format === 'json' ? renderJson(status) : renderStatus(status));
        },
        { announceSimulated: format === 'json' }, // the table carries its own banner
      );
    });
}

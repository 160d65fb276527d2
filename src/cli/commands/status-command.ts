/** `altseason status`: one screen with the ASI, BTC.D, TOTAL2 vs BTC and the Russell 2000. */
import type { Command } from 'commander';
import { buildMarketStatus, loadMarketStructureIfAny } from '../../app/market-status.ts';
import { addDays } from '../../domain/dates.ts';
import { loadPanel } from '../../data/panel/load-panel.ts';
import type { Store } from '../../data/store/store.ts';
import { renderJson } from '../../report/render-json.ts';
import { renderStatus } from '../../report/render-status.ts';
import type { StatusResponse } from '../../server/api-types.ts';
import { withStore } from '../context.ts';
import { parseFormat } from '../output.ts';

/** The status of the market in a store: loads only the last ~400 days it needs. */
export async function statusOf(store: Store): Promise<StatusResponse> {
  const summary = await store.summary();
  const from = summary.lastDay === null ? undefined : addDays(summary.lastDay, -400);
  const panel = await loadPanel(store, from === undefined ? {} : { from });
  return buildMarketStatus(store, { panel, marketStructure: await loadMarketStructureIfAny(store, from) });
}

export function register(program: Command): void {
  program
    .command('status')
    .description("today's Altcoin Season Index (30/90/365), BTC dominance and its trend, TOTAL2 vs BTC, Russell 2000 distance from its record")
    .option('--format <format>', 'table | json', 'table')
    .action(async (raw: { format: string }, command: Command) => {
      const format = parseFormat(raw.format, ['table', 'json']);
      await withStore(command, async (store) => {
        const status = await statusOf(store);
        process.stdout.write(format === 'json' ? renderJson(status) : renderStatus(status));
      }, { announceSimulated: format === 'json', mustExist: true }); // the table carries its own banner
    });
}

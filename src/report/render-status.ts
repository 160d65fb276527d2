/** The status screen for a terminal: one line per figure, coloured by what it says. */
import pc from 'picocolors';
import type { MarketStatusResult } from '../app/contracts/market-status.ts';
import { displayWidth, neutraliseControls } from './terminal-text.ts';

const TONE = { alt: pc.green, btc: pc.yellow, neutral: pc.white, info: pc.cyan } as const;

export function renderStatus(status: MarketStatusResult): string {
  const lines: string[] = [];
  if (status.simulated) lines.push(pc.bgYellow(pc.black(' SIMULATED DATA — not a real market. Load real data with `altseason sync` or `altseason import`. ')), '');
  lines.push(pc.bold(`altseason status${status.asOf ? ` as of ${status.asOf}` : ''}`));
  if (status.data.stale && status.data.warning) lines.push(pc.yellow(`  warning: ${status.data.warning}`));
  if (status.items.length === 0) lines.push('  No data in the store yet: run `altseason sync` or `altseason import PATH`.');
  const width = Math.max(0, ...status.items.map((item) => displayWidth(item.label)));
  const valueWidth = Math.max(0, ...status.items.map((item) => displayWidth(item.value)));
  const pad = (text: string, to: number, start = false) => (start ? ' '.repeat(to - displayWidth(text)) + text : text + ' '.repeat(to - displayWidth(text)));
  for (const item of status.items) {
    const own = status.asOf !== null && item.asOf !== status.asOf && !item.basis.includes(item.asOf) ? `; as of ${item.asOf}` : '';
    lines.push(`  ${pad(item.label, width)}  ${TONE[item.tone](pc.bold(pad(item.value, valueWidth, true)))}  ${pc.dim(neutraliseControls(`${item.reading} (${item.basis}${own})`))}`);
  }
  return lines.join('\n') + '\n';
}

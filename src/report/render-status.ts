/** The status screen for a terminal: one line per figure, coloured by what it says. */
import pc from 'picocolors';
import type { StatusResponse } from '../server/api-types.ts';

const TONE = { alt: pc.green, btc: pc.yellow, neutral: pc.white, info: pc.cyan } as const;

export function renderStatus(status: StatusResponse): string {
  const lines: string[] = [];
  if (status.simulated) lines.push(pc.bgYellow(pc.black(' SIMULATED DATA — not a real market. Load real data with `altseason sync` or `altseason import`. ')), '');
  lines.push(pc.bold(`altseason status${status.asOf ? ` as of ${status.asOf}` : ''}`));
  if (status.items.length === 0) lines.push('  No data in the store yet: run `altseason sync` or `altseason import PATH`.');
  const width = Math.max(0, ...status.items.map((item) => item.label.length));
  const valueWidth = Math.max(0, ...status.items.map((item) => item.value.length));
  for (const item of status.items) {
    lines.push(`  ${item.label.padEnd(width)}  ${TONE[item.tone](pc.bold(item.value.padStart(valueWidth)))}  ${pc.dim(item.reading)}`);
  }
  return lines.join('\n') + '\n';
}

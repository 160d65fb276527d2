/** `altseason size` for a terminal, and its CSV fields (one row per candidate size). */
import type { SizeResult } from '../app/contracts/size.ts';
import type { Column } from './columns.ts';
import { renderTable } from './render-table.ts';

type Candidate = SizeResult['candidates'][number];
export const SIZE_CANDIDATE_FIELDS: readonly (keyof Candidate)[] = ['constraint', 'quantity', 'notionalUsd', 'binding'];

const COLUMNS: Column<Candidate>[] = [
  { key: 'constraint', value: (c) => c.constraint },
  { key: 'quantity', align: 'right', value: (c) => c.quantity, display: (c) => Number(c.quantity.toPrecision(8)).toString() },
  { key: 'notionalUsd', header: 'notional', align: 'right', value: (c) => c.notionalUsd, display: (c) => `$${c.notionalUsd.toFixed(2)}` },
  { key: 'binding', value: (c) => c.binding, display: (c) => (c.binding ? '← binds' : '') },
];

export function renderSizeTable(r: SizeResult): string {
  const stop = r.stop.kind === 'atr' ? `${r.stopPriceUsd} (entry − ${r.stop.atrMultiple} × ATR(${r.stop.atrPeriod}) ${r.stop.atr})` : String(r.stopPriceUsd);
  const lines = [
    `Size ${r.symbol} (${r.id}) at ${r.entryPriceUsd} (close of ${r.priceDate}), stop ${stop}`,
    `  equity $${r.equityUsd.toFixed(2)} (${r.equitySource === 'flag' ? '--equity' : 'the stored portfolio'}), risk ${(r.riskFraction * 100).toFixed(2)} % a trade, position cap ${(r.positionCap * 100).toFixed(1)} %`,
    '',
    r.noTradeReason === null
      ? `Buy ${Number(r.quantity.toPrecision(8))} ${r.symbol} = $${r.notionalUsd.toFixed(2)} (${(r.weight * 100).toFixed(2)} % of equity); loss at the stop $${r.riskAtStopUsd.toFixed(2)}: ${r.bindingNote}.`
      : `No trade: ${r.noTradeReason} (${r.bindingNote}).`,
    '',
    renderTable(r.candidates, COLUMNS).trimEnd(),
  ];
  if (r.stop.atrBasis) lines.push('', `ATR: ${r.stop.atrBasis}.`);
  for (const a of r.assumptions) lines.push(`assumption: ${a}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Hand-made panels for the season tests: 21 days from 2021-01-01, so with a 10-day window the
 * index at 2021-01-21 compares cell 20 with cell 10. Prices step from `start` to `end` on day 11.
 */
import { parseDay, type DayNumber } from '../../domain/dates.ts';
import { makePanel, type PanelAssetSpec } from '../../domain/make-panel.ts';
import type { Panel } from '../../domain/panel.ts';

export const FIRST = parseDay('2021-01-01');
export const AT = parseDay('2021-01-21');
export const WINDOW = 10;
export const DAYS = 21;

export interface CoinSpec extends Partial<PanelAssetSpec> {
  start: number;
  end: number;
  cap: number;
}

/** A coin with a constant cap and a price stepping from `start` (cells 0–10) to `end` (cells 11–20). */
export function coin(id: string, { start, end, cap, ...rest }: CoinSpec): PanelAssetSpec {
  return {
    id,
    symbol: id.toUpperCase(),
    firstDay: FIRST,
    price: Array.from({ length: DAYS }, (_, i) => (i <= 10 ? start : end)),
    marketCap: Array.from({ length: DAYS }, () => cap),
    ...rest,
  };
}

export const btc = (start = 100, end = 110): PanelAssetSpec => coin('bitcoin', { start, end, cap: 1e12, symbol: 'BTC' });

export function panelOf(...specs: PanelAssetSpec[]): Panel {
  return makePanel(specs, ['test', 'other']);
}

export function day(offset: number): DayNumber {
  return (FIRST + offset) as DayNumber;
}

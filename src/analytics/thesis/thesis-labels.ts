/** Names and definitions of the thesis series, shown in every output format. */
import type { DriverId, SeriesDescription, TargetId } from './thesis-report.ts';

export const DRIVER_LABELS: Record<DriverId, string> = {
  rut: 'Russell 2000 log return',
  'rut-spx': 'RUT/SPX relative-strength log return',
};

export const TARGET_LABELS: Record<TargetId, string> = {
  'asi-change': 'change of the Altcoin Season Index',
  'median-excess': 'median alt − BTC log return',
  'cap-weighted-excess': 'cap-weighted alt basket − BTC log return',
};

export function seriesDescriptions(window: number, top: number): SeriesDescription[] {
  return [
    { id: 'rut', label: DRIVER_LABELS.rut, definition: 'ln(close[t]/close[t−1]) of ^RUT with exchange closes carried forward to every UTC day (never back), so weekends and holidays return 0' },
    { id: 'rut-spx', label: DRIVER_LABELS['rut-spx'], definition: 'log return of ^RUT/^GSPC (both closes on the same exchange day), carried to crypto days the same way' },
    { id: 'asi-change', label: TARGET_LABELS['asi-change'], definition: `ASI(t) − ASI(t−1) (weekly: t−7) in index points; ASI = share of the point-in-time top ${top} alts (stablecoins, wrapped, staked and asset-backed tokens excluded) whose ${window}-day return beat BTC's; scanned only over lags shorter than ${window} days, since at lag ${window} its change mirrors the returns leaving the window` },
    { id: 'median-excess', label: TARGET_LABELS['median-excess'], definition: `median over the point-in-time top ${top} alts of ln(1 + alt return) − ln(1 + BTC return) over the day (weekly: the 7 days to each Monday); both ends need a price that very day` },
    { id: 'cap-weighted-excess', label: TARGET_LABELS['cap-weighted-excess'], definition: `ln of the gross return of the top-${top} alt basket weighted by market cap at the window start, minus BTC's log return` },
  ];
}

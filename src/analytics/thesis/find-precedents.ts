/**
 * The historical precedents the thesis cites (2017–18, 2020–21, 2024–25), computed from the data:
 * in each cycle's window, the day the ASI peaked, the first altcoin-season day, the Russell 2000
 * breakouts in the year before the peak, and the lag from the last breakout to the peak. Nothing
 * is hard-coded except the windows; a window without ASI data says so.
 */
import { isoDateOf, parseDay, type DayNumber } from '../../domain/dates.ts';
import type { Breakout } from '../market/find-breakouts.ts';
import type { Precedent } from './thesis-report.ts';

export interface PrecedentWindow {
  label: string;
  from: string;
  to: string;
}

export const PRECEDENT_WINDOWS: readonly PrecedentWindow[] = [
  { label: '2017–18', from: '2017-01-01', to: '2018-12-31' },
  { label: '2020–21', from: '2020-01-01', to: '2021-12-31' },
  { label: '2024–25', from: '2024-01-01', to: '2025-12-31' },
];

const LOOKBACK_DAYS = 365;

/** `days`/`asi`: the daily ASI on the crypto calendar; `breakouts`: every breakout of the full history. */
export function findPrecedents(days: Int32Array, asi: Float64Array, breakouts: readonly Breakout[], threshold: number, windows: readonly PrecedentWindow[] = PRECEDENT_WINDOWS): Precedent[] {
  return windows.map((window) => {
    const from = parseDay(window.from);
    const to = parseDay(window.to);
    let peakIndex = -1;
    let firstSeason = -1;
    for (let i = 0; i < days.length; i++) {
      if (days[i]! < from || days[i]! > to || !Number.isFinite(asi[i]!)) continue;
      if (peakIndex < 0 || asi[i]! > asi[peakIndex]!) peakIndex = i;
      if (firstSeason < 0 && asi[i]! >= threshold) firstSeason = i;
    }
    const peakDay = peakIndex >= 0 ? days[peakIndex]! : null;
    const firstSeasonDay = firstSeason >= 0 ? days[firstSeason]! : null;
    const end = peakDay ?? to;
    const listed = breakouts.filter((b) => b.day <= end && b.day >= end - LOOKBACK_DAYS);
    const lastBefore = (day: number | null) => (day === null ? null : ([...breakouts].reverse().find((b) => b.day <= day) ?? null));
    const lastBeforePeak = lastBefore(peakDay);
    const lastBeforeSeason = lastBefore(firstSeasonDay);
    const lagToPeak = lastBeforePeak && peakDay !== null && peakDay - lastBeforePeak.day <= LOOKBACK_DAYS ? peakDay - lastBeforePeak.day : null;
    const lagToSeason = lastBeforeSeason && firstSeasonDay !== null && firstSeasonDay - lastBeforeSeason.day <= LOOKBACK_DAYS ? firstSeasonDay - lastBeforeSeason.day : null;
    let note: string;
    if (peakDay === null) note = `no ASI data in ${window.from} … ${window.to}`;
    else if (lagToPeak === null) note = `no Russell 2000 breakout in the ${LOOKBACK_DAYS} days before the ASI peak`;
    else note = `the ASI peaked ${lagToPeak} days after the last Russell 2000 breakout`;
    if (peakDay !== null && firstSeasonDay === null) note += `; the ASI never reached ${threshold} in this window`;
    return {
      label: window.label,
      window: { from: window.from, to: window.to },
      asiPeak: peakIndex >= 0 ? { date: isoDateOf(peakDay! as DayNumber), index: asi[peakIndex]! } : null,
      firstAltseasonDay: firstSeasonDay === null ? null : isoDateOf(firstSeasonDay as DayNumber),
      breakouts: listed.map((b) => ({ date: isoDateOf(b.day), close: b.close, drawdownPct: b.drawdownPct })),
      lastBreakoutBeforePeak: lagToPeak !== null && lastBeforePeak ? isoDateOf(lastBeforePeak.day) : null,
      lagToPeakDays: lagToPeak,
      lagToAltseasonDays: lagToSeason,
      note,
    };
  });
}

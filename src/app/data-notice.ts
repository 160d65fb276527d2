/** The age of a result's data, and the warning every output shows when they are old or simulated. */
import { isoDateOf, type DayNumber } from '../domain/dates.ts';
import type { DataNotice } from './contracts/data-notice.ts';
import { STALE_AFTER_DAYS } from './contracts/schema-names.ts';

export const SIMULATED_WARNING = 'SIMULATED market (demo data with a planted ground truth), not real prices';

export function dataNotice(lastDay: DayNumber | null, today: DayNumber, simulated: boolean): DataNotice {
  const ageDays = lastDay === null ? null : today - lastDay;
  // A simulated market's dates are invented: its age says nothing.
  const stale = !simulated && ageDays !== null && ageDays > STALE_AFTER_DAYS;
  const warnings: string[] = [];
  if (simulated) warnings.push(SIMULATED_WARNING);
  if (stale && lastDay !== null) warnings.push(`the data end ${isoDateOf(lastDay)}, ${ageDays} days ago: run \`altseason sync\` for fresh data`);
  return { lastDate: lastDay === null ? null : isoDateOf(lastDay), ageDays, stale, warning: warnings.length ? warnings.join('; ') : null };
}

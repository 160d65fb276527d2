/**
 * How old the stored data are: the dashboard's figures are "as of" the store's last day, which
 * can be long before today (an imported archive, a sync that stopped). Pure: today is passed in.
 */

/** Older than this many days, the page warns that its figures are not today's. */
export const STALE_AFTER_DAYS = 3;

export interface DataAge {
  lastDate: string;
  /** Whole UTC days from lastDate to today (0 = today; negative if lastDate is in the future). */
  days: number;
  stale: boolean;
  /** "data end 2025-07-28, 491 days ago" */
  text: string;
}

const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/** null when there are no data (or lastDate is not a date): an empty store has no age. */
export function dataAge(lastDate: string | null | undefined, now: Date): DataAge | null {
  if (!lastDate || !/^\d{4}-\d{2}-\d{2}$/.test(lastDate) || Number.isNaN(Date.parse(`${lastDate}T00:00:00Z`))) return null;
  const today = Math.floor(now.getTime() / 86_400_000);
  const days = today - dayNumber(lastDate);
  const ago = days === 0 ? 'today' : days === 1 ? '1 day ago' : days > 0 ? `${days} days ago` : `${-days} days ahead of this computer's clock`;
  return { lastDate, days, stale: days > STALE_AFTER_DAYS, text: `data end ${lastDate}, ${ago}` };
}

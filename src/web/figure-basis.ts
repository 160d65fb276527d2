/**
 * Which window and universe each status card's figure uses ("30-day window · 50 altcoins"), so a
 * reader can compare it with another site's. /api/status says it in its readings; this picks it out
 * of them. The `basis` text of the newer server (its result contract) is used as given.
 */

/** A status item as either server shape sends it (`basis` is new). */
export interface StatusItemLike {
  key: string;
  reading: string;
  basis?: unknown;
}

export function figureBasis(item: StatusItemLike): string | null {
  const given = item.basis;
  if (typeof given === 'string' && given.trim()) return given;
  const reading = item.reading;
  const asi = /^asi(\d+)$/.exec(item.key);
  if (asi) {
    const universe = /of (\d+) alts/.exec(reading);
    return `${asi[1]}-day window${universe ? ` · ${universe[1]} altcoins` : ''}`;
  }
  if (item.key === 'btcd') {
    const universe = /\(([^()]*)\)\s*$/.exec(reading);
    const trend = /vs its (\d+)-day average/.exec(reading);
    const parts = [universe?.[1], trend ? `trend vs ${trend[1]}-day average` : undefined].filter(Boolean);
    return parts.length ? parts.join(' · ') : null;
  }
  if (item.key === 'total2') {
    // The figure is the first window the reading lists (30 days, else 90).
    const window = /(\d+)d: TOTAL2/.exec(reading);
    return window ? `${window[1]}-day growth, TOTAL2 minus BTC` : null;
  }
  if (item.key === 'rut') {
    const close = /close of (\d{4}-\d{2}-\d{2})/.exec(reading);
    return `record over all stored closes${close ? ` to ${close[1]}` : ''}`;
  }
  return null;
}

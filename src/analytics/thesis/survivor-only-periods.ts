/**
 * Stretches in which the stored crypto data hold only coins that survived to a later date, so
 * alt returns there are biased toward winners. The store cannot tell a survivors-only source from
 * a point-in-time one, so the known gap of the shared data (../shared/data/README.md, "Coverage
 * gap"; docs/methodology.md) is listed here by its source ids: it applies when the panel holds
 * those sources and none that is survivorship-free for the stretch.
 */
import { isoDateOf, parseDay, type DayNumber } from '../../domain/dates.ts';

export interface SurvivorOnlyPeriod {
  from: string;
  to: string;
  /** The period applies when the panel holds any of these sources … */
  survivorSources: readonly string[];
  note: string;
}

export const KNOWN_SURVIVOR_ONLY_PERIODS: readonly SurvivorOnlyPeriod[] = [
  {
    from: '2018-07-03',
    to: '2020-12-31',
    survivorSources: ['cmc_kaggle2021_23coins', 'coingecko_nktcodes_48', 'coingecko_erfanzar'],
    note: 'no survivorship-free universe: only the 23 Kaggle and 50 CoinGecko coins (survivors as of 2022/23) are stored, so alt returns there lean toward coins that survived',
  },
];

/** The known survivors-only stretches that overlap from … to for a panel with these sources, clipped to the period. */
export function survivorOnlyPeriodsIn(sources: readonly string[], from: DayNumber, to: DayNumber): { from: string; to: string; note: string }[] {
  const out: { from: string; to: string; note: string }[] = [];
  for (const period of KNOWN_SURVIVOR_ONLY_PERIODS) {
    if (!period.survivorSources.some((s) => sources.includes(s))) continue;
    const start = Math.max(from, parseDay(period.from, 'survivor-only period'));
    const end = Math.min(to, parseDay(period.to, 'survivor-only period'));
    if (start <= end) out.push({ from: isoDateOf(start as DayNumber), to: isoDateOf(end as DayNumber), note: period.note });
  }
  return out;
}

/**
 * A `status` line that costs more than status can spend (the rotation phase walks 180 days, the
 * signals read every stored series, readiness ~900 days of inputs), kept where the context keeps
 * results derived from the store's current state (ReadContext.derived, beside the panel cache):
 * the first status after an import or sync computes it, the next ones read it back. Any new load
 * makes it stale; so does another version of the line's rules or another as-of day.
 */
import { isoDateOf, type DayNumber } from '../domain/dates.ts';
import type { StatusItem } from './contracts/market-status.ts';
import type { ReadContext } from './read-context.ts';

export async function keptStatusItem(context: ReadContext, name: string, version: number, asOf: DayNumber, compute: () => Promise<StatusItem | null>): Promise<StatusItem | null> {
  const key = `status-${name}`;
  const day = isoDateOf(asOf);
  const kept = await context.derived?.read(key);
  if (kept && kept.meta.version === version && kept.meta.asOf === day) return (kept.meta.item ?? null) as StatusItem | null;
  const item = await compute();
  await context.derived?.write(key, { meta: { version, asOf: day, item }, arrays: [] });
  return item;
}

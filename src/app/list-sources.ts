/**
 * The sources in the store, their row counts, their precedence (which one wins when several give
 * the same asset and day) and the licence or terms restricting their data (src/data/sources/
 * source-licences.ts), and changing that precedence. Shared by `altseason sources` and the library.
 */
import { isoDateOf } from '../domain/dates.ts';
import { InvalidInputError } from '../domain/errors.ts';
import { licenceOfSource } from '../data/sources/source-licences.ts';
import { DEFAULT_SOURCE_PRECEDENCE, rankSources } from '../data/store/default-source-precedence.ts';
import type { Store } from '../data/store/store.ts';
import { isSimulatedStore } from '../sim/write-simulated-market.ts';
import type { SourcesResult } from './contracts/catalogue.ts';
import { SOURCES_SCHEMA } from './contracts/schema-names.ts';

export async function listSources(store: Store): Promise<SourcesResult> {
  return store.snapshot(async () => {
    const stats = new Map((await store.observationStats()).map((s) => [s.source, s]));
    const precedence = await store.getSourcePrecedence();
    const ordered = rankSources([...precedence, ...stats.keys()], precedence);
    const sources = ordered.map((source, index) => {
      const s = stats.get(source);
      return { precedence: index + 1, source, observations: s?.observations ?? 0, assets: s?.assets ?? 0, firstDate: s ? isoDateOf(s.firstDay) : null, lastDate: s ? isoDateOf(s.lastDay) : null, licence: licenceOfSource(source) };
    });
    return { schema: SOURCES_SCHEMA, simulated: await isSimulatedStore(store), sources };
  });
}

/**
 * Sets the precedence, highest first. Every name must be a source the store knows (one with stored
 * observations, one already in its precedence, or a built-in one), so a typo cannot silently
 * reorder it; `field` names the input in errors ("--set").
 */
export async function setSourcePrecedence(store: Store, sources: readonly string[], field = 'sources'): Promise<SourcesResult> {
  if (sources.length === 0) throw new InvalidInputError(`${field}: expected a comma-separated list of sources, got nothing`);
  const duplicate = sources.find((s, i) => sources.indexOf(s) !== i);
  if (duplicate) throw new InvalidInputError(`${field}: source ${JSON.stringify(duplicate)} is listed twice`);
  const known = new Set([...DEFAULT_SOURCE_PRECEDENCE, ...(await store.getSourcePrecedence()), ...(await store.observationStats()).map((s) => s.source)]);
  const unknown = sources.filter((s) => !known.has(s));
  if (unknown.length > 0) {
    throw new InvalidInputError(`${field}: unknown source${unknown.length > 1 ? 's' : ''} ${unknown.map((s) => JSON.stringify(s)).join(', ')}; known sources: ${rankSources(known, []).join(', ')}`);
  }
  await store.setSourcePrecedence([...sources]);
  return listSources(store);
}

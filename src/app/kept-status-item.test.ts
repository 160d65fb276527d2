import { describe, expect, it } from 'vitest';
import { parseDay } from '../domain/dates.ts';
import type { DerivedArrays, DerivedCache } from '../data/panel/derived-cache.ts';
import type { StatusItem } from './contracts/market-status.ts';
import { keptStatusItem } from './kept-status-item.ts';
import type { ReadContext } from './read-context.ts';

function contextWith(derived: DerivedCache | undefined): ReadContext {
  return { derived } as unknown as ReadContext;
}

function memoryCache(): DerivedCache & { files: Map<string, DerivedArrays> } {
  const files = new Map<string, DerivedArrays>();
  return { files, read: async (name) => files.get(name) ?? null, write: async (name, value) => (files.set(name, value), true) };
}

const ITEM = { key: 'x', label: 'X', value: '1', number: 1, unit: 'index', reading: 'r', basis: 'b', asOf: '2024-01-01', tone: 'info' } as unknown as StatusItem;

describe('keptStatusItem', () => {
  it('computes a line once per store state and as-of day, then reads it back', async () => {
    const cache = memoryCache();
    const context = contextWith(cache);
    let computed = 0;
    const compute = async () => (computed++, ITEM);
    const day = parseDay('2024-01-01');
    expect(await keptStatusItem(context, 'x', 1, day, compute)).toEqual(ITEM);
    expect(await keptStatusItem(context, 'x', 1, day, compute)).toEqual(ITEM);
    expect(computed, 'the second status reads the kept line').toBe(1);
    expect([...cache.files.keys()]).toEqual(['status-x']);
    await keptStatusItem(context, 'x', 2, day, compute);
    expect(computed, 'another version of the rules recomputes').toBe(2);
    await keptStatusItem(context, 'x', 2, parseDay('2024-01-02'), compute);
    expect(computed, 'another as-of day recomputes').toBe(3);
  });

  it('keeps "no line" too, and computes every time where nothing is kept', async () => {
    const cache = memoryCache();
    let computed = 0;
    const none = async () => (computed++, null);
    const day = parseDay('2024-01-01');
    expect(await keptStatusItem(contextWith(cache), 'y', 1, day, none)).toBeNull();
    expect(await keptStatusItem(contextWith(cache), 'y', 1, day, none)).toBeNull();
    expect(computed).toBe(1);
    await keptStatusItem(contextWith(undefined), 'y', 1, day, none);
    await keptStatusItem(contextWith(undefined), 'y', 1, day, none);
    expect(computed).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache.ts';

describe('LruCache', () => {
  it('keeps at most its capacity, evicting the least recently used', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect(cache.get('b'), 'b was least recently used').toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.size]).toEqual([1, 3, 2]);
  });

  it('computes once, and forgets a failed computation', async () => {
    const cache = new LruCache<string, number>(4);
    let calls = 0;
    const compute = async () => ++calls;
    expect(await Promise.all([cache.getOrCompute('k', compute), cache.getOrCompute('k', compute)]), 'concurrent callers share one computation').toEqual([1, 1]);
    await expect(cache.getOrCompute('bad', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.getOrCompute('bad', async () => 7), 'a failure is not cached').toBe(7);
  });
});

/**
 * The readiness score through the whole pipeline on ../shared/data: no look-ahead (the score on a
 * day read with data up to that day equals the same day's score in a range running months past
 * it), contributions that add up to the score, and a one-component weight set.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { parseDay } from '../domain/dates.ts';
import { describeWithSharedData } from '../../test/shared-data.ts';
import type { ReadinessResult } from './contracts/readiness.ts';
import { readContext, type ReadContext } from './read-context.ts';
import { loadReadinessInputs, readiness, readinessStatusItem } from './readiness.ts';
import { readinessOn } from '../analytics/readiness/readiness-composite.ts';
import { DEFAULT_WEIGHTS } from '../analytics/readiness/default-weights.ts';
import { seasonIndex } from './season-index.ts';

describeWithSharedData('altseason readiness on ../shared/data', () => {
  let store: SqliteStore;
  let context: ReadContext;
  let at: ReadinessResult;
  const day = parseDay('2021-03-01');

  beforeAll(async () => {
    const path = inject('realDataDb');
    if (path === null) throw new Error('the global setup did not build the real-data store');
    store = SqliteStore.open(path);
    context = readContext(store, { today: parseDay('2025-08-01') });
    at = await readiness(context, { at: day });
  }, 120_000);
  afterAll(async () => store.close());

  it('the score on a day does not change when the data run months past it', async () => {
    const range = await readiness(context, { from: parseDay('2021-02-20'), to: parseDay('2021-09-30') });
    const row = range.days.find((d) => d.date === '2021-03-01')!;
    expect(at.latest.score).not.toBeNull();
    expect(row.score).toBe(at.latest.score);
    expect(row.coverage).toBe(at.latest.coverage);
  }, 120_000);

  it('reading only the lookback gives the same score as reading the whole history', async () => {
    const inputs = await loadReadinessInputs(context, day);
    const full = readinessOn(day, inputs.present, inputs.absent, DEFAULT_WEIGHTS);
    expect(full.score).toBeCloseTo(at.latest.score!, 2);
    expect(full.missing).toEqual(at.latest.missing.map((m) => m.id));
  }, 120_000);

  it('status leads with the score of its day', async () => {
    const item = await readinessStatusItem(context, day);
    expect(item!.number).toBe(at.latest.score);
    expect(item!.key).toBe('readiness');
    // The second call reads the line kept beside the panel cache: the same line.
    expect(await readinessStatusItem(context, day)).toEqual(item);
  }, 120_000);

  it('lists every weighted component, and the contributions add up to the score', async () => {
    const sum = at.latest.components.reduce((a, c) => a + (c.contribution ?? 0), 0);
    expect(sum).toBeCloseTo(at.latest.score!, 1);
    const ids = [...at.latest.components.map((c) => c.id)].sort();
    expect(ids).toEqual(Object.keys(at.weights).filter((k) => at.weights[k]! > 0).sort());
    for (const m of at.latest.missing) expect(at.latest.components.find((c) => c.id === m.id)!.score).toBeNull();
    // The ASI level component is the index itself on that day.
    const index = await seasonIndex(context, { at: day });
    expect(at.latest.components.find((c) => c.id === 'asi-level')!.value).toBeCloseTo(index.points[0]!.index!, 3);
  }, 120_000);

  it('a one-component weight set gives 100 × that component’s score', async () => {
    const r = await readiness(context, { at: day, weights: { 'asi-level': 1 }, weightsSource: 'test' });
    const asi = r.latest.components.find((c) => c.id === 'asi-level')!;
    expect(r.latest.score).toBeCloseTo(100 * asi.score!, 1);
    expect(r.latest.components).toHaveLength(1);
    expect(r.weightsSource).toBe('test');
  }, 120_000);
});

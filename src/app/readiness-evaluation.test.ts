/**
 * The readiness use cases on a simulated store (src/sim/simulate-market.ts written into SQLite):
 * both results match their contracts, the simulated marker reaches the verdict, the evidence
 * report renders in every format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDay } from '../domain/dates.ts';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import type { Store } from '../data/store/store.ts';
import { simulateMarket } from '../sim/simulate-market.ts';
import { writeSimulatedMarket } from '../sim/write-simulated-market.ts';
import { renderReadinessEvidence } from '../report/readiness-evidence.ts';
import { renderReadinessTable } from '../report/readiness-table.ts';
import { ReadinessEvaluationResultSchema, ReadinessResultSchema, type ReadinessEvaluationResult } from './contracts/readiness.ts';
import { readContext } from './read-context.ts';
import { readiness } from './readiness.ts';
import { readinessEvaluation } from './readiness-evaluation.ts';

describe('readiness use cases (simulated market)', () => {
  let store: Store;
  let evidence: ReadinessEvaluationResult;
  const today = parseDay('2024-06-01');
  const context = () => readContext(store, { today });
  beforeAll(async () => {
    store = SqliteStore.open(':memory:');
    await writeSimulatedMarket(store, simulateMarket({ seed: 5, years: 6, assets: 30 }));
    evidence = await readinessEvaluation(context(), { replicates: 100 });
  }, 120_000);
  afterAll(() => store.close());

  it('the score matches its contract, lists every weighted component and says the data are simulated', async () => {
    const result = await readiness(context());
    expect(ReadinessResultSchema.parse(result)).toEqual(result);
    expect(result.simulated).toBe(true);
    expect(result.latest.components.length).toBe(Object.values(result.weights).filter((w) => w > 0).length);
    expect(renderReadinessTable(result)).toMatch(/^Altseason readiness \d{4}-\d{2}-\d{2}: /);
  }, 60_000);

  it('the evidence matches its contract, with the verdict marked simulated and a trade over 12 trials', () => {
    expect(ReadinessEvaluationResultSchema.parse(evidence)).toEqual(evidence);
    expect(evidence.verdict.headline.startsWith('SIMULATED DATA: ')).toBe(true);
    expect(evidence.skillTests.map((s) => `${s.predictor}:${s.horizonDays}`)).toEqual(['composite:30', 'composite:60', 'composite:90', 'composite-fitted:30', 'composite-fitted:60', 'composite-fitted:90']);
    expect(evidence.trade?.trialsTried).toBe(12);
    expect(evidence.predictors.map((p) => p.id)).toEqual(expect.arrayContaining(['composite', 'composite-fitted', 'asi-level', 'baseline-asi', 'baseline-btc-dominance', 'baseline-always-yes']));
  });

  it('renders as Markdown, HTML and JSON', () => {
    expect(renderReadinessEvidence(evidence, 'markdown')).toMatch(/^# Altseason readiness: the evidence \(SIMULATED DATA\)\n/);
    const html = renderReadinessEvidence(evidence, 'html');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script/);
    expect(JSON.parse(renderReadinessEvidence(evidence, 'json'))).toEqual(evidence);
  });
});

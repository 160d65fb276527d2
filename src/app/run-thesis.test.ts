import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { renderThesis } from '../report/thesis/render-thesis.ts';
import { measureLeadLagRecovery } from '../sim/lead-lag-recovery.ts';
import { simulateMarket, type SimulateMarketOptions } from '../sim/simulate-market.ts';
import { writeSimulatedMarket } from '../sim/write-simulated-market.ts';
import { runThesis, type ThesisReport } from './run-thesis.ts';

const dir = mkdtempSync(join(tmpdir(), 'altseason-thesis-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Few placebo sets and short Granger lags keep the test fast; the main test is the same.
const FAST = { replicates: 99, grangerMaxLagDaily: 5, grangerMaxLagWeekly: 4 };

async function reportFor(name: string, market: SimulateMarketOptions): Promise<ThesisReport> {
  const store = SqliteStore.open(join(dir, `${name}.db`));
  try {
    await writeSimulatedMarket(store, simulateMarket(market));
    return await runThesis(store, FAST);
  } finally {
    await store.close();
  }
}

describe('the thesis report on a simulated market with a planted 20-day lead', () => {
  let report: ThesisReport;
  beforeAll(async () => {
    report = await reportFor('planted', { seed: 3, effect: 0.1, leadDays: 20, years: 8, assets: 20 });
  });

  it('finds the planted lead in the main test, and the verdict calls it evidence', () => {
    expect(report.simulated, 'a simulated store is flagged').toBe(true);
    expect(report.groundTruth).toMatchObject({ leadDays: 20, effect: 0.1 });
    const main = report.leadLag.find((r) => r.id === 'daily:rut→median-excess')!;
    expect(Math.abs(main.lead.peakLagDays! - 20), `peak at ${main.lead.peakLagDays} days, planted 20`).toBeLessThanOrEqual(3);
    expect(main.lead.pValue!, 'significant after the scan correction').toBeLessThan(0.05);
    expect(report.groundTruth!.found!.recovered).toBe(true);
    const primary = report.hypotheses.list.find((h) => h.primary)!;
    expect(primary.adjustedPValue, 'the verdict tests the main test first, at its own p').toBe(main.lead.pValue);
    expect(report.verdict.headline).toMatch(/^SIMULATED DATA: Evidence at α = 0.05/);
  });

  it('counts every hypothesis and reports n and p for each', () => {
    expect(report.hypotheses.count).toBe(report.hypotheses.list.filter((h) => h.pValue !== null).length);
    expect(report.hypotheses.count, '12 scans, 24 Granger (BIC), 12 Granger at the scan lag, 8 event studies, 3 hit rates').toBe(59);
    for (const h of report.hypotheses.list) expect(h.n, h.id).toBeGreaterThan(0);
    expect(report.eventStudies.every((e) => e.path.length === e.horizonDays)).toBe(true);
  });

  it('carries the schema and the simulated mark in every format', () => {
    const markdown = renderThesis(report, 'markdown');
    expect(markdown.split('\n').slice(0, 3).join('\n'), 'warning at the top').toMatch(/SIMULATED DATA/);
    expect(markdown, 'and in the headline').toMatch(/\*\*SIMULATED DATA: Evidence/);
    const html = renderThesis(report, 'html');
    expect(html).toMatch(/class="warning">⚠ SIMULATED DATA/);
    expect(html).toMatch(/<title>\[SIMULATED\]/);
    expect(html.match(/<svg/g)!.length, 'RUT/ASI chart, two correlograms, event path').toBe(4);
    expect(html, 'no scripts or external requests').not.toMatch(/<script|<link|src=|href=|url\(/);
    const json = JSON.parse(renderThesis(report, 'json'));
    expect(json.schema).toBe('altseason.thesis/v1');
    expect(json.simulated, 'JSON readers get the flag').toBe(true);
    expect(json.verdict.headline, 'and a headline quoted anywhere says so').toMatch(/^SIMULATED DATA: /);
  });
});

describe('the demo market that `npm start` opens', () => {
  // DEMO_SIMULATION in src/cli/commands/serve-command.ts (not imported: app must not depend on cli).
  const DEMO = { seed: 1, years: 8, assets: 40, leadDays: 20, effect: 0.1, startDate: '2017-06-01' };

  it('the banner, the verdict and bench/thesis-power describe the same test and agree', async () => {
    const report = await reportFor('demo', DEMO);
    const main = report.leadLag.find((r) => r.id === 'daily:rut→median-excess')!;
    const bench = measureLeadLagRecovery({ seeds: [DEMO.seed], effect: DEMO.effect, leadDays: DEMO.leadDays, years: DEMO.years, assets: DEMO.assets, startDate: DEMO.startDate });
    expect(bench.pValues[0], 'the bench computes the report’s own main test').toBeCloseTo(main.lead.pValue!, 12);
    expect(bench.peakLags[0]).toBe(main.lead.peakLagDays);
    expect(report.groundTruth!.found!.recovered, 'the banner says recovered').toBe(true);
    expect(bench.recovered, 'the bench counts it as recovered').toBe(1);
    expect(report.verdict.headline, 'so the verdict must not say "no evidence"').toMatch(/^SIMULATED DATA: Evidence at α = 0.05/);
  });
});

describe('the thesis report on a simulated market without a link', () => {
  it('does not claim a lead', async () => {
    const report = await reportFor('null', { seed: 11, effect: 0, years: 8, assets: 20 });
    expect(report.groundTruth!.plantedLink).toBeNull();
    expect(report.groundTruth!.found!.recovered).toBe(false);
    expect(report.hypotheses.list.find((h) => h.primary)!.adjustedPValue!).toBeGreaterThan(0.05);
    expect(report.verdict.headline).toMatch(/^SIMULATED DATA: No evidence at α = 0.05/);
  });
});

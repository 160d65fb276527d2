import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import { simulateMarket } from '../../sim/simulate-market.ts';
import { writeSimulatedMarket } from '../../sim/write-simulated-market.ts';
import { computeThesis, type ThesisReport } from './compute-thesis.ts';
import { renderThesis } from './render-thesis.ts';

const dir = mkdtempSync(join(tmpdir(), 'altseason-thesis-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Few placebo sets and short Granger lags keep the test fast; the statistics are the same.
const FAST = { replicates: 99, grangerMaxLagDaily: 5, grangerMaxLagWeekly: 4 };

async function reportFor(name: string, effect: number, seed: number): Promise<ThesisReport> {
  const store = SqliteStore.open(join(dir, `${name}.db`));
  try {
    await writeSimulatedMarket(store, simulateMarket({ seed, effect, leadDays: 20, years: 8, assets: 20 }));
    return await computeThesis(store, FAST);
  } finally {
    await store.close();
  }
}

describe('the thesis report on a simulated market with a planted 20-day lead', () => {
  let report: ThesisReport;
  beforeAll(async () => {
    report = await reportFor('planted', 0.1, 3);
  });

  it('finds the planted lead in the main test and says the data are simulated', () => {
    expect(report.simulated, 'a simulated store is flagged').toBe(true);
    expect(report.groundTruth).toMatchObject({ leadDays: 20, effect: 0.1 });
    const main = report.leadLag.find((r) => r.id === 'daily:rut→median-excess')!;
    expect(Math.abs(main.lead.peakLagDays! - 20), `peak at ${main.lead.peakLagDays} days, planted 20`).toBeLessThanOrEqual(3);
    expect(main.lead.pValue!, 'significant after the scan correction').toBeLessThan(0.05);
    expect(report.groundTruth!.found!.recovered).toBe(true);
    const primary = report.hypotheses.list.find((h) => h.primary)!;
    expect(primary.holmPValue!, 'it survives the Holm adjustment over every test').toBeLessThan(0.05);
    expect(report.verdict.headline).not.toMatch(/^No evidence/);
  });

  it('counts every hypothesis and reports n, effect and p for each', () => {
    expect(report.hypotheses.count).toBe(report.hypotheses.list.filter((h) => h.pValue !== null).length);
    expect(report.hypotheses.count, '12 scans, 24 Granger, 8 event studies, 3 hit rates').toBe(47);
    for (const h of report.hypotheses.list) expect(h.n, h.id).toBeGreaterThan(0);
    expect(report.eventStudies.every((e) => e.path.length === e.horizonDays)).toBe(true);
    expect(report.power.mainTest.detectableCorrelationScan!).toBeGreaterThan(0.05);
  });

  it('renders Markdown and self-contained HTML with the simulated warning first', () => {
    const markdown = renderThesis(report, 'markdown');
    expect(markdown.split('\n').slice(0, 3).join('\n'), 'warning at the top').toMatch(/SIMULATED DATA/);
    const html = renderThesis(report, 'html');
    expect(html).toMatch(/class="warning">⚠ SIMULATED DATA/);
    expect(html.match(/<svg/g)!.length, 'RUT/ASI chart, two correlograms, event path').toBe(4);
    expect(html, 'no scripts or external requests').not.toMatch(/<script|<link|src=|href=|url\(/);
    expect(JSON.parse(renderThesis(report, 'json')).schema).toBe('altseason.thesis/1');
  });
});

describe('the thesis report on a simulated market without a link', () => {
  it('does not claim a lead', async () => {
    const report = await reportFor('null', 0, 11);
    expect(report.groundTruth!.plantedLink).toBeNull();
    expect(report.groundTruth!.found!.recovered).toBe(false);
    expect(report.hypotheses.list.find((h) => h.primary)!.holmPValue!).toBeGreaterThan(0.05);
    expect(report.verdict.headline).toMatch(/^No evidence at α = 0.05/);
  });
});

import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { describeWithSharedData } from '../../../test/shared-data.ts';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { computeThesis } from '../../report/thesis/compute-thesis.ts';
import { renderThesis } from '../../report/thesis/render-thesis.ts';
import { main } from '../main.ts';
import { thesisOptionsFromFlags } from './thesis-command.ts';

const defaults = { window: '90', breakoutDrawdown: '10', seed: '7', replicates: '100', format: 'json' };

describe('thesis command flags', () => {
  it('parses dates, numbers and the format', () => {
    const { options, format } = thesisOptionsFromFlags({ ...defaults, from: '2018-01-01', to: '2020-01-01' });
    expect(format).toBe('json');
    expect(options).toMatchObject({ window: 90, breakoutDrawdownPct: 10, seed: 7, replicates: 100 });
    expect(options.to! - options.from!).toBe(730);
  });

  it('rejects bad values, quoting them', () => {
    expect(() => thesisOptionsFromFlags({ ...defaults, format: 'pdf' })).toThrow(/--format: .*"pdf"/);
    expect(() => thesisOptionsFromFlags({ ...defaults, seed: '1.5' })).toThrow(InvalidInputError);
    expect(() => thesisOptionsFromFlags({ ...defaults, from: '2020-01-02', to: '2020-01-01' })).toThrow(/before --from/);
  });
});

describeWithSharedData('altseason thesis on the real data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'altseason-thesis-real-'));
  let db: string;
  beforeAll(() => {
    const source = inject('realDataDb');
    if (!source) throw new Error('the real-data store was not built');
    // The shared store is read-only for tests: work on a copy.
    db = join(dir, 'real.db');
    copyFileSync(source, db);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs end to end from the command line and writes the report', async () => {
    const out = join(dir, 'thesis.md');
    const code = await main(['node', 'altseason', '--db', db, 'thesis', '--replicates', '49', '--out', out]);
    expect(code).toBe(0);
    const markdown = readFileSync(out, 'utf8');
    expect(markdown).toMatch(/^# Thesis lab/);
    expect(markdown, 'real data carry no simulated warning').not.toMatch(/SIMULATED/);
    expect(markdown).toMatch(/## Every hypothesis tested \(\d+\)/);
  });

  it('gives identical JSON for the same seed', async () => {
    const store = SqliteStore.open(db);
    try {
      const options = { replicates: 49, grangerMaxLagDaily: 5, grangerMaxLagWeekly: 4, seed: 12 };
      const first = renderThesis(await computeThesis(store, options), 'json');
      const second = renderThesis(await computeThesis(store, options), 'json');
      expect(second === first, 'the same store and seed must give byte-identical JSON').toBe(true);
      const report = JSON.parse(first);
      expect(report.simulated).toBe(false);
      expect(report.breakouts.length, 'the Russell 2000 broke out at least twice since 2013').toBeGreaterThanOrEqual(2);
      expect(report.data.period.days).toBeGreaterThan(3000);
      expect(report.leadLag[0].n).toBeGreaterThan(2000);
    } finally {
      await store.close();
    }
  });
});

import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { describeWithSharedData } from '../../../test/shared-data.ts';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { runThesis } from '../../app/run-thesis.ts';
import { renderThesis } from '../../report/thesis/render-thesis.ts';
import { main } from '../main.ts';
import { checkOutputPath } from '../output.ts';
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

  it('refuses an --out path that cannot be written, naming the folder', () => {
    expect(() => checkOutputPath('/missing/dir/x.md')).toThrow(InvalidInputError);
    expect(() => checkOutputPath('/missing/dir/x.md')).toThrow(/--out "\/missing\/dir\/x.md": the folder \/missing\/dir does not exist/);
    expect(() => checkOutputPath(tmpdir()), 'a folder is not a file').toThrow(/is a folder; give a file name/);
    expect(() => checkOutputPath(join(tmpdir(), 'new-report.md')), 'a new file in a writable folder is fine').not.toThrow();
  });

  it('checks --out before loading or computing anything', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      // The store does not even exist: the output path is checked first, so that is not the error.
      const code = await main(['node', 'altseason', '--db', join(tmpdir(), 'no-such-store.db'), 'thesis', '--out', '/missing/dir/x.md']);
      const written = stderr.mock.calls.map((c) => String(c[0])).join('');
      expect(code, 'a usage error').not.toBe(0);
      expect(written).toMatch(/the folder \/missing\/dir does not exist/);
      expect(written, 'no thesis work started').not.toMatch(/loading crypto prices/);
    } finally {
      stderr.mockRestore();
    }
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
      const first = renderThesis(await runThesis(store, options), 'json');
      const second = renderThesis(await runThesis(store, options), 'json');
      expect(second === first, 'the same store and seed must give byte-identical JSON').toBe(true);
      const report = JSON.parse(first);
      expect(report.simulated).toBe(false);
      // The shared data (docs/statistics.md): three ^RUT breakouts after ≥ 10 % drawdowns in 2013-04-28 … 2025-07-28.
      expect(report.breakouts.map((b: { date: string }) => b.date), 'the breakouts in the period').toEqual(['2014-12-26', '2016-11-14', '2020-11-13']);
      expect(report.data.period, '2013-04-28 … 2025-07-28 is 4475 days').toEqual({ from: '2013-04-28', to: '2025-07-28', days: 4475 });
      expect(report.leadLag[0].n, 'daily alt-minus-BTC returns exist on 3330 days (2014-07 … 2023-08)').toBe(3330);
      // ^RUT closes run past the crypto data (weekly snapshots end 2025-07-28): the span is stated, and so is what it leaves out.
      expect(report.data.commonSpan, 'first and last common day of crypto and ^RUT data').toMatchObject({ from: '2013-04-28', to: '2025-07-28', crypto: { to: '2025-07-28' }, limitedBy: { end: 'crypto' } });
      expect(report.data.commonSpan.russell.to > '2025-07-28', `^RUT data end ${report.data.commonSpan.russell.to}`).toBe(true);
      expect(report.data.breakoutsAfterPeriod.map((b: { date: string }) => b.date), 'the 2025-09-18 breakout is named, not dropped silently').toContain('2025-09-18');
      expect(report.data.caveats.join('\n')).toMatch(/Russell 2000 breakout.* after the period, in no test: .*2025-09-18/);
      expect(report.verdict.findings.join('\n'), 'the verdict names the survivors-only stretch its main test uses').toMatch(/includes the survivors-only stretch 2018-07-03 → 2020-12-31/);
    } finally {
      await store.close();
    }
  });

  it('gives no verdict on a test that cannot run, and says why (--from 2024-01-01: daily alt data end 2023-08-28)', async () => {
    const store = SqliteStore.open(db);
    try {
      const report = await runThesis(store, { replicates: 19, grangerMaxLagDaily: 3, grangerMaxLagWeekly: 3, from: 19_723 as never }); // 2024-01-01
      const main = report.leadLag.find((r) => r.id === 'daily:rut→median-excess')!;
      expect(main.unavailable, 'the reason is in the data').toMatch(/daily alt data end 2023-08-28/);
      expect(report.verdict.headline).toMatch(/^No verdict: the main test .* could not run: .*daily alt data end 2023-08-28/);
      const text = renderThesis(report, 'markdown');
      expect(text, 'no empty statistics').not.toMatch(/lags 1–0 days|F\(0, 0\)/);
      expect(report.leadLag.filter((r) => r.frequency === 'weekly').every((r) => r.unavailable === null), 'the weekly tests still run on the weekly snapshots').toBe(true);
    } finally {
      await store.close();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import { simulateMarket } from '../../sim/simulate-market.ts';
import { writeSimulatedMarket } from '../../sim/write-simulated-market.ts';
import { runThesis, type ThesisReport } from '../../app/run-thesis.ts';
import { renderThesisHtml } from './render-thesis-html.ts';
import { renderThesisMarkdown } from './render-thesis-markdown.ts';
import { rollingTable, thesisTables } from './thesis-tables.ts';

const dir = mkdtempSync(join(tmpdir(), 'altseason-thesis-tables-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let report: ThesisReport;
beforeAll(async () => {
  const store = SqliteStore.open(join(dir, 'sim.db'));
  try {
    await writeSimulatedMarket(store, simulateMarket({ seed: 3, effect: 0.1, leadDays: 20, years: 8, assets: 20 }));
    report = await runThesis(store, { replicates: 19, grangerMaxLagDaily: 3, grangerMaxLagWeekly: 2 });
  } finally {
    await store.close();
  }
});

/** A number, a signed number, a share, a count with a note, "< 0.0001" or a dash. */
const NUMERIC_CELL = /^(—|< 0\.0001|[+−-]?\d)/;

describe('thesisTables', () => {
  it('lists every table in report order, each row as wide as its header', () => {
    const tables = thesisTables(report);
    expect(tables.map((t) => t.id)).toEqual(['breakouts', 'lead-lag', 'rolling', 'event-study', 'hit-rates', 'precedents', 'hypotheses', 'power']);
    for (const t of tables) {
      expect(t.rows.length, `${t.id} has rows`).toBeGreaterThan(0);
      for (const row of t.rows) expect(row, t.id).toHaveLength(t.headers.length);
      expect(new Set(t.headers).size, `${t.id}: unique headers`).toBe(t.headers.length);
    }
    expect(tables.find((t) => t.id === 'lead-lag')!.rows).toHaveLength(report.leadLag.length);
    expect(tables.find((t) => t.id === 'hypotheses')!.title).toBe(`Every hypothesis tested (${report.hypotheses.count})`);
  });

  it('marks as numeric only columns that hold numbers', () => {
    for (const t of thesisTables(report)) {
      expect([...t.numericColumns].sort((a, b) => a - b), `${t.id}: sorted`).toEqual(t.numericColumns);
      for (const column of t.numericColumns) {
        expect(column, t.id).toBeLessThan(t.headers.length);
        for (const row of t.rows) expect(row[column], `${t.id} column "${t.headers[column]}"`).toMatch(NUMERIC_CELL);
      }
    }
  });

  it('writes plain text cells: no Markdown or HTML markup', () => {
    for (const t of thesisTables(report)) for (const cell of [t.title, t.intro ?? '', ...t.headers, ...t.rows.flat()]) expect(cell, t.id).not.toMatch(/\*\*|<\/?[a-z]|&[a-z]+;/);
    const hypotheses = thesisTables(report).find((t) => t.id === 'hypotheses')!;
    expect(hypotheses.rows.filter((row) => row[1]!.startsWith('MAIN: ')), 'one main hypothesis').toHaveLength(1);
  });

  it('says "None." instead of an empty breakout table and leaves out rolling correlations when there are none', () => {
    const quiet: ThesisReport = { ...report, breakouts: [], leadLag: report.leadLag.map((r) => ({ ...r, rolling: [] })) };
    expect(rollingTable(quiet)).toBeNull();
    const tables = thesisTables(quiet);
    expect(tables.map((t) => t.id)).not.toContain('rolling');
    expect(tables[0]).toMatchObject({ id: 'breakouts', title: 'Russell 2000 breakouts in the period (0)', rows: [], whenEmpty: 'None.' });
    expect(renderThesisMarkdown(quiet)).toContain('## Russell 2000 breakouts in the period (0)\n\nNone.\n\n## Lead-lag tests');
  });

  it('is the one source of both renderers: every title, intro and header appears in Markdown and HTML', () => {
    const markdown = renderThesisMarkdown(report);
    const html = renderThesisHtml(report);
    const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    for (const t of thesisTables(report)) {
      expect(markdown).toContain(`${'#'.repeat(t.level)} ${t.title}\n\n${t.intro ? `${t.intro}\n\n` : ''}| ${t.headers.join(' | ')} |`);
      // The HTML report shows the breakouts as a chart and the power section without its table.
      if (t.id === 'breakouts') continue;
      expect(html).toContain(`<h${t.level}>${escapeHtml(t.title)}</h${t.level}>${t.intro ? `<p>${escapeHtml(t.intro)}</p>` : ''}`);
      if (t.id === 'power') continue;
      expect(html).toContain(`<tr>${t.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`);
      const first = t.rows[0]!;
      expect(html).toContain(`<tr>${first.map((cell, i) => `<td${t.numericColumns.includes(i) ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`);
    }
  });
});

describe('a pair that could not run', () => {
  it('says why in the lead-lag table and in place of its correlogram, with no empty statistics', () => {
    const reason = 'no day in 2024-01-01 … 2025-07-28 has a daily alt-minus-BTC return: daily alt data end 2023-08-28';
    const blocked: ThesisReport = { ...report, leadLag: report.leadLag.map((r) => (r.frequency === 'daily' ? { ...r, unavailable: reason, correlogram: [], period: { from: null, to: null }, n: 0 } : r)) };
    const row = thesisTables(blocked).find((t) => t.id === 'lead-lag')!.rows[0]!;
    expect(row[2], 'the period column carries the reason').toBe(`not run: ${reason}`);
    const html = renderThesisHtml(blocked);
    expect(html, 'no correlogram of nothing').not.toMatch(/null … null|n = 0\./);
    expect(html).toContain('daily: not run: no day in 2024-01-01');
  });
});

/**
 * The dashboard's "Your portfolio" panel in headless Chromium, against a real server (127.0.0.1) on
 * the hand-made portfolio market (test/fixtures/portfolio-market.ts: a 12 % position, a 45 % sector)
 * with a stored plan. Every expectation is checked against the API's own answers fetched beside the
 * page: holdings, exposure bars against the caps, the correlation heatmap, VaR with its basis, the
 * plan status — and the page asks nothing of any other origin. The front end is built into a
 * temporary directory, so dist/web is left alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, buildFrontEnd, describeBrowser, launchChromium } from './browser-harness.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PlanStatusResult } from '../../src/app/contracts/plan-status.ts';
import type { PortfolioResult } from '../../src/app/contracts/portfolio.ts';
import type { RiskResult } from '../../src/app/contracts/risk.ts';
import { importPortfolio } from '../../src/app/portfolio-import.ts';
import { savePlan } from '../../src/app/portfolio-plan.ts';
import type { SqliteStore } from '../../src/data/store/sqlite/sqlite-store.ts';
import { startServer, type RunningServer } from '../../src/server/start-server.ts';
import { BOOK, HOLDINGS_CSV, LAST_DAY, portfolioMarketStore } from '../fixtures/portfolio-market.ts';
import { isoDateOf } from '../../src/domain/dates.ts';


const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

describeBrowser('the portfolio panel in a browser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'altseason-portfolio-browser-'));
  const webDir = join(dir, 'web');
  let browser: Browser;
  let store: SqliteStore;
  let server: RunningServer;
  let page: Page;
  /** Every request the page made, as full URLs. */
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    buildFrontEnd(webDir);
    store = await portfolioMarketStore();
    await importPortfolio(store, { name: 'h.csv', text: HOLDINGS_CSV });
    // The fixture's sectors as stored categories (the server reads no sectors file).
    await store.write({ load: { source: 'test-categories', origin: 'portfolio-browser' }, categoryRules: BOOK.map(([symbol, category]) => ({ symbol, name: null, category, excludeFromIndex: false, source: 'test-categories' })) });
    // Every close of the fixture's last day is 1.0 and the costs are half the value: +100 %, so
    // the +50 % rung has fired, on some day before the last or on it.
    await savePlan(store, { name: 'p.yaml', text: 'name: ladder\nrules:\n  - { id: plus50, scope: alts, gain_pct: 50, sell_pct: 25 }\n' });
    server = await startServer(store, { port: 0, host: '127.0.0.1', staticDir: webDir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => errors.push(error.message));
    await page.clock.setFixedTime(new Date(`${isoDateOf(LAST_DAY)}T12:00:00Z`));
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    await page.locator('#portfolio-panel').screenshot({ path: join(ARTIFACTS, 'portfolio-panel.png') });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function api<T>(path: string): Promise<T> {
    const response = await fetch(new URL(path, server.url));
    expect(response.status, `GET ${path}`).toBe(200);
    return (await response.json()) as T;
  }

  it('shows every holding with the API\'s value, weight and as-of date', async () => {
    const portfolio = await api<PortfolioResult>('/api/portfolio');
    expect(errors, 'no script error').toEqual([]);
    expect(await page.locator('#pf-summary').textContent()).toContain(`$${portfolio.totalValueUsd}`);
    const rows = page.locator('#pf-holdings tbody tr');
    expect(await rows.count(), 'one row per holding').toBe(portfolio.holdings.length);
    for (const [i, h] of portfolio.holdings.entries()) {
      const cells = await rows.nth(i).locator('td').allTextContents();
      expect([cells[0], cells[2], cells[3], cells[7]], `holding ${h.symbol}`).toEqual([h.symbol ?? h.id, `$${h.valueUsd}`, pct(h.weight), h.priceDate]);
    }
  });

  it('draws each exposure as a bar against its cap, and marks the 12 % position and the 45 % sector', async () => {
    const r = await api<RiskResult>('/api/risk');
    const positionBars = page.locator('#pf-exposures table').nth(0).locator('tbody tr');
    expect(await positionBars.count()).toBe(r.positions.length);
    for (const [i, p] of r.positions.entries()) {
      const meter = positionBars.nth(i).locator('meter');
      const [value, high, max] = await Promise.all(['value', 'high', 'max'].map((a) => meter.getAttribute(a)));
      expect([Number(value), Number(high), Number(max)], `${p.symbol}: bar = weight (clipped at twice the cap), cap as the bar's high mark`).toEqual([Math.min(Math.abs(p.weight), 2 * r.limits.positionCap), r.limits.positionCap, 2 * r.limits.positionCap]);
      expect(await positionBars.nth(i).locator('td.num').getAttribute('class'), `${p.symbol} over the cap is marked`).toBe(p.overCap ? 'num stale' : 'num');
    }
    expect(r.positions.filter((p) => p.overCap).map((p) => p.id)).toEqual(['aaa']);
    const sectorRows = page.locator('#pf-exposures table').nth(1).locator('tbody tr');
    expect(await sectorRows.count()).toBe(r.sectors.length);
    const defi = sectorRows.filter({ hasText: 'defi' });
    expect(Number(await defi.locator('meter').getAttribute('value')), 'the 45 % sector').toBeCloseTo(0.45, 6);
    expect(await defi.locator('td.num').getAttribute('class')).toBe('num stale');
  });

  it('shades the correlation heatmap from the API\'s matrix', async () => {
    const r = await api<RiskResult>('/api/risk');
    const n = r.correlation.ids.length;
    const cells = page.locator('#pf-heatmap td.corr');
    expect(await cells.count(), `${n} × ${n} cells`).toBe(n * n);
    for (const [i, j] of [[0, 0], [0, 1], [3, 7], [n - 1, n - 2]] as const) {
      const v = r.correlation.matrix[i]![j]!;
      const cell = cells.nth(i * n + j);
      expect(await cell.textContent(), `ρ(${i}, ${j})`).toBe(v.toFixed(2));
      const step = Math.max(-5, Math.min(5, Math.round(v * 5)));
      expect(await cell.getAttribute('class'), `ρ(${i}, ${j}) = ${v} is shaded by its step of 0.2`).toBe(`corr ${step < 0 ? `corr-n${-step}` : `corr-p${step}`}`);
    }
  });

  it('lists VaR and CVaR at 95/99 %, 1 and 10 days, with their basis and coverage', async () => {
    const r = await api<RiskResult>('/api/risk');
    const rows = page.locator('#pf-risk table.var-table tbody tr');
    expect(await rows.count()).toBe(r.valueAtRisk.length);
    for (const [i, v] of r.valueAtRisk.entries()) {
      expect(await rows.nth(i).locator('td').allTextContents(), `${v.method} ${v.confidence} ${v.horizonDays}d`).toEqual([
        v.method, `${(v.confidence * 100).toFixed(0)}%`, String(v.horizonDays), pct(v.valueAtRisk), pct(v.conditionalValueAtRisk), v.scaledFromDays === null ? `${v.horizonDays}-day returns` : `scaled from ${v.scaledFromDays} d`,
      ]);
    }
    expect(await page.locator('#pf-var-coverage').textContent()).toContain(`${r.returnCoverage.periods} daily returns, ${r.returnCoverage.from} … ${r.returnCoverage.to}`);
  });

  it('shows each stored plan\'s status on the day', async () => {
    const s = await api<PlanStatusResult>('/api/plans');
    expect(s.plans.map((p) => p.plan)).toEqual(['ladder']);
    const row = page.locator('#pf-plans tr[data-plan="ladder"]');
    const cells = await row.locator('td').allTextContents();
    const check = s.plans[0]!.check!;
    const today = check.firings.filter((f) => f.firesToday);
    expect(check.firings.length, 'the +50 % rung has fired for the alts').toBeGreaterThan(0);
    expect(cells.slice(0, 3)).toEqual(['ladder', '1', String(check.firings.length - today.length)]);
    expect(cells[3]).toBe(today.length > 0 ? expect.stringContaining(`${today.length} firing today`) : 'nothing fires today');
    expect(await page.locator('#pf-plans caption').textContent()).toBe(`Profit-taking plans on ${s.asOf}`);
  });

  it('asks nothing of any other origin: the portfolio stays on this machine', () => {
    const origin = new URL(server.url).origin;
    expect(requests.filter((u) => new URL(u).origin !== origin && !u.startsWith('data:')), 'requests to other origins').toEqual([]);
    expect(requests.some((u) => u.endsWith('/api/portfolio')) && requests.some((u) => u.endsWith('/api/risk')) && requests.some((u) => u.endsWith('/api/plans'))).toBe(true);
  });
});

/**
 * The dashboard's backtest lab in headless Chromium, against a real server (127.0.0.1) on a
 * simulated market: the lab asks nothing until "Run"; a sweep with walk-forward then shows the
 * verdict, the metrics, DSR with the configurations tried, PBO, the heatmap and the walk-forward
 * table — each checked against the API's own answer for the same query fetched beside the page —
 * and the page asks nothing of any other origin. The front end is built into a temporary
 * directory, so dist/web is left alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, buildFrontEnd, describeBrowser, launchChromium } from './browser-harness.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BacktestResult } from '../../src/app/contracts/backtest.ts';
import { SqliteStore } from '../../src/data/store/sqlite/sqlite-store.ts';
import { startServer, type RunningServer } from '../../src/server/start-server.ts';
import { simulateMarket } from '../../src/sim/simulate-market.ts';
import { writeSimulatedMarket } from '../../src/sim/write-simulated-market.ts';


const QUERY = new URLSearchParams({ strategy: 'asi-regime', params: 'top=5', sweep: 'threshold=40..80:20;window=20,40', feesBps: '10', walkForward: '240:120' }).toString();

describeBrowser('the backtest lab in a browser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'altseason-backtest-browser-'));
  const webDir = join(dir, 'web');
  let browser: Browser;
  let store: SqliteStore;
  let server: RunningServer;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    buildFrontEnd(webDir);
    store = SqliteStore.open(':memory:');
    await writeSimulatedMarket(store, simulateMarket({ seed: 11, years: 3, assets: 25 }));
    server = await startServer(store, { port: 0, host: '127.0.0.1', staticDir: webDir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks nothing of /api/backtest until Run, then shows the API\'s answer for the form', async () => {
    expect(requests.filter((u) => u.includes('/api/backtest')), 'no backtest before Run').toEqual([]);
    await page.locator('#backtest-lab summary').click();
    await page.locator('#bt-params').fill('top=5');
    await page.locator('#bt-sweep').fill('threshold=40..80:20;window=20,40');
    await page.locator('#bt-wf').fill('240:120');
    await page.locator('#backtest-form button[type="submit"]').click();
    await page.waitForSelector('#backtest .verdict', { timeout: 120_000 });
    await page.locator('#backtest-lab').screenshot({ path: join(ARTIFACTS, 'backtest-lab.png') });
    expect(errors, 'no script error').toEqual([]);
    const asked = requests.filter((u) => u.includes('/api/backtest'));
    expect(asked.map((u) => Object.fromEntries(new URL(u).searchParams)), 'the form as the API query').toEqual([Object.fromEntries(new URLSearchParams(QUERY))]);

    const response = await fetch(new URL(`/api/backtest?${QUERY}`, server.url));
    expect(response.status).toBe(200);
    const result = (await response.json()) as BacktestResult;
    expect(await page.locator('#backtest .verdict').textContent(), 'the verdict line').toBe(result.honesty.verdict[0]);
    const text = (await page.locator('#backtest').textContent())!;
    expect(text, 'DSR names the configurations tried').toContain(`(N = ${result.honesty.sweep!.trials})`);
    expect(text).toContain(`${(result.honesty.sweep!.pbo! * 100).toFixed(1)}%`);
    expect(text, 'PBO is explained in one sentence').toContain(result.honesty.explanations.pbo!);
    const heat = page.locator('#backtest td[data-heat]');
    expect(await heat.count(), 'one heatmap cell per configuration (3 thresholds × 2 windows)').toBe(6);
    const shown = (await heat.allTextContents()).map(Number);
    expect(shown.sort(), 'the heatmap holds the API\'s Sharpe values').toEqual(result.sweep!.heatmap!.sharpe.flat().map((v) => Number(v!.toFixed(2))).sort());
    expect(await heat.first().evaluate((cell) => (cell as HTMLElement).style.background), 'cells are shaded').toMatch(/hsl|rgb/);
    const walkForwardRows = page.locator('#backtest table').last().locator('tbody tr');
    expect(await walkForwardRows.count(), 'one row per walk-forward fold').toBe(result.walkForward!.folds.length);
    expect(await page.locator('#bt-equity canvas').count(), 'the equity chart is drawn').toBeGreaterThan(0);
    expect(await page.locator('#bt-drawdown canvas').count(), 'the drawdown chart is drawn').toBeGreaterThan(0);
    const origin = new URL(server.url).origin;
    expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:')), 'nothing asked of another origin').toEqual([]);
  }, 180_000);
});

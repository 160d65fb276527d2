/**
 * The dashboard in headless Chromium (Debian's package; .ci/run installs it): the page loads,
 * charts render with data, clicking a date shows its constituents, and the simulated-data banner
 * appears exactly when the data are simulated. Screenshots go to test-artifacts/ for people to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SqliteStore } from '../../src/data/store/sqlite/sqlite-store.ts';
import { startServer, WEB_DIST_DIR, webBuildPath, type RunningServer } from '../../src/server/start-server.ts';
import { simulateMarket } from '../../src/sim/simulate-market.ts';
import { writeSimulatedMarket } from '../../src/sim/write-simulated-market.ts';
import { hasSharedData } from '../shared-data.ts';

const CHROMIUM = process.env.ALTSEASON_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'screenshots');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI === 'true') throw new Error(`Chromium is missing at ${CHROMIUM}: .ci/run installs Debian's chromium package`);

const describeBrowser = haveChromium ? describe : describe.skip;

describeBrowser('dashboard in a browser', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'altseason-browser-'));

  beforeAll(async () => {
    if (!existsSync(webBuildPath())) execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function openDashboard(server: RunningServer, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const page = await browser.newPage({ viewport });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    expect(errors, 'the page runs without script errors').toEqual([]);
    return page;
  }

  it('shows the simulated market with its banner, charts and constituents on click', async () => {
    const store = SqliteStore.open(join(dir, 'simulated.db'));
    await writeSimulatedMarket(store, simulateMarket({ seed: 1, years: 4, assets: 30, leadDays: 20, effect: 0.1, startDate: '2019-01-01' }));
    const server = await startServer(store, { port: 0, staticDir: WEB_DIST_DIR });
    try {
      const page = await openDashboard(server);
      const banner = page.locator('#data-notice');
      await expect.poll(() => banner.isVisible(), { message: 'the simulated-data banner is shown for simulated data' }).toBe(true);
      expect(await banner.textContent()).toMatch(/SIMULATED DATA/);
      expect(await page.locator('#status .card').count(), 'status cards are shown').toBeGreaterThanOrEqual(4);
      for (const id of ['asi-chart', 'btcd-chart', 'total2-chart', 'rut-chart']) {
        expect(await page.locator(`#${id} canvas`).count(), `${id} draws a chart`).toBeGreaterThan(0);
      }
      expect(await page.locator('#asi-chart .u-legend').textContent(), 'the ASI chart has its series').toMatch(/ASI 90d/);

      // Click in the middle of the ASI chart: the constituents of that date appear.
      const before = await page.locator('#explain h3').textContent();
      const over = page.locator('#asi-chart .u-over');
      const box = (await over.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
      await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.5);
      await expect.poll(() => page.locator('#explain h3').textContent(), { message: 'clicking a date shows that date' }).not.toBe(before);
      expect(await page.locator('[data-testid="constituents"] tbody tr').count(), 'the constituents table has rows').toBeGreaterThan(5);
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-simulated.png'), fullPage: true });

      // The thesis lab runs on request and then shows its verdict, correlogram and event study.
      await page.locator('#thesis-run').click();
      await page.waitForSelector('#thesis .verdict', { timeout: 60_000 });
      expect(await page.locator('#thesis').textContent(), 'the simulated ground truth is shown beside the verdict').toMatch(/planted lead of 20 days/);
      for (const id of ['thesis-ccf', 'thesis-event']) expect(await page.locator(`#${id} canvas`).count(), `${id} draws a chart`).toBeGreaterThan(0);
      await page.locator('#thesis').screenshot({ path: join(ARTIFACTS, 'dashboard-simulated-thesis.png') });

      await page.locator('[data-window="365"]').click();
      await expect.poll(() => page.locator('#asi-chart .u-legend').textContent()).toMatch(/ASI 365d/);
      await page.close();
    } finally {
      await server.close();
      await store.close();
    }
  });

  it.runIf(hasSharedData)('shows real data without the banner, in dark mode and on a phone', async () => {
    const store = SqliteStore.open(inject('realDataDb')!);
    const server = await startServer(store, { port: 0, staticDir: WEB_DIST_DIR });
    try {
      const page = await openDashboard(server);
      expect(await page.locator('#data-notice').isVisible(), 'no banner for real data').toBe(false);
      expect(await page.locator('#rut-breakouts').textContent(), 'the 2020-11-13 breakout is listed').toContain('2020-11-13');
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-real-light.png'), fullPage: true });
      for (const [index, panel] of (await page.locator('section.panel').all()).entries()) {
        await panel.screenshot({ path: join(ARTIFACTS, `dashboard-real-panel-${index + 1}.png`) });
      }
      await page.locator('#theme-toggle').click();
      await page.waitForSelector('body[data-ready="true"]');
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-real-dark.png'), fullPage: true });
      await page.close();

      const phone = await openDashboard(server, { width: 390, height: 844 });
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, 'no horizontal scrolling of the page on a phone').toBeLessThanOrEqual(1);
      await phone.screenshot({ path: join(ARTIFACTS, 'dashboard-real-phone.png'), fullPage: true });
      await phone.close();
    } finally {
      await server.close();
      await store.close();
    }
  });
});

/**
 * The dashboard in headless Chromium (Debian's package; .ci/run installs it), against a real server
 * on a simulated store (and on ../shared/data when present). Every expectation is checked against
 * the API's own answer, fetched beside the page, so a panel that shows the wrong number, date or
 * row count fails. Screenshots go to test-artifacts/screenshots for people to look at.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type uPlot from 'uplot';
import { ARTIFACTS, buildFrontEnd, describeBrowser, launchChromium } from './browser-harness.ts';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { SqliteStore } from '../../src/data/store/sqlite/sqlite-store.ts';
import type { DominanceResponse, ExplainResponse, IndexResponse, MetaResponse, RutResponse, StatusResponse } from '../../src/server/api-types.ts';
import { answerLastDate, readDominance, readExplain, readIndex, readRut } from '../../src/web/api-shapes.ts';
import { startServer, WEB_DIST_DIR, webBuildPath, type RunningServer } from '../../src/server/start-server.ts';
import { simulateMarket } from '../../src/sim/simulate-market.ts';
import { writeSimulatedMarket } from '../../src/sim/write-simulated-market.ts';
import { hasSharedData } from '../shared-data.ts';


const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const DAY_MS = 86_400_000;
const seconds = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
const isoPlusDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** What a chart leaves on its element (src/web/charts/time-chart.ts), with uPlot's computed axis fields. */
type ChartElement = HTMLElement & { chartHandle?: { uplot: uPlot; markersDrawn: Map<string, { shape: string; count: number }> } };
type ComputedAxis = uPlot.Axis & { _values?: string[] | null; _size?: number };

interface OpenedPage {
  page: Page;
  /** Script errors and console errors seen so far. */
  errors: string[];
  /** Every API request the page made, as "GET /api/…". */
  requests: string[];
}

describeBrowser('dashboard in a browser', () => {
  let browser: Browser;
  let simulated: { store: SqliteStore; server: RunningServer };
  const dir = mkdtempSync(join(tmpdir(), 'altseason-browser-'));

  beforeAll(async () => {
    // Always build: a dist/web left from before a change would test the old page.
    buildFrontEnd();
    if (!existsSync(webBuildPath())) throw new Error(`vite build did not write ${webBuildPath()}`);
    browser = await launchChromium();
    const store = SqliteStore.open(join(dir, 'simulated.db'));
    await writeSimulatedMarket(store, simulateMarket({ seed: 1, years: 4, assets: 30, leadDays: 20, effect: 0.1, startDate: '2019-01-01' }));
    simulated = { store, server: await startServer(store, { port: 0, staticDir: WEB_DIST_DIR }) };
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await simulated?.server.close();
    await simulated?.store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function api<T>(server: RunningServer, path: string): Promise<T> {
    const response = await fetch(new URL(path, server.url));
    expect(response.status, `GET ${path} answers`).toBe(200);
    return (await response.json()) as T;
  }

  async function openDashboard(
    server: RunningServer,
    options: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark'; now?: string; route?: (page: Page) => Promise<unknown> } = {},
  ): Promise<OpenedPage> {
    const page = await browser.newPage({ viewport: options.viewport ?? DESKTOP, colorScheme: options.colorScheme ?? 'light' });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (error) => errors.push(`script error: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && errors.push(`console error: ${message.text()}`));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) requests.push(`${request.method()} ${url.pathname}`);
    });
    if (options.now) await page.clock.setFixedTime(new Date(`${options.now}T12:00:00Z`));
    await options.route?.(page);
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="constituents"]', { timeout: 30_000 });
    return { page, errors, requests };
  }

  /** What a uPlot chart shows, read from the handle the chart leaves on its element. */
  function chartState(page: Page, id: string) {
    return page.evaluate((chartId) => {
      const handle = (document.getElementById(chartId) as ChartElement).chartHandle;
      if (!handle) return null;
      const u = handle.uplot;
      const y = u.axes[1] as ComputedAxis;
      const font = y.font as unknown;
      return {
        xMin: u.scales.x!.min!,
        xMax: u.scales.x!.max!,
        yDistr: u.scales.y!.distr!,
        yLabels: y._values ?? [],
        ySize: y._size!,
        yTick: y.ticks!.size!,
        yGap: y.gap!,
        yFont: String(Array.isArray(font) ? font[0] : font),
        cursorIdx: u.cursor.idx ?? null,
        markers: Object.fromEntries(handle.markersDrawn),
      };
    }, id);
  }

  const legendDate = (page: Page, id: string) => page.locator(`#${id} .u-legend .u-series`).first().locator('.u-value').textContent();

  it('loads the simulated market: banner, status cards as the API gives them, charts, and no request for the thesis', async () => {
    const { server } = simulated;
    const status = await api<StatusResponse>(server, '/api/status');
    const { page, errors, requests } = await openDashboard(server);
    expect(await page.locator('#data-notice').isVisible(), 'the simulated-data banner is shown for simulated data').toBe(true);
    expect(await page.locator('#data-notice').textContent()).toMatch(/SIMULATED DATA/);

    const cards = page.locator('#status .card');
    expect(await cards.count(), 'one card per /api/status item').toBe(status.items.length);
    for (const item of status.items) {
      const card = page.locator(`#status .card[data-key="${item.key}"]`);
      expect(await card.locator('.value').textContent(), `the ${item.key} card shows the API's value`).toBe(item.value);
    }
    for (const window of [30, 90, 365]) {
      expect(await page.locator(`#status .card[data-key="asi${window}"] .basis`).textContent(), `the ASI ${window}d card names its window`).toMatch(new RegExp(`^${window}-day window`));
    }
    expect(await page.locator('#status .card[data-key="btcd"] .basis').textContent(), 'the BTC.D card names its universe').toContain('top 125 stored assets');
    expect(await page.locator('#status .card[data-key="total2"] .basis').textContent(), 'the TOTAL2 card names its window').toMatch(/^(30|90)-day growth/);

    for (const id of ['asi-chart', 'btcd-chart', 'total2-chart', 'stable-chart', 'rut-chart', 'rut-dd-chart', 'rut-spx-chart']) {
      expect(await page.locator(`#${id} canvas`).count(), `${id} draws a chart`).toBeGreaterThan(0);
    }
    expect(await page.locator('#asi-chart .u-legend').textContent(), 'the ASI chart has its series').toMatch(/ASI 90d/);
    expect((await chartState(page, 'asi-chart'))?.yLabels, 'the ASI axis reads 0…100 without decimals').toEqual(['0', '20', '40', '60', '80', '100']);

    expect(requests.filter((r) => r.endsWith('/api/thesis')), 'the thesis is not asked for until the lab is opened').toEqual([]);
    expect(errors, 'the page loads without script or console errors').toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-simulated.png'), fullPage: true });
    await page.close();
  });

  it('lists exactly the date typed in the date field, with the API’s constituents and index; clicking the chart still picks a date', async () => {
    const { server } = simulated;
    const index = readIndex(await api<IndexResponse>(server, '/api/index?window=90'));
    const defined = index.points.filter((p) => p.index !== null);
    const date = defined[Math.floor(defined.length / 3)]!.date;
    const explain = readExplain(await api<ExplainResponse>(server, `/api/index/explain?date=${date}&window=90`));
    const { page, errors } = await openDashboard(server);
    expect(await page.locator('[data-testid="explain-date"]').textContent(), 'the latest date is explained first').toBe(defined.at(-1)!.date);

    await page.locator('#explain-date').fill(date);
    await expect.poll(() => page.locator('[data-testid="explain-date"]').textContent(), { message: 'the typed date is the one explained' }).toBe(date);
    expect(await page.locator('[data-testid="constituents"] tbody tr').count(), "one row per constituent in the API's answer").toBe(explain.constituents.length);
    expect(await page.locator('[data-testid="explain-index"]').textContent(), "the API's index value is shown").toBe(explain.index!.toFixed(0));
    expect(await page.locator('[data-testid="beat"]', { hasText: /^beat$/ }).count(), 'the coins that beat BTC').toBe(explain.constituents.filter((c) => c.beatBtc).length);

    // A click in the middle of the chart picks some date there, and the date field follows it.
    const over = page.locator('#asi-chart .u-over');
    const box = (await over.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.5);
    await expect.poll(() => page.locator('[data-testid="explain-date"]').textContent(), { message: 'clicking the chart shows another date' }).not.toBe(date);
    const clicked = await page.locator('[data-testid="explain-date"]').textContent();
    expect(await page.locator('#explain-date').inputValue(), 'the date field shows the clicked date').toBe(clicked);
    expect(await legendDate(page, 'asi-chart'), 'the clicked date is the one under the cursor').toBe(clicked);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws breakouts as diamonds on the plot and in the legend, one per breakout in the API', async () => {
    const { server } = simulated;
    const rut = readRut(await api<RutResponse>(server, '/api/rut'));
    expect(rut.breakouts.length, 'the simulated Russell 2000 has breakouts to draw').toBeGreaterThan(0);
    const { page } = await openDashboard(server);
    const state = (await chartState(page, 'rut-chart'))!;
    expect(state.markers['Breakout'], 'every breakout is drawn, as a diamond').toEqual({ shape: 'diamond', count: rut.breakouts.length });
    expect(state.markers['Record close']?.shape, 'record closes are dots').toBe('dot');

    const legendMarker = page.locator('#rut-chart .u-legend .u-series', { hasText: 'Breakout' }).locator('.u-marker');
    expect(await legendMarker.getAttribute('data-shape'), 'the legend marks breakouts with a diamond').toBe('diamond');
    const transform = await legendMarker.evaluate((el) => getComputedStyle(el).transform);
    const [a, b] = /matrix\(([^,]+), ([^,]+)/.exec(transform)!.slice(1).map(Number) as [number, number];
    expect(Math.abs(a - b) < 0.01 && a > 0, `the legend square is turned 45° into a diamond (transform ${transform})`).toBe(true);

    // On the plot: the breakout's colour at its centre, and not at (3.5, 3.5) px from it, which lies
    // inside a circle of the same size but outside a diamond.
    const first = rut.breakouts[0]!;
    const pixels = await page.evaluate(
      ({ x, y }) => {
        const u = (document.getElementById('rut-chart') as ChartElement).chartHandle!.uplot;
        const px = u.valToPos(x, 'x', true);
        const py = u.valToPos(y, 'y', true);
        const off = 3.5 * (window.devicePixelRatio || 1);
        const at = (dx: number, dy: number) => Array.from(u.ctx.getImageData(Math.round(px + dx), Math.round(py + dy), 1, 1).data.slice(0, 3));
        const hex = getComputedStyle(document.documentElement).getPropertyValue('--btc').trim();
        const colour = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
        return { centre: at(0, 0), corner: at(off, off), colour };
      },
      { x: seconds(first.date), y: first.close! },
    );
    const near = (p: number[], q: number[]) => p.every((v, i) => Math.abs(v - q[i]!) <= 24);
    expect(near(pixels.centre, pixels.colour), `the breakout of ${first.date} is drawn in its colour (${pixels.centre} vs ${pixels.colour})`).toBe(true);
    expect(near(pixels.corner, pixels.colour), `the marker is a diamond, not a circle (${pixels.corner} at the corner)`).toBe(false);
    await page.locator('#rut-chart').screenshot({ path: join(ARTIFACTS, 'dashboard-simulated-rut.png') });
    await page.close();
  });

  it('range presets, the log switch and one crosshair apply to every time chart', async () => {
    const { server } = simulated;
    const index = readIndex(await api<IndexResponse>(server, '/api/index?window=90'));
    const rut = readRut(await api<RutResponse>(server, '/api/rut'));
    const dominance = readDominance(await api<DominanceResponse>(server, '/api/dominance'));
    const { page, errors } = await openDashboard(server);

    await page.locator('[data-range="1y"]').click();
    const asiLast = index.points.at(-1)!.date;
    const rutLast = rut.days.at(-1)!.date;
    const asi = (await chartState(page, 'asi-chart'))!;
    expect([asi.xMin, asi.xMax], '1Y shows the last 365 days of the ASI').toEqual([seconds(isoPlusDays(asiLast, -365)), seconds(asiLast)]);
    const rutChart = (await chartState(page, 'rut-chart'))!;
    expect([rutChart.xMin, rutChart.xMax], '1Y shows the last 365 days of the Russell 2000').toEqual([seconds(isoPlusDays(rutLast, -365)), seconds(rutLast)]);
    await page.locator('[data-range="3y"]').click();
    expect((await chartState(page, 'btcd-chart'))!.xMin, '3Y: BTC.D from 1095 days before its end').toBe(seconds(isoPlusDays(dominance.days.at(-1)!.date, -1095)));

    await page.locator('[data-scale="log"]').click();
    expect((await chartState(page, 'rut-chart'))!.yDistr, 'Log puts the Russell 2000 on a log axis').toBe(3);
    expect((await chartState(page, 'total2-chart'))!.yDistr, 'and the market caps').toBe(3);
    expect((await chartState(page, 'asi-chart'))!.yDistr, 'the ASI (0–100) stays linear').toBe(1);
    await page.locator('[data-scale="linear"]').click();
    expect((await chartState(page, 'rut-chart'))!.yDistr, 'Linear switches back').toBe(1);

    await page.locator('[data-range="all"]').click();
    // The mouse moves in the viewport: bring the chart into it (panels above may push it down).
    await page.locator('#asi-chart .u-over').scrollIntoViewIfNeeded();
    const over = (await page.locator('#asi-chart .u-over').boundingBox())!;
    await page.mouse.move(over.x + over.width * 0.45, over.y + over.height * 0.5);
    const hovered = await legendDate(page, 'asi-chart');
    expect(hovered, 'the ASI legend shows the hovered date').toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await legendDate(page, 'btcd-chart'), 'the BTC.D crosshair is on the same day').toBe(hovered);
    const rutDate = await legendDate(page, 'rut-chart');
    expect(Math.abs(seconds(rutDate!) - seconds(hovered!)) / 86_400, `the Russell 2000 crosshair is on the nearest trading day (${rutDate} vs ${hovered})`).toBeLessThanOrEqual(3);

    // A drag across one time chart shows that range on all of them.
    await page.mouse.move(over.x + over.width * 0.3, over.y + over.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(over.x + over.width * 0.5, over.y + over.height * 0.5, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await chartState(page, 'asi-chart'))!.xMax - (await chartState(page, 'asi-chart'))!.xMin, { message: 'the drag narrows the ASI' }).toBeLessThan(
      (seconds(asiLast) - seconds(index.points[0]!.date)) * 0.3,
    );
    const dragged = (await chartState(page, 'asi-chart'))!;
    for (const id of ['btcd-chart', 'rut-chart', 'rut-spx-chart']) {
      const other = (await chartState(page, id))!;
      expect([other.xMin, other.xMax], `${id} shows the dragged range`).toEqual([dragged.xMin, dragged.xMax]);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('states the age of the data and warns when it is more than 3 days old', async () => {
    const { server } = simulated;
    const meta = await api<MetaResponse>(server, '/api/meta');
    const old = await openDashboard(server, { now: isoPlusDays(meta.lastDate!, 10) });
    expect(await old.page.locator('#stale-notice').isVisible(), 'data 10 days old are flagged').toBe(true);
    expect(await old.page.locator('[data-testid="stale-age"]').textContent()).toBe(`data end ${meta.lastDate}, 10 days ago`);
    expect(await old.page.locator('#data-age').textContent()).toBe(`data end ${meta.lastDate}, 10 days ago`);
    // Each panel states its own data's end, when the answer says it (the Russell 2000 may end elsewhere).
    const rutEnd = answerLastDate(await api<RutResponse>(server, '/api/rut'));
    if (rutEnd) {
      const days = Math.round((Date.parse(`${isoPlusDays(meta.lastDate!, 10)}T00:00:00Z`) - Date.parse(`${rutEnd}T00:00:00Z`)) / DAY_MS);
      expect(await old.page.locator('#rut-age').textContent(), 'the Russell 2000 panel states its data end').toBe(`data end ${rutEnd}, ${days} days ago`);
    }
    await old.page.close();

    const fresh = await openDashboard(server, { now: isoPlusDays(meta.lastDate!, 2) });
    expect(await fresh.page.locator('#stale-notice').isVisible(), 'data 2 days old are not flagged').toBe(false);
    expect(await fresh.page.locator('#data-age').textContent()).toBe(`data end ${meta.lastDate}, 2 days ago`);
    await fresh.page.close();
  });

  it('keeps the beat/no column in view on a phone, without horizontal page scrolling', async () => {
    const { server } = simulated;
    const index = readIndex(await api<IndexResponse>(server, '/api/index?window=90'));
    const explain = readExplain(await api<ExplainResponse>(server, `/api/index/explain?date=${index.points.at(-1)!.date}&window=90`));
    const { page, errors } = await openDashboard(server, { viewport: PHONE });
    const cells = page.locator('[data-testid="beat"]');
    expect(await cells.count()).toBe(explain.constituents.length);
    for (const cell of (await cells.all()).slice(0, 5)) {
      const box = (await cell.boundingBox())!;
      expect(box.x >= 0 && box.x + box.width <= PHONE.width, `the verdict cell (x ${box.x.toFixed(0)}–${(box.x + box.width).toFixed(0)}) is on the screen`).toBe(true);
      expect(await cell.textContent()).toMatch(/^(beat|no)$/);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'no horizontal scrolling of the page on a phone').toBeLessThanOrEqual(1);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-simulated-phone.png'), fullPage: true });
    await page.close();
  });

  it('switches between light and dark and redraws the charts in the new colours', async () => {
    const { server } = simulated;
    const { page, errors } = await openDashboard(server, { colorScheme: 'light' });
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background(), 'light background').toBe('rgb(246, 247, 249)');
    await page.locator('#theme-toggle').click();
    expect(await background(), 'dark background after the switch').toBe('rgb(14, 17, 23)');
    const stroke = await page.evaluate(() => {
      const u = (document.getElementById('asi-chart') as ChartElement).chartHandle!.uplot;
      const stroke = u.series[1]!.stroke as unknown;
      return typeof stroke === 'function' ? String(stroke(u, 1)) : String(stroke);
    });
    expect(stroke, 'the ASI line is redrawn in the dark theme’s accent').toBe('#58a6ff');
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-simulated-dark.png'), fullPage: true });
    await page.close();
  });

  it('opens the thesis lab on request: "not computed" (404 or 200) offers the run, then the report with correlogram labels that fit', async () => {
    const { server } = simulated;
    // A server that answers 200 { state: 'not-computed' } (the newer API) is not an error either.
    const newer = await openDashboard(server, {
      route: (page) => page.route('**/api/thesis', (route) => (route.request().method() === 'GET' ? route.fulfill({ json: { state: 'not-computed' } }) : route.continue())),
    });
    await newer.page.locator('#thesis-lab summary').click();
    await expect.poll(() => newer.page.locator('[data-testid="thesis-state"]').textContent(), { message: 'a not-computed answer offers the run' }).toMatch(/Not computed yet/);
    expect(await newer.page.locator('#thesis-run').isVisible()).toBe(true);
    expect(newer.errors, 'no error for a not-computed answer').toEqual([]);
    await newer.page.close();

    const failed = await openDashboard(server, {
      route: (page) => page.route('**/api/thesis', (route) => (route.request().method() === 'GET' ? route.fulfill({ json: { state: 'failed', detail: 'the thesis tests failed: no ^RUT' } }) : route.continue())),
    });
    await failed.page.locator('#thesis-lab summary').click();
    await expect.poll(() => failed.page.locator('[data-testid="thesis-state"]').textContent(), { message: 'a failed run says why' }).toBe('The last run failed: the thesis tests failed: no ^RUT.');
    expect(await failed.page.locator('#thesis-run').textContent(), 'and offers another run').toBe('Run them again');
    await failed.page.close();

    const { page, errors, requests } = await openDashboard(server);
    expect(requests.filter((r) => r.endsWith('/api/thesis'))).toEqual([]);
    await page.locator('#thesis-lab summary').click();
    await expect.poll(() => page.locator('#thesis-run').isVisible(), { message: "this server's not-computed answer offers the run too" }).toBe(true);
    expect(requests.filter((r) => r.endsWith('/api/thesis')), 'opening the lab asks once').toEqual(['GET /api/thesis']);
    expect(await page.locator('#thesis').textContent(), 'no error is shown for "not computed"').not.toMatch(/Could not load/);
    // Chromium itself would log an older server's 404 for "not computed"; nothing else may be logged.
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);

    await page.locator('#thesis-run').click();
    await page.waitForSelector('#thesis .verdict', { timeout: 90_000 });
    expect(await page.locator('#thesis').textContent(), 'the simulated ground truth is shown beside the verdict').toMatch(/planted lead of 20 days/);
    for (const id of ['thesis-ccf', 'thesis-event']) expect(await page.locator(`#${id} canvas`).count(), `${id} draws a chart`).toBeGreaterThan(0);
    const ccf = (await chartState(page, 'thesis-ccf'))!;
    expect(ccf.yLabels.some((label) => label.startsWith('\u2212')), `the correlogram axis has negative labels (${ccf.yLabels.join(' ')})`).toBe(true);
    const widths = await page.evaluate(
      ({ labels, font }) => {
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = font;
        return labels.map((label) => context.measureText(label).width);
      },
      { labels: ccf.yLabels, font: ccf.yFont.replace(/^[\d.]+px/, '12px') },
    );
    for (const [i, label] of ccf.yLabels.entries()) {
      expect(widths[i]! + ccf.yTick + ccf.yGap, `the label "${label}" fits in the ${ccf.ySize}px axis (its minus sign is not clipped)`).toBeLessThanOrEqual(ccf.ySize);
    }
    await page.locator('#thesis-lab').screenshot({ path: join(ARTIFACTS, 'dashboard-simulated-thesis.png') });
    await page.close();
  });

  it.runIf(hasSharedData)('shows the shared data: the 2024-07-28 constituents as the API lists them, the provider file, the data age, on desktop and phone', async () => {
    const store = SqliteStore.open(inject('realDataDb')!);
    const server = await startServer(store, { port: 0, staticDir: WEB_DIST_DIR });
    try {
      const meta = await api<MetaResponse>(server, '/api/meta');
      const explain = readExplain(await api<ExplainResponse>(server, '/api/index/explain?date=2024-07-28&window=90'));
      const dominance = await api<DominanceResponse>(server, '/api/dominance?from=2025-07-01');
      const today = new Date().toISOString().slice(0, 10);
      const ageDays = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${meta.lastDate}T00:00:00Z`)) / DAY_MS);
      const { page, errors } = await openDashboard(server, { now: today });
      expect(await page.locator('#data-notice').isVisible(), 'no simulated-data banner for real data').toBe(false);
      expect(await page.locator('#rut-breakouts').textContent(), 'the 2020-11-13 breakout is listed').toContain('2020-11-13');
      expect(await page.locator('#data-age').textContent(), 'the data age is stated').toBe(`data end ${meta.lastDate}, ${ageDays} days ago`);
      expect(await page.locator('#stale-notice').isVisible(), `data ${ageDays} days old are flagged`).toBe(ageDays > 3);

      await page.locator('#explain-date').fill('2024-07-28');
      await expect.poll(() => page.locator('[data-testid="explain-date"]').textContent()).toBe('2024-07-28');
      expect(await page.locator('[data-testid="constituents"] tbody tr').count(), "the API's constituents, all of them").toBe(explain.constituents.length);
      expect(await page.locator('[data-testid="explain-index"]').textContent()).toBe(explain.index!.toFixed(0));

      if (dominance.providerSeriesLabel?.includes('.csv')) {
        const file = /[\w.-]+\.csv/.exec(dominance.providerSeriesLabel)![0];
        expect(await page.locator('#dom-universe').textContent(), 'the provider series is named by its file').toContain(`provider series imported from ${file}`);
        expect(await page.locator('#dominance-panel').textContent(), 'no "(provider unnamed)" left on the panel').not.toMatch(/provider unnamed/);
      }
      expect(errors).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-real-light.png'), fullPage: true });
      await page.locator('#theme-toggle').click();
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-real-dark.png'), fullPage: true });
      await page.close();

      const phone = await openDashboard(server, { viewport: PHONE });
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, 'no horizontal scrolling of the page on a phone').toBeLessThanOrEqual(1);
      const verdict = (await phone.page.locator('[data-testid="beat"]').first().boundingBox())!;
      expect(verdict.x + verdict.width, 'the beat/no column is on the phone screen').toBeLessThanOrEqual(PHONE.width);
      await phone.page.screenshot({ path: join(ARTIFACTS, 'dashboard-real-phone.png'), fullPage: true });
      await phone.page.close();
    } finally {
      await server.close();
      await store.close();
    }
  });
});

/**
 * What the browser tests share: Debian's Chromium (ALTSEASON_CHROMIUM overrides the path; the
 * suite is skipped without it, except under CI, where .ci/run installs it and its absence is an
 * error), the screenshot folder, the front end built into a folder of the test's own, and
 * Chromium launched headless with the flags this machine needs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { describe } from 'vitest';

const CHROMIUM = process.env.ALTSEASON_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI === 'true') throw new Error(`Chromium is missing at ${CHROMIUM}: .ci/run installs Debian's chromium package`);

/** describe when Chromium is installed, else describe.skip. */
export const describeBrowser = haveChromium ? describe : describe.skip;

/** Where the tests write their screenshots (created on first use). */
export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'screenshots');

/** Builds the front end with Vite: into `outDir` (emptied first), or into dist/web when none is given. */
export function buildFrontEnd(outDir?: string): void {
  execFileSync('npx', ['vite', 'build', ...(outDir ? ['--outDir', outDir, '--emptyOutDir'] : [])], { stdio: 'inherit' });
  mkdirSync(ARTIFACTS, { recursive: true });
}

/** Chromium, headless, with no sandbox, GPU or background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

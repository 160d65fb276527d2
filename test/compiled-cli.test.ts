/**
 * The compiled CLI (dist/cli-bundle/, what `npm ci` builds and users run) answers as the sources
 * do. Every other test runs the TypeScript sources (ALTSEASON_FROM_SOURCE=1), so without this one a
 * bundling step (chunking, the stand-in for commander's node:child_process, the lazily read panel
 * cache columns) could break the installed command unnoticed. Locally, a bundle older than the
 * sources is skipped with a note (run `npm run build`); CI builds it fresh and requires it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '..');
const BIN = join(REPO, 'bin', 'altseason.js');
const BUNDLE = join(REPO, 'dist', 'cli-bundle', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const bundleState = !existsSync(BUNDLE) ? 'missing' : statSync(BUNDLE).mtimeMs < newestSource(join(REPO, 'src')) ? 'older than src/' : 'fresh';
if (bundleState !== 'fresh' && process.env.CI === 'true') throw new Error(`the compiled CLI ${BUNDLE} is ${bundleState}: npm ci must build it (prepare)`);
if (bundleState !== 'fresh') console.warn(`compiled CLI ${bundleState}: its test skips (run \`npm run build\`)`);

describe.skipIf(bundleState !== 'fresh')('the compiled CLI', () => {
  const cacheHome = mkdtempSync(join(tmpdir(), 'altseason-compiled-cli-'));
  afterAll(() => rmSync(cacheHome, { recursive: true, force: true }));

  const run = (args: string[], fromSource: boolean, extraEnv: NodeJS.ProcessEnv = {}) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: cacheHome, ...extraEnv };
    if (fromSource) env.ALTSEASON_FROM_SOURCE = '1';
    else delete env.ALTSEASON_FROM_SOURCE;
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(result.status, `altseason ${args.join(' ')} (${fromSource ? 'sources' : 'compiled'}): ${result.stderr}`).toBe(0);
    return result.stdout;
  };

  it('prints the package version and the commands', () => {
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    expect(run(['--version'], false).trim()).toBe(version);
    const help = run(['--help'], false);
    for (const command of ['index', 'dominance', 'thesis', 'backtest', 'serve']) expect(help, `--help lists ${command}`).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('gives the same index, explanation and rotation as the sources on the shared data (panel cache written, then read back)', (context) => {
    const db = inject('realDataDb');
    if (db === null) return context.skip();
    // A copy of the store of its own, so its panel cache is written here and read back by the second run.
    const store = join(cacheHome, 'store.db');
    spawnSync('cp', [db, store]);
    for (const args of [
      ['index', '--from', '2017-01-01', '--to', '2021-12-31', '--format', 'csv'],
      ['index', '--explain', '2021-05-01', '--format', 'json'],
      ['rotation', '--from', '2021-01-01', '--to', '2021-06-30', '--format', 'json'],
    ]) {
      const written = run(['--db', store, ...args], false);
      const read = run(['--db', store, ...args], false);
      const expected = run(['--db', store, ...args], true, { ALTSEASON_PANEL_CACHE: '0' }); // the panel built from the store
      expect(written, `${args.join(' ')}: the compiled CLI, writing the cache`).toBe(expected);
      expect(read, `${args.join(' ')}: the compiled CLI, reading it`).toBe(expected);
    }
  });
});

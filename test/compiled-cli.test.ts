/**
 * The compiled CLI (dist/cli-bundle/, what `npm ci` builds and users run) answers as the sources
 * do. Every other test runs the TypeScript sources (ALTSEASON_FROM_SOURCE=1), so without this one a
 * bundling step (one CommonJS script per command, its V8 code cache, the stand-in for commander's
 * node:child_process, the lazily read panel cache columns) could break the installed command unnoticed. Locally, a bundle older than the
 * sources is skipped with a note (run `npm run build`); CI builds it fresh and requires it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '..');
const BIN = join(REPO, 'bin', 'altseason.js');
const BUNDLES = join(REPO, 'dist', 'cli-bundle');
const BUNDLE = join(BUNDLES, 'route.cjs');

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

  it('keeps each bundle\'s V8 code cache: written after a success only, then reused; a damaged or outdated one is replaced', () => {
    // An install of its own (bin, bundles, package.json, node_modules), so its .code-cache starts empty.
    const install = join(cacheHome, 'install');
    mkdirSync(join(install, 'dist'), { recursive: true });
    cpSync(join(REPO, 'bin'), join(install, 'bin'), { recursive: true });
    cpSync(BUNDLES, join(install, 'dist', 'cli-bundle'), { recursive: true, filter: (path) => !path.includes('.code-cache') });
    cpSync(join(REPO, 'package.json'), join(install, 'package.json'));
    symlinkSync(join(REPO, 'node_modules'), join(install, 'node_modules'));
    const cacheDir = join(install, 'dist', 'cli-bundle', '.code-cache');
    const altseason = (...args: string[]) => spawnSync(process.execPath, [join(install, 'bin', 'altseason.js'), ...args], { cwd: install, env: { ...process.env, NO_COLOR: '1', ALTSEASON_FROM_SOURCE: '' }, encoding: 'utf8' });
    const caches = () => (existsSync(cacheDir) ? readdirSync(cacheDir).sort() : []);
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };

    expect(altseason('size', '--no-such-flag').status, 'a failed command').toBe(1);
    expect(caches(), 'a failed run saves no cache').toEqual([]);
    expect(altseason('--version').stdout.trim()).toBe(version);
    const [mainCache] = caches();
    expect(mainCache, 'saved after --version (the main bundle)').toMatch(/^main-\d+-\d+-v\d+\.\d+\.\d+-\w+\.bin$/);
    const saved = readFileSync(join(cacheDir, mainCache!));
    const savedAt = statSync(join(cacheDir, mainCache!)).mtimeMs;
    expect(altseason('--help').stdout).toMatch(/^\s+index\b/m);
    expect(statSync(join(cacheDir, mainCache!)).mtimeMs, 'accepted by V8, so not written again').toBe(savedAt);

    writeFileSync(join(cacheDir, mainCache!), Buffer.from('not a code cache'));
    expect(altseason('--version').stdout.trim(), 'a damaged cache is only a slower start').toBe(version);
    expect(readFileSync(join(cacheDir, mainCache!)).length, 'V8 rejected it: a new cache replaces it').toBeGreaterThan(saved.length / 2);
    const replacedAt = statSync(join(cacheDir, mainCache!)).mtimeMs;
    expect(altseason('--version').stdout.trim()).toBe(version);
    expect(statSync(join(cacheDir, mainCache!)).mtimeMs, 'and V8 accepts the new one').toBe(replacedAt);

    utimesSync(join(install, 'dist', 'cli-bundle', 'main.cjs'), new Date(), new Date(Date.now() + 5000));
    expect(altseason('--version').stdout.trim()).toBe(version);
    expect(caches().filter((name) => name.startsWith('main-')), 'a rebuilt bundle gets a cache of its own').toHaveLength(2);
    expect(altseason('help', 'size').status).toBe(0);
    expect(caches().some((name) => name.startsWith('size-command-')), 'one cache per command bundle').toBe(true);
  });

  it('loads packages lazily from a bundle (csv-parse for a portfolio file), from its code cache too', (context) => {
    const db = inject('realDataDb');
    if (db === null) return context.skip();
    const store = join(cacheHome, 'portfolio.db');
    spawnSync('cp', [db, store]);
    const holdings = join(cacheHome, 'holdings.csv');
    writeFileSync(holdings, 'asset,quantity,cost_usd\nBTC,0.5,20000\nETH,4,6000\n');
    // Twice: the second run starts from the code cache the first saved (restored functions cannot import()).
    for (const run of ['first', 'second']) {
      const imported = spawnSync(process.execPath, [BIN, '--db', store, 'portfolio', 'import', holdings, '--format', 'json'], { cwd: REPO, env: { ...process.env, NO_COLOR: '1', ALTSEASON_FROM_SOURCE: '' }, encoding: 'utf8' });
      expect(imported.status, `${run} run: ${imported.stderr}`).toBe(0);
      expect(imported.stderr, `${run} run: no warning`).not.toMatch(/warning/i);
    }
    const shown = run(['--db', store, 'portfolio', 'show', '--format', 'csv'], false);
    expect(shown).toBe(run(['--db', store, 'portfolio', 'show', '--format', 'csv'], true));
    expect(shown).toMatch(/^bitcoin,BTC,Bitcoin,0\.5,/m);
  });

  it('runs a backtest of a user\'s strategy module (top-level await, TypeScript) as the sources do', (context) => {
    const db = inject('realDataDb');
    if (db === null) return context.skip();
    const awaits = join(cacheHome, 'awaits.mjs');
    writeFileSync(awaits, "const share = await Promise.resolve(0.5);\nexport default (view) => (view.price('BTC') === null ? {} : { bitcoin: share });\n");
    const typed = join(cacheHome, 'typed.ts');
    writeFileSync(typed, "export default (view: { price(a: string): number | null }, p: Record<string, number>) => (view.price('BTC') === null ? {} : { ethereum: p.share ?? 0.3 });\n");
    for (const strategy of [awaits, typed]) {
      const args = ['--db', db, 'backtest', strategy, '--from', '2020-01-01', '--to', '2020-12-31', '--format', 'csv'];
      const compiled = run(args, false);
      expect(run(args, false), 'again, from the code cache').toBe(compiled);
      expect(compiled).toBe(run(args, true));
      expect(compiled.split('\n').length).toBeGreaterThan(300);
    }
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

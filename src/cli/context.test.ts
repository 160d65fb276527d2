import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { simulateMarket } from '../sim/simulate-market.ts';
import { SIMULATED_NOTICE, writeSimulatedMarket } from '../sim/write-simulated-market.ts';
import { main, packageVersion } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'altseason-context-'));
const simulated = join(dir, 'simulated.db');
const real = join(dir, 'real.db');

beforeAll(async () => {
  const store = SqliteStore.open(simulated);
  await writeSimulatedMarket(store, simulateMarket({ seed: 2, years: 2, assets: 15, leadDays: 20, effect: 0, startDate: '2020-01-01' }));
  await store.close();
  await SqliteStore.open(real).close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  try {
    const code = await main(['node', 'altseason', ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('every command says when the data are simulated', () => {
  it('prints the notice on stderr and keeps stdout parseable', async () => {
    for (const args of [['index', '--format', 'json'], ['rut', '--format', 'csv'], ['status', '--format', 'json']]) {
      const result = await run(['--db', simulated, ...args]);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      expect(result.stderr, `${args[0]} says the data are simulated`).toContain(SIMULATED_NOTICE);
      expect(result.stdout, `${args[0]} keeps the notice out of its data`).not.toContain('SIMULATED DATA');
    }
  });

  it('says nothing of the kind for a real store', async () => {
    const result = await run(['--db', real, 'sources']);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('SIMULATED');
  });

  it('prints errors without a stack trace unless --verbose', async () => {
    const plain = await run(['--db', real, 'index', '--at', '2021-13-01']);
    // eslint-disable-next-line no-control-regex
    const withoutColours = plain.stderr.replace(/\u001b\[[0-9;]*m/g, '').trim();
    expect([plain.code, withoutColours], 'one line: what was wrong, and the value').toEqual([1, 'error: --at: expected a date as YYYY-MM-DD, got "2021-13-01"']);
    const verbose = await run(['--db', real, '--verbose', 'index', '--at', '2021-13-01']);
    expect(verbose.stderr, 'a stack trace with --verbose').toMatch(/\n\s+at /);
  });

  it('refuses a mistyped --db for commands that only read, and creates nothing', async () => {
    const missing = join(dir, 'no-such-dir', 'typo.db');
    for (const args of [['status'], ['index'], ['sources'], ['assets'], ['dominance'], ['rut']]) {
      const result = await run(['--db', missing, ...args]);
      expect([result.code, result.stderr], `${args[0]} on a missing store`).toEqual([1, expect.stringContaining(`no store at ${missing} (--db)`)]);
    }
    expect(existsSync(join(dir, 'no-such-dir')), 'no directory or empty store was created').toBe(false);
  });

  it('names --start when simulate gets a bad date', async () => {
    const result = await run(['--db', join(dir, 'sim-bad-start.db'), 'simulate', '--start', '2021-02-31']);
    expect([result.code, result.stderr], 'the flag and the value').toEqual([1, expect.stringContaining('--start: expected a date as YYYY-MM-DD, got "2021-02-31"')]);
    expect(existsSync(join(dir, 'sim-bad-start.db')), 'nothing was written').toBe(false);
  });

  it('marks simulated rows in CSV too, so a script cannot take them for real prices', async () => {
    const result = await run(['--db', simulated, 'index', '--format', 'csv']);
    const [first, header] = result.stdout.split('\n');
    expect(first, 'a comment line first').toBe('# SIMULATED market (demo data), not real prices');
    expect(header, 'then the header').toMatch(/^date,index,season,universe_size/);
  });

  it('points at the demo store when the default store has no data and `npm start` made a demo', async () => {
    const xdg = join(dir, 'xdg');
    mkdirSync(join(xdg, 'altseason'), { recursive: true });
    copyFileSync(simulated, join(xdg, 'altseason', 'altseason-simulated.db'));
    const saved = { xdg: process.env.XDG_DATA_HOME, db: process.env.ALTSEASON_DB };
    process.env.XDG_DATA_HOME = xdg;
    delete process.env.ALTSEASON_DB;
    try {
      const result = await run(['status']);
      expect(result.code).toBe(1);
      expect(result.stderr, 'says where the demo lives and how to read it').toContain(`altseason --db ${join(xdg, 'altseason', 'altseason-simulated.db')} status`);
    } finally {
      if (saved.xdg === undefined) delete process.env.XDG_DATA_HOME;
      else process.env.XDG_DATA_HOME = saved.xdg;
      if (saved.db !== undefined) process.env.ALTSEASON_DB = saved.db;
    }
  });

  it('reads a store without writing to it', async () => {
    const before = readFileSync(simulated);
    for (const args of [['status'], ['index', '--format', 'json'], ['dominance', '--format', 'json'], ['rut', '--format', 'json'], ['sources'], ['assets']]) {
      const result = await run(['--db', simulated, ...args]);
      expect(result.code, `${args[0]}: ${result.stderr}`).toBe(0);
    }
    expect(readFileSync(simulated).equals(before), 'read-only commands leave the store file byte for byte as it was').toBe(true);
  });
});

describe('the command line itself', () => {
  it('prints its version', async () => {
    const result = await run(['--version']);
    expect(result.stdout.trim(), 'the package version').toBe(packageVersion());
    expect(packageVersion()).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
  });

  it('lists every command in --help and shows one command\'s options with `help NAME`', async () => {
    const help = await run(['--help']);
    for (const name of ['serve', 'status', 'import', 'sources', 'assets', 'index', 'rut', 'dominance', 'thesis', 'simulate', 'sync']) expect(help.stdout, name).toMatch(new RegExp(`\\n  ${name} `));
    const index = await run(['help', 'index']);
    expect(index.stdout, 'the index command is loaded for its own help').toContain('--rank-at');
  });
});

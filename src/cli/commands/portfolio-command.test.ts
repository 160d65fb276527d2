import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import { PortfolioResultSchema } from '../../app/contracts/portfolio.ts';
import { HOLDINGS_CSV, portfolioMarketStore } from '../../../test/fixtures/portfolio-market.ts';
import { Command } from 'commander';
import { COMMANDS } from './index.ts';
import { register, registerPlanCommand, runPortfolioImport, runPortfolioShow } from './portfolio-command.ts';

function collector(): { out: PassThrough; text: () => string } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('altseason portfolio import | show', () => {
  let store: SqliteStore;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'altseason-portfolio-'));
    store = await portfolioMarketStore();
    writeFileSync(join(dir, 'h.csv'), HOLDINGS_CSV);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a file and shows it in json (the contract) and csv (one row per holding, snake_case header)', async () => {
    const imported = collector();
    await runPortfolioImport(store, join(dir, 'h.csv'), 'json', imported.out);
    expect(JSON.parse(imported.text())).toMatchObject({ schema: 'altseason.portfolio-import/v1', holdings: 19, format: 'holdings-csv' });
    const json = collector();
    await runPortfolioShow(store, { format: 'json' }, json.out);
    const result = PortfolioResultSchema.parse(JSON.parse(json.text()));
    expect(result.totalValueUsd).toBe('1000.00');
    const csv = collector();
    await runPortfolioShow(store, { format: 'csv' }, csv.out);
    const lines = csv.text().trim().split('\n');
    expect(lines[0]).toBe('id,symbol,name,quantity,price_usd,price_date,price_stale,value_usd,weight,cost_usd,unrealised_pnl_usd,unrealised_return,sector,tier,acquired');
    expect(lines).toHaveLength(20);
    expect(lines[1]).toMatch(/^aaa,AAA,AAA,120,1,2023-05-30,false,120\.00,0\.12,60\.00,60\.00,1,/);
  });

  it('names a file it cannot read', async () => {
    await expect(runPortfolioImport(store, join(dir, 'missing.csv'), 'table', collector().out)).rejects.toThrow(/portfolio import .*missing\.csv: cannot read the file \(ENOENT\)/);
  });
});

describe('altseason plan', () => {
  const shape = (plan: Command) => plan.commands.map((c) => [c.name(), c.options.map((o) => o.long)]);
  it('is the same plan commands as `portfolio plan` (one registration), with simulate\'s engine flags', async () => {
    const top = new Command();
    registerPlanCommand(top);
    const nested = new Command();
    register(nested);
    const plan = top.commands.find((c) => c.name() === 'plan')!;
    const portfolioPlan = nested.commands.find((c) => c.name() === 'portfolio')!.commands.find((c) => c.name() === 'plan')!;
    expect(shape(plan)).toEqual(shape(portfolioPlan));
    expect(shape(plan).map(([name]) => name)).toEqual(['save', 'list', 'remove', 'simulate', 'sweep', 'check']);
    expect(plan.commands.find((c) => c.name() === 'simulate')!.options.map((o) => o.long)).toEqual(['--from', '--to', '--fees-bps', '--slippage-bps', '--format']);
    const entry = COMMANDS.find((c) => c.name === 'plan')!;
    const loaded = new Command();
    (await entry.load()).register(loaded);
    expect(loaded.commands.map((c) => c.name())).toEqual(['plan']);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.ts';
import { main } from '../main.ts';
import { simulateOptionsFromFlags } from './simulate-command.ts';

const flags = { seed: 1, years: 1, assets: 5, leadDays: 30, effect: 0, start: '2020-01-01' };
const dir = mkdtempSync(join(tmpdir(), 'altseason-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('simulate flags', () => {
  it('refuses --lead-days without --effect: it would plant nothing', () => {
    expect(() => simulateOptionsFromFlags(flags, true)).toThrow(InvalidInputError);
    expect(() => simulateOptionsFromFlags(flags, true), 'the message names both flags and the value').toThrow(/--lead-days 30 plants a lead only with --effect above 0/);
  });

  it('accepts a lead with a strength, and the default lead when no lead is asked for', () => {
    expect(simulateOptionsFromFlags({ ...flags, effect: 0.1 }, true)).toMatchObject({ leadDays: 30, effect: 0.1 });
    expect(simulateOptionsFromFlags(flags, false), 'no --lead-days: a market with no link').toMatchObject({ effect: 0 });
  });

  it('stops the command before writing a store', async () => {
    const db = join(dir, 'lead-only.db');
    const code = await main(['node', 'altseason', '--db', db, 'simulate', '--years', '1', '--assets', '5', '--lead-days', '30']);
    expect(code, 'a usage error, not a silent market without the lead').not.toBe(0);
  });
});

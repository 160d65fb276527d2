import { describe, expect, it } from 'vitest';
import { workerEntry } from './worker-entry.ts';

describe('workerEntry', () => {
  it('uses the entry with the starting module’s extension: directly for compiled .js and bundled .cjs, through tsx for .ts', () => {
    const compiled = workerEntry('heavy-thesis-worker', 'file:///app/dist/server/heavy-thesis-in-worker.js');
    expect([compiled.entry.href, compiled.code]).toEqual(['file:///app/dist/server/heavy-thesis-worker.js', null]);
    const bundled = workerEntry('sweep-worker', 'file:///app/dist/cli-bundle/backtest-command.cjs');
    expect([bundled.entry.href, bundled.code], 'beside the CLI bundle that starts it').toEqual(['file:///app/dist/cli-bundle/sweep-worker.cjs', null]);
    const source = workerEntry('sweep-worker', import.meta.url);
    expect(source.entry.pathname).toMatch(/\/src\/app\/sweep-worker\.ts$/);
    expect(source.code, 'tsx resolved from here, so any working directory works').toMatch(/^import\("file:\/\/.*\/tsx\/dist\/esm\/api\/index\.mjs"\)\.then.*register\(\).*import\("file:\/\/.*sweep-worker\.ts"\)/);
  });
});

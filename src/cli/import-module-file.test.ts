import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importModuleFile } from './import-module-file.ts';

describe('importModuleFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'altseason-import-module-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports an ES module with top-level await, a CommonJS file and TypeScript (through tsx)', async () => {
    writeFileSync(join(dir, 'awaits.mjs'), 'const share = await Promise.resolve(0.25);\nexport default () => ({ bitcoin: share });\n');
    writeFileSync(join(dir, 'plain.cjs'), 'module.exports = { strategy: () => ({ ethereum: 1 }) };\n');
    writeFileSync(join(dir, 'typed.ts'), 'export const strategy = (_: unknown, p: Record<string, number>): Record<string, number> => ({ bitcoin: p.share ?? 0.5 });\n');
    const awaits = await importModuleFile(join(dir, 'awaits.mjs'));
    expect((awaits.default as () => unknown)()).toEqual({ bitcoin: 0.25 });
    const plain = await importModuleFile(join(dir, 'plain.cjs'));
    expect((plain.strategy as () => unknown)()).toEqual({ ethereum: 1 });
    const typed = await importModuleFile(join(dir, 'typed.ts'));
    expect((typed.strategy as (v: unknown, p: Record<string, number>) => unknown)(null, { share: 0.75 })).toEqual({ bitcoin: 0.75 });
  });

  it('rejects a file that does not parse (its caller words the error; the loader’s message varies)', async () => {
    writeFileSync(join(dir, 'broken.mjs'), 'export default (;\n');
    await expect(importModuleFile(join(dir, 'broken.mjs'))).rejects.toThrow();
  });
});

/** Sources plan from the read-only StoredCoverage view: no source module imports the Store. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));

function productionFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return productionFiles(path);
    // Tests and the contract harness (which builds real stores) are not part of the layer.
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && entry.name !== 'source-contract.ts' ? [path] : [];
  });
}

it('no source imports anything from src/data/store', () => {
  const offenders = productionFiles(HERE).filter((file) => /from '[^']*\/store\//.test(readFileSync(file, 'utf8')));
  expect(offenders.map((f) => relative(HERE, f)), 'sources depend on StoredCoverage, implemented in src/data/sync').toEqual([]);
});

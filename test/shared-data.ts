/**
 * Real historical data for tests lives in ../shared/data (third-party: read in place, never
 * copied). In CI (CI=true) a missing directory fails loudly; elsewhere the tests skip with a message.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

export const SHARED_DATA_DIR = process.env.ALTSEASON_SHARED_DATA ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data');
export const hasSharedData = existsSync(join(SHARED_DATA_DIR, 'crypto_prices_long.csv.gz'));

export function sharedDataFile(name: string): string {
  return join(SHARED_DATA_DIR, name);
}

/** describe() for tests that need ../shared/data. */
export function describeWithSharedData(name: string, body: () => void): void {
  if (hasSharedData) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`the shared data directory ${SHARED_DATA_DIR} is missing: CI must run with ../shared beside the clone`);
    });
  } else {
    console.warn(`skipping "${name}": no shared data at ${SHARED_DATA_DIR}`);
    describe.skip(name, body);
  }
}

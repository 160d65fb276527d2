/**
 * Imports all of ../shared/data once per test run into test-artifacts/real-data.db and provides
 * its path as 'realDataDb', so real-data tests open it instead of each re-importing (~8 s).
 * The store is rebuilt on every run: a stale one would hide a change to the import or identity rules.
 * Without the data the path is null and those tests skip; in CI (CI=true) that is an error.
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { importFiles } from '../src/data/import/import-files.ts';
import { SqliteStore } from '../src/data/store/sqlite/sqlite-store.ts';
import { SHARED_DATA_DIR, hasSharedData } from './shared-data.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of a store holding every file of ../shared/data, or null when the data is absent. */
    realDataDb: string | null;
  }
}

export const REAL_DATA_DB = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'test-artifacts', 'real-data.db');

export default async function setup(project: TestProject): Promise<void> {
  if (!hasSharedData) {
    if (process.env.CI === 'true') {
      throw new Error(`the shared data directory ${SHARED_DATA_DIR} is missing: CI must run with ../shared beside the clone`);
    }
    console.warn(`no shared data at ${SHARED_DATA_DIR}: real-data tests will skip`);
    project.provide('realDataDb', null);
    return;
  }
  mkdirSync(dirname(REAL_DATA_DB), { recursive: true });
  // Build beside the final path and rename, so a reader never sees a half-built store.
  const building = join(dirname(REAL_DATA_DB), `real-data.${process.pid}.building.db`);
  removeDatabase(building);
  const store = SqliteStore.open(building);
  try {
    await importFiles(store, [SHARED_DATA_DIR]);
  } finally {
    await store.close();
  }
  removeDatabase(REAL_DATA_DB);
  renameSync(building, REAL_DATA_DB);
  project.provide('realDataDb', REAL_DATA_DB);
}

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

/**
 * The crypto panel of the shared data for a bench: from the store at ALTSEASON_BENCH_DB, or from
 * ../shared/data imported into a temporary store (removed afterwards). null when neither exists.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED_DATA_DIR, hasSharedData } from '../test/shared-data.ts';
import { importFiles } from '../src/data/import/import-files.ts';
import { loadPanel } from '../src/data/panel/load-panel.ts';
import { SqliteStore } from '../src/data/store/sqlite/sqlite-store.ts';
import type { Panel } from '../src/domain/panel.ts';

export const NO_SHARED_DATA = `skipped: no shared data at ${SHARED_DATA_DIR} and no ALTSEASON_BENCH_DB`;

export async function loadSharedPanel(): Promise<Panel | null> {
  if (!hasSharedData && !process.env.ALTSEASON_BENCH_DB) return null;
  const tempDir = process.env.ALTSEASON_BENCH_DB ? null : mkdtempSync(join(tmpdir(), 'altseason-bench-'));
  const path = process.env.ALTSEASON_BENCH_DB ?? join(tempDir!, 'shared.db');
  try {
    const store = SqliteStore.open(path);
    try {
      if (tempDir) await importFiles(store, [SHARED_DATA_DIR]);
      return await loadPanel(store);
    } finally {
      await store.close();
    }
  } finally {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

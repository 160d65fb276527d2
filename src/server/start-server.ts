/** Starts the dashboard's HTTP server on a host and port (0 = any free port) and says where. */
import { serve, type ServerType } from '@hono/node-server';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../data/store/store.ts';
import type { SyncStatusResponse } from './api-types.ts';
import { createApp } from './create-app.ts';
import { createDashboardService, type CachedDashboardService } from './create-dashboard-service.ts';

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
export const WEB_DIST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'web');

export interface RunningServer {
  url: string;
  service: CachedDashboardService;
  close(): Promise<void>;
}

export async function startServer(
  store: Store,
  options: { port?: number; host?: string; staticDir?: string; syncStatus?: () => SyncStatusResponse } = {},
): Promise<RunningServer> {
  const service = createDashboardService(store);
  const app = createApp(service, options.staticDir ?? WEB_DIST_DIR, options.syncStatus);
  const host = options.host ?? DEFAULT_HOST;
  const server = await new Promise<ServerType>((resolveServer, reject) => {
    const started = serve({ fetch: app.fetch, port: options.port ?? DEFAULT_PORT, hostname: host }, () => resolveServer(started));
    started.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? DEFAULT_PORT);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    service,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** Whether the dashboard front end has been built (npm run build:web). */
export function webBuildPath(staticDir = WEB_DIST_DIR): string {
  return join(staticDir, 'index.html');
}

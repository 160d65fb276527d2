/** Starts the dashboard's HTTP server on a host and port (0 = any free port) and says where. */
import { serve, type ServerType } from '@hono/node-server';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListenError } from '../domain/errors.ts';
import { connectableLocation } from '../data/store/open-store.ts';
import type { Store } from '../data/store/store.ts';
import type { SyncStatusResponse } from './api-types.ts';
import { createDashboardApp } from './create-app.ts';
import { createDashboardService, type CachedDashboardService } from './create-dashboard-service.ts';
import type { HeavyWorkOptions } from './heavy-work.ts';
import { runThesisInWorker } from './heavy-thesis-in-worker.ts';
import { ThesisJob } from './heavy-thesis-job.ts';

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
// src/server/ and dist/server/ are both two levels below the package root.
export const WEB_DIST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'web');

export interface RunningServer {
  url: string;
  service: CachedDashboardService;
  /** Drops every cached answer and the thesis report (after a sync). */
  refresh(): void;
  close(): Promise<void>;
}

export interface StartServerOptions {
  port?: number;
  host?: string;
  staticDir?: string;
  syncStatus?: () => SyncStatusResponse;
  /** Host names to answer to besides the loopback names (`--allowed-host`). */
  allowedHosts?: readonly string[];
  heavyWork?: HeavyWorkOptions;
  /** How often the store's latest load id is read at most, to notice other processes' imports. */
  dataVersionIntervalMs?: number;
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE') {
    return new ListenError(`port ${port} on ${host} is in use: is another \`altseason serve\` running? use --port N`, { cause: error });
  }
  if (error.code === 'EACCES') return new ListenError(`port ${port} on ${host} may not be used by this user: use --port N above 1023`, { cause: error });
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new ListenError(`cannot listen on ${host}: it is not an address of this machine (--host)`, { cause: error });
  }
  return error;
}

export async function startServer(store: Store, options: StartServerOptions = {}): Promise<RunningServer> {
  const service = createDashboardService(store);
  const host = options.host ?? DEFAULT_HOST;
  const requestedPort = options.port ?? DEFAULT_PORT;
  // The thesis blocks for seconds: in a worker thread with its own handle on the store file (an
  // in-memory store cannot be shared, so it is computed here).
  const thesis = store.location === ':memory:' ? undefined : new ThesisJob(() => runThesisInWorker(connectableLocation(store)));
  const { app, refresh } = createDashboardApp(service, {
    staticDir: options.staticDir ?? WEB_DIST_DIR,
    ...(options.syncStatus ? { syncStatus: options.syncStatus } : {}),
    listenHost: host,
    allowedHosts: options.allowedHosts ?? [],
    ...(options.heavyWork ? { heavyWork: options.heavyWork } : {}),
    ...(thesis ? { thesis } : {}),
    dataVersion: () => store.latestLoadId(),
    ...(options.dataVersionIntervalMs !== undefined ? { dataVersionIntervalMs: options.dataVersionIntervalMs } : {}),
  });
  const server = await new Promise<ServerType>((resolveServer, reject) => {
    const started = serve({ fetch: app.fetch, port: requestedPort, hostname: host }, () => resolveServer(started));
    started.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, host, requestedPort)));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : requestedPort;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    service,
    refresh,
    close: () =>
      new Promise<void>((done) => {
        thesis?.reset(); // stops a running worker
        server.close(() => done());
        // Browsers keep idle connections open; they would hold close() for minutes.
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      }),
  };
}

/** Whether the dashboard front end has been built (npm run build). */
export function webBuildPath(staticDir = WEB_DIST_DIR): string {
  return join(staticDir, 'index.html');
}

/**
 * `altseason serve` (what `npm start` runs): opens the store, syncs in the background when the
 * network answers (giving up within seconds when it does not), prints the status, and serves the
 * dashboard on http://127.0.0.1:8787. With no data and no network it opens the simulated market in
 * its own store file, clearly marked; simulated and real data never share a store.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import pc from 'picocolors';
import { addDays, today } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { probeNetwork } from '../../data/sources/http/probe-network.ts';
import { baseUrlOf } from '../../data/sources/http/provider-config.ts';
import { SOURCE_NAMES } from '../../data/sources/create-sources.ts';
import { syncStore } from '../../app/sync.ts';
import { defaultStorePath, openStore, shownStoreLocation } from '../../data/store/open-store.ts';
import type { Store } from '../../data/store/store.ts';
import { renderStatus } from '../../report/render-status.ts';
import type { SyncStatusResponse } from '../../server/api-types.ts';
import { hostNameOf, isLoopbackAddress, quoteValue } from '../../server/http-security.ts';
import { DEFAULT_HOST, DEFAULT_PORT, startServer, webBuildPath } from '../../server/start-server.ts';
import { simulateMarket } from '../../sim/simulate-market.ts';
import { isSimulatedStore, writeSimulatedMarket } from '../../sim/write-simulated-market.ts';
import { globalOptions, simulatedStorePath } from '../context.ts';
import { marketStatus } from '../../app/market-status.ts';
import { readContext } from '../../app/read-context.ts';
import { DEFAULT_SYNC_DAYS, DEFAULT_TOP } from './sync-command.ts';

/** The demo market: a fixed seed, so every new user sees the same simulated history. */
export const DEMO_SIMULATION = { seed: 1, years: 8, assets: 40, leadDays: 20, effect: 0.1, startDate: '2017-06-01' } as const;


async function hasData(store: Store): Promise<boolean> {
  const summary = await store.summary();
  return summary.observations > 0 || summary.equityBars > 0;
}

const log = (text: string) => process.stderr.write(`${pc.dim('altseason')} ${text}\n`);

export interface ServeOptions {
  port: number;
  host: string;
  sync: boolean;
  /** Host names the dashboard answers to besides the loopback names (--allowed-host). */
  allowedHosts?: string[];
}

/** Said when the dashboard listens beyond this machine: it has no login. */
export function exposureWarning(host: string): string | null {
  if (isLoopbackAddress(host)) return null;
  const names = host === '0.0.0.0' || host === '::' ? 'loopback names and --allowed-host names' : `loopback names, ${host} and --allowed-host names`;
  return `--host ${host} listens beyond this machine and the dashboard has no authentication: anyone who can reach it can read the data and the store's path and start computations. Only ${names} are answered (add yours with --allowed-host NAME).`;
}

export async function serveCommand(dbPath: string, options: ServeOptions): Promise<{ close(): Promise<void>; url: string }> {
  let store = openStore(dbPath);
  const coingecko = baseUrlOf('coingecko');
  const network = options.sync ? await probeNetwork(`${coingecko}/ping`) : { reachable: false, detail: 'sync disabled (--no-sync)' };
  if (options.sync) log(network.reachable ? `network: ${coingecko} answers (${network.detail})` : `network: cannot reach ${coingecko} (${network.detail}); not syncing`);

  if (!(await hasData(store)) && !network.reachable && !(await isSimulatedStore(store))) {
    await store.close();
    const simulatedPath = simulatedStorePath(dbPath);
    store = openStore(simulatedPath);
    if (!(await hasData(store))) {
      log(`no data in ${shownStoreLocation(dbPath)} and no network: creating the simulated demo market in ${simulatedPath}`);
      await writeSimulatedMarket(store, simulateMarket(DEMO_SIMULATION));
    }
    log(pc.yellow(`SIMULATED DATA from ${simulatedPath}. Load real data with \`altseason sync\` or \`altseason import FILE…\` (into ${shownStoreLocation(dbPath)}).`));
  }

  process.stdout.write(renderStatus(await marketStatus(readContext(store))));
  if (!existsSync(webBuildPath())) log(pc.yellow('the dashboard front end is not built: run `npm run build` (or `npx vite build` for the front end alone)'));
  const warning = exposureWarning(options.host);
  if (warning) log(pc.yellow(`warning: ${warning}`));
  const sync: SyncStatusResponse = {
    state: 'off',
    detail: options.sync ? `not syncing: cannot reach ${coingecko} (${network.detail})` : 'sync disabled (--no-sync)',
    startedAt: null,
    finishedAt: null,
  };
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(store, { port: options.port, host: options.host, syncStatus: () => sync, allowedHosts: options.allowedHosts ?? [] });
  } catch (error) {
    await store.close();
    throw error;
  }
  process.stdout.write(`\n${pc.bold('Dashboard:')} ${pc.cyan(server.url)}   (Ctrl+C to stop)\n`);
  // Warm the answers the page asks for first while the browser opens (errors surface there).
  void Promise.all([server.service.status(), server.service.index({ window: 90, top: 50 }), server.service.dominance({})]).catch(() => undefined);

  if (network.reachable && !(await isSimulatedStore(store))) {
    const day = today();
    Object.assign(sync, { state: 'running', detail: 'syncing the live providers in the background', startedAt: new Date().toISOString() });
    void (async () => {
      try {
        log('syncing in the background (the dashboard refreshes when it is done)…');
        // The same use case as `altseason sync`; retries are logged, so a failing provider is visible.
        const summary = await syncStore(
          store,
          { sources: SOURCE_NAMES, today: day, since: addDays(day, -DEFAULT_SYNC_DAYS), top: DEFAULT_TOP },
          { onRetry: (retry) => log(`retry ${retry.attempt + 1}/${retry.maxAttempts} in ${(retry.delayMs / 1000).toFixed(1)} s: ${retry.provider} ${retry.endpoint}: ${retry.reason}`) },
        );
        const failed = summary.sources.filter((s) => s.errors.length > 0).map((s) => s.source);
        const rows = summary.sources.reduce((total, s) => total + s.changed, 0);
        const detail = `sync done: ${rows} rows changed${failed.length ? `; failed: ${failed.join(', ')} (run \`altseason sync\` for details)` : ''}`;
        Object.assign(sync, { state: failed.length ? 'failed' : 'done', detail, finishedAt: new Date().toISOString() });
        log(detail);
      } catch (error) {
        Object.assign(sync, { state: 'failed', detail: `sync stopped: ${(error as Error).message}`, finishedAt: new Date().toISOString() });
        log(sync.detail);
      } finally {
        server.refresh();
      }
    })();
  }
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await store.close();
    },
  };
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidInputError(`--port: expected a port number from 0 to 65535, got ${JSON.stringify(text)}`);
  return port;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function parseAllowedHost(text: string): string {
  if (hostNameOf(text) === null) throw new InvalidInputError(`--allowed-host: expected a host name such as dashboard.lan or 192.168.1.20, got ${quoteValue(text)}`);
  return text;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the local dashboard (what `npm start` runs): syncs when online, prints the status, shows the market at a glance')
    .option('--port <port>', 'port to listen on', String(DEFAULT_PORT))
    .option('--host <host>', 'interface to listen on (loopback unless told otherwise)', DEFAULT_HOST)
    .option('--allowed-host <name>', 'a host name to answer to besides 127.0.0.1, localhost and [::1] (repeatable), e.g. when serving on --host 0.0.0.0', collect, [])
    .option('--no-sync', 'do not contact the live providers')
    .action(async (raw: { port: string; host: string; sync: boolean; allowedHost: string[] }, command: Command) => {
      const allowedHosts = raw.allowedHost.map(parseAllowedHost);
      const running = await serveCommand(globalOptions(command).db ?? defaultStorePath(), { port: parsePort(raw.port), host: raw.host, sync: raw.sync, allowedHosts });
      await new Promise<void>((resolveStop) => {
        const stop = () => void running.close().then(resolveStop);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}

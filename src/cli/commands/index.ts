/**
 * Every CLI command, in the order `--help` lists them: its name, its one-line summary, and how to
 * load it. Only the command being run is loaded (`altseason --help` loads none), so a command's
 * dependencies never slow down, or break, another. Add one entry per new command file.
 */
import type { Command } from 'commander';

export type RegisterCommand = (program: Command) => void;

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<{ register: RegisterCommand }>;
  /** It reads the crypto panel: the CLI starts reading the persisted panel while the command loads. */
  readsPanel?: true;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'serve', summary: 'serve the local dashboard (what `npm start` runs): syncs when online, prints the status, shows the market at a glance', load: () => import('./serve-command.ts') },
  { name: 'status', summary: "today's Altcoin Season Index (30/90/365), BTC dominance and its trend, TOTAL2 vs BTC, Russell 2000 distance from its record", load: () => import('./status-command.ts'), readsPanel: true },
  { name: 'import', summary: 'import CSV or CSV.gz files (or directories of them) into the store; see docs/data.md for the formats', load: () => import('./import-command.ts') },
  { name: 'sources', summary: 'list data sources with row counts and precedence (highest first); --set changes the precedence', load: () => import('./sources-command.ts') },
  { name: 'assets', summary: 'list assets: stable ids, tickers over time and the source aliases that map to them', load: () => import('./assets-command.ts') },
  { name: 'index', summary: 'Altcoin Season Index: share of the top N altcoins (point in time) that beat BTC over the window; constituents and episodes', load: () => import('./index-command.ts'), readsPanel: true },
  { name: 'rut', summary: 'Russell 2000: record closes, breakouts after drawdowns, distance from the record, RUT/SPX relative strength', load: () => import('./rut-command.ts') },
  { name: 'dominance', summary: 'BTC.D, ETH.D, stablecoin dominance, TOTAL, TOTAL2, TOTAL3, OTHERS over time, each with its universe and source', load: () => import('./dominance-command.ts'), readsPanel: true },
  { name: 'signals', summary: 'confirmation signals as of a day (volume, volatility, on-chain, exchange flows, funding, open interest, long/short, 25Δ skew, Fear & Greed): value, 1y percentile, reading, source', load: () => import('./signals-command.ts'), readsPanel: true },
  { name: 'signal', summary: 'one confirmation signal over time with a terminal chart', load: () => import('./signals-command.ts').then((m) => ({ register: m.registerSignal })), readsPanel: true },
  { name: 'rotation', summary: 'sector rotation: point-in-time size-tier and sector indices vs BTC, breadth, the rotation phase and its episodes; --test tests the order', load: () => import('./rotation-command.ts'), readsPanel: true },
  { name: 'sectors', summary: 'members of every size tier and sector on a date, their cap weights and where each sector label comes from', load: () => import('./sectors-command.ts'), readsPanel: true },
  { name: 'readiness', summary: 'altseason readiness: a 0–100 score with every component’s value, score, weight and contribution; --evaluate: how well it has predicted seasons', load: () => import('./readiness-command.ts'), readsPanel: true },
  { name: 'thesis', summary: 'test whether Russell 2000 strength leads altcoin outperformance: lead-lag, Granger, event study, hit rates, precedents, power, verdict', load: () => import('./thesis-command.ts'), readsPanel: true },
  { name: 'backtest', summary: 'backtest a strategy point in time (asi-regime, dominance-breakdown, rut-breakout, sector-momentum, hold, or your module): sweeps, walk-forward, PSR/DSR/PBO', load: () => import('./backtest-command.ts'), readsPanel: true },
  { name: 'simulate', summary: 'write a SIMULATED market (BTC, alts, ^RUT, ^GSPC) with its ground truth into a new store (demo data; tests of the statistics)', load: () => import('./simulate-command.ts') },
  { name: 'sync', summary: 'fetch what is missing from the live providers (CoinGecko, Coin Metrics, Yahoo, Binance/Bybit, DefiLlama, FRED) and store it', load: () => import('./sync-command.ts') },
  { name: 'alerts', summary: 'alert rules on any series (ASI, BTC.D, TOTAL2/BTC, RUT, rotation phase, readiness): check and deliver, backtest, log, test a channel', load: () => import('./alerts-command.ts') },
  { name: 'watch', summary: 'long-running: sync on a schedule, evaluate the alert rules after each daily close and deliver (signed, retried, once)', load: () => import('./watch-command.ts') },
  { name: 'portfolio', summary: 'your own portfolio, kept locally: import holdings or trades, show them valued at stored prices, profit-taking plans (save, check)', load: () => import('./portfolio-command.ts') },
  { name: 'plan', summary: 'profit-taking plans (the same as `portfolio plan`): save, list, remove, check which rules fire today, simulate a plan through the backtest engine against holding', load: () => import('./portfolio-command.ts').then((m) => ({ register: m.registerPlanCommand })) },
  { name: 'size', summary: 'position size from risk per trade and a stop (price or k × ATR), capped by the per-position limit (the binding cap named); optional vol target and Kelly', load: () => import('./size-command.ts') },
  { name: 'risk', summary: 'your portfolio vs position and sector caps: HHI, effective bets, correlations and beta to BTC, VaR/CVaR, stress replays, HRP reference', load: () => import('./risk-command.ts') },
  { name: 'migrate-store', summary: 'copy a SQLite store into an empty PostgreSQL database (all or nothing; provenance kept): --from FILE --to postgres://…', load: () => import('./migrate-store-command.ts') },
];

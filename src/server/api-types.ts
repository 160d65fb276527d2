/**
 * The JSON the dashboard API returns. Shared by the server and the web front end (types only),
 * so both sides agree on every field. Dates are ISO `YYYY-MM-DD` (UTC).
 */
export type SeasonLabel = 'altcoin' | 'bitcoin' | 'neutral';

export interface MetaResponse {
  simulated: boolean;
  /** Shown on every page when the data are simulated. */
  dataNotice: string | null;
  store: string;
  firstDate: string | null;
  lastDate: string | null;
  assets: number;
  observations: number;
  equitySymbols: string[];
  series: string[];
}

export interface IndexPoint {
  date: string;
  index: number | null;
  season: SeasonLabel | null;
  universeSize: number;
  medianExcessReturn: number | null;
  capWeightedExcessReturn: number | null;
}

export interface SeasonEpisode {
  season: 'altcoin' | 'bitcoin';
  start: string;
  end: string;
  days: number;
  peak: number;
  peakDate: string;
}

export interface IndexResponse {
  window: number;
  top: number;
  altThreshold: number;
  btcThreshold: number;
  points: IndexPoint[];
  episodes: SeasonEpisode[];
}

export interface Constituent {
  rank: number;
  assetId: string;
  symbol: string;
  name: string;
  marketCap: number;
  startDate: string;
  startPrice: number;
  endDate: string;
  endPrice: number;
  windowReturn: number;
  /** BTC's return over the same days as this coin's prices (weekly snapshots end early). */
  btcReturnSameDays: number | null;
  beatBtc: boolean;
  source: string;
}

export interface ExplainResponse {
  date: string;
  window: number;
  index: number | null;
  season: SeasonLabel | null;
  btcReturn: number | null;
  constituents: Constituent[];
  skipped: { assetId: string; symbol: string; reason: string }[];
}

export interface DominancePoint {
  date: string;
  btcDominance: number | null;
  ethDominance: number | null;
  stablecoinDominance: number | null;
  totalMarketCap: number | null;
  total2: number | null;
  total3: number | null;
  others: number | null;
  btcMarketCap: number | null;
  /** BTC.D from an imported or synced provider series, where it differs in definition. */
  btcDominanceProvider: number | null;
}

export interface DominanceResponse {
  universe: string;
  providerSeriesLabel: string | null;
  points: DominancePoint[];
  readings: string[];
}

export interface RutPoint {
  date: string;
  close: number;
  record: number;
  drawdownPct: number;
  isRecord: boolean;
  isBreakout: boolean;
  rutSpxRatio: number | null;
}

export interface RutBreakout {
  date: string;
  close: number;
  drawdownBeforePct: number;
  daysSincePreviousRecord: number;
}

export interface RutResponse {
  breakoutDrawdownPct: number;
  points: RutPoint[];
  breakouts: RutBreakout[];
  latest: { date: string; close: number; record: number; recordDate: string; distancePct: number; daysSinceRecord: number } | null;
}

export interface StatusItem {
  key: string;
  label: string;
  /** As shown: "61.7%", "+20.7 pt". */
  value: string;
  /** The same figure as a number, for scripts, in `unit`; null when undefined. */
  number: number | null;
  unit: 'index' | 'percent' | 'points' | 'index points';
  reading: string;
  tone: 'alt' | 'btc' | 'neutral' | 'info';
}

export interface StatusResponse {
  asOf: string | null;
  simulated: boolean;
  items: StatusItem[];
}

/** The background sync that `altseason serve` runs when the network answers. */
export interface SyncStatusResponse {
  state: 'off' | 'running' | 'done' | 'failed';
  detail: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ApiError {
  error: string;
}

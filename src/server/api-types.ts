/**
 * The JSON the dashboard API returns: the use cases' result contracts (src/app/contracts/, one
 * camelCase dialect shared with the CLI's --format json and the library), plus what only the
 * server has (meta, the background sync). The web front end imports these as types only.
 */
import type { DataNotice, SeasonLabel } from '../app/contracts/data-notice.ts';
import type { DominanceDay, DominanceResult } from '../app/contracts/dominance.ts';
import type { Constituent, ExplainIndexResult } from '../app/contracts/explain-index.ts';
import type { MarketStatusResult, StatusItem } from '../app/contracts/market-status.ts';
import type { BreakoutRow, Russell2000Result, RutDay } from '../app/contracts/russell-2000.ts';
import type { IndexEpisode, IndexPoint, SeasonIndexResult } from '../app/contracts/season-index.ts';

export type { Constituent, DataNotice, DominanceDay, IndexEpisode, IndexPoint, SeasonLabel, StatusItem, RutDay, BreakoutRow };

export type IndexResponse = SeasonIndexResult;
export type ExplainResponse = ExplainIndexResult;
export type DominanceResponse = DominanceResult;
export type RutResponse = Russell2000Result;
export type StatusResponse = MarketStatusResult;

export interface MetaResponse {
  schema: 'altseason.meta/v1';
  simulated: boolean;
  data: DataNotice;
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

/**
 * The API's answers as the panels read them. The answers are the use cases' result contracts
 * (src/app/contracts, types in src/server/api-types.ts), used as they come; these readers only
 * pick what a panel shows and derive the little it needs (a coin's price sources as one label, the
 * dominance universe's sources). Pure: no DOM.
 */
import type {
  BreakoutRow,
  Constituent,
  DominanceDay,
  DominanceResponse,
  ExplainResponse,
  IndexEpisode,
  IndexPoint,
  IndexResponse,
  RutDay,
  RutResponse,
} from '../server/api-types.ts';

export interface IndexView {
  window: number;
  top: number;
  altThreshold: number;
  btcThreshold: number;
  points: IndexPoint[];
  episodes: IndexEpisode[];
}

export function readIndex(answer: IndexResponse): IndexView {
  const { window, top, altThreshold, btcThreshold } = answer.settings;
  return { window, top, altThreshold, btcThreshold, points: answer.points, episodes: answer.episodes };
}

export interface ConstituentView extends Constituent {
  /** Where the prices came from: one source, or "start source → end source". */
  source: string;
}

export interface ExplainView {
  date: string;
  window: number;
  index: number | null;
  season: string | null;
  /** BTC's return over the window, a fraction (0.1 = +10 %). */
  btcReturn: number | null;
  constituents: ConstituentView[];
  skipped: { symbol: string; reason: string }[];
}

/** One label for a coin's two price sources: "cmc", or "cmc → coingecko" when they differ. */
export function constituentSource(coin: Pick<Constituent, 'startSource' | 'endSource'>): string {
  const { startSource: start, endSource: end } = coin;
  return start && end && start !== end ? `${start} → ${end}` : (start ?? end ?? '');
}

export function readExplain(answer: ExplainResponse): ExplainView {
  return {
    date: answer.date,
    window: answer.settings.window,
    index: answer.index,
    season: answer.season,
    btcReturn: answer.btc.windowReturn,
    constituents: answer.constituents.map((c) => ({ ...c, source: constituentSource(c) })),
    skipped: answer.skipped.map((s) => ({ symbol: s.symbol, reason: s.reason })),
  };
}

export interface DominanceView {
  /** "top 125 stored assets" and what else the universe label says. */
  universe: string;
  /** The store's sources behind the universe. */
  sources: string[];
  providerSeriesLabel: string | null;
  days: DominanceDay[];
  readings: string[];
}

export function readDominance(answer: DominanceResponse): DominanceView {
  return {
    universe: answer.universe,
    sources: Object.keys(answer.storedUniverseAssetDaysBySource),
    providerSeriesLabel: answer.providerSeriesLabel,
    days: answer.days,
    readings: answer.readings,
  };
}

export interface RutView {
  breakoutDrawdownPct: number;
  days: RutDay[];
  breakouts: BreakoutRow[];
}

export function readRut(answer: RutResponse): RutView {
  return { breakoutDrawdownPct: answer.breakoutDrawdownPct, days: answer.days, breakouts: answer.breakouts };
}

/** The last day of the data an answer is about (`data.lastDate` of the result contracts), or null. */
export function answerLastDate(answer: { data: { lastDate: string | null } }): string | null {
  return answer.data.lastDate;
}

/**
 * The API's answers as the panels read them. The server is moving from its first answer shapes
 * (`points`, `window`, `btcReturn`, `drawdownPct`, …) to the use cases' result contracts
 * (src/app/contracts: `settings`, `days`, `btc.windowReturn`, `distanceFromRecordPct`, …); the page
 * must work against either, so each answer is read here once, field by field, and nothing else in
 * the front end knows which shape came. Pure: no DOM.
 */
import type { DominanceResponse, ExplainResponse, IndexResponse, RutResponse } from '../server/api-types.ts';

type Loose = Record<string, unknown>;
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const list = (value: unknown): Loose[] => (Array.isArray(value) ? (value as Loose[]) : []);
const obj = (value: unknown): Loose => (value && typeof value === 'object' ? (value as Loose) : {});
/** The first of these fields that holds a number. */
const firstNum = (row: Loose, ...keys: string[]): number | null => {
  for (const key of keys) {
    const value = num(row[key]);
    if (value !== null) return value;
  }
  return null;
};

export interface IndexView {
  window: number;
  top: number;
  altThreshold: number;
  btcThreshold: number;
  points: { date: string; index: number | null }[];
  episodes: { season: 'altcoin' | 'bitcoin'; start: string; end: string; days: number; peak: number; peakDate: string }[];
}

export function readIndex(answer: IndexResponse | Loose): IndexView {
  const a = answer as Loose;
  const settings = obj(a.settings);
  return {
    window: firstNum(settings, 'window') ?? firstNum(a, 'window') ?? 90,
    top: firstNum(settings, 'top') ?? firstNum(a, 'top') ?? 50,
    altThreshold: firstNum(settings, 'altThreshold') ?? firstNum(a, 'altThreshold') ?? 75,
    btcThreshold: firstNum(settings, 'btcThreshold') ?? firstNum(a, 'btcThreshold') ?? 25,
    points: list(a.points).map((p) => ({ date: String(p.date), index: num(p.index) })),
    episodes: list(a.episodes).map((e) => ({
      season: e.season === 'altcoin' ? 'altcoin' : 'bitcoin',
      start: String(e.start),
      end: String(e.end),
      days: num(e.days) ?? 0,
      peak: num(e.peak) ?? 0,
      peakDate: String(e.peakDate),
    })),
  };
}

export interface ConstituentView {
  rank: number;
  assetId: string;
  symbol: string;
  name: string;
  marketCap: number | null;
  startDate: string;
  startPrice: number | null;
  endDate: string;
  endPrice: number | null;
  windowReturn: number | null;
  btcReturnSameDays: number | null;
  beatBtc: boolean;
  /** Where the prices came from: one source, or "start source → end source". */
  source: string;
}

export interface ExplainView {
  date: string;
  window: number;
  index: number | null;
  season: string | null;
  btcReturn: number | null;
  constituents: ConstituentView[];
  skipped: { symbol: string; reason: string }[];
}

export function readExplain(answer: ExplainResponse | Loose): ExplainView {
  const a = answer as Loose;
  return {
    date: String(a.date),
    window: firstNum(obj(a.settings), 'window') ?? firstNum(a, 'window') ?? 90,
    index: num(a.index),
    season: str(a.season),
    btcReturn: num(obj(a.btc).windowReturn) ?? num(a.btcReturn),
    constituents: list(a.constituents).map((c) => {
      const start = str(c.startSource);
      const end = str(c.endSource);
      const source = str(c.source) ?? (start && end && start !== end ? `${start} → ${end}` : (start ?? end ?? ''));
      return {
        rank: num(c.rank) ?? 0,
        assetId: String(c.assetId ?? ''),
        symbol: String(c.symbol ?? ''),
        name: String(c.name ?? ''),
        marketCap: num(c.marketCap),
        startDate: String(c.startDate ?? ''),
        startPrice: num(c.startPrice),
        endDate: String(c.endDate ?? ''),
        endPrice: num(c.endPrice),
        windowReturn: num(c.windowReturn),
        btcReturnSameDays: num(c.btcReturnSameDays),
        beatBtc: c.beatBtc === true,
        source,
      };
    }),
    skipped: list(a.skipped).map((s) => ({ symbol: String(s.symbol ?? ''), reason: String(s.reason ?? '') })),
  };
}

export interface DominanceView {
  /** "top 125 stored assets" and what else the universe label says. */
  universe: string;
  /** The stores' sources behind the universe, when the answer lists them. */
  sources: string[];
  providerSeriesLabel: string | null;
  days: { date: string; btcDominance: number | null; providerBtcDominance: number | null; total2: number | null; btcMarketCap: number | null; stablecoinDominance: number | null }[];
  readings: string[];
}

export function readDominance(answer: DominanceResponse | Loose): DominanceView {
  const a = answer as Loose;
  const label = str(a.universe) ?? '';
  // The first shape put the sources in the label: "top 125 stored assets, store observations (a, b)".
  const [universe, ...rest] = label.split(', store observations');
  const inLabel = rest.length ? rest.join('').replace(/^\s*\(|\)\s*$/g, '').split(/,\s*/).filter(Boolean) : [];
  const bySource = Object.keys(obj(a.storedUniverseAssetDaysBySource));
  const rows = list(a.days).length ? list(a.days) : list(a.points);
  return {
    universe: universe ?? label,
    sources: bySource.length ? bySource : inLabel,
    providerSeriesLabel: str(a.providerSeriesLabel),
    days: rows.map((d) => ({
      date: String(d.date),
      btcDominance: firstNum(d, 'btcDominancePct', 'btcDominance'),
      providerBtcDominance: firstNum(d, 'providerBtcDominancePct', 'btcDominanceProvider'),
      total2: firstNum(d, 'total2Usd', 'total2'),
      btcMarketCap: firstNum(d, 'btcMarketCapUsd', 'btcMarketCap'),
      stablecoinDominance: firstNum(d, 'stablecoinDominancePct', 'stablecoinDominance'),
    })),
    readings: list(a.readings).map(String),
  };
}

export interface RutView {
  breakoutDrawdownPct: number;
  days: { date: string; close: number | null; isRecord: boolean; isBreakout: boolean; distanceFromRecordPct: number | null; benchmarkRatio: number | null }[];
  breakouts: { date: string; close: number | null; drawdownPct: number | null; daysSincePriorRecord: number | null }[];
}

export function readRut(answer: RutResponse | Loose): RutView {
  const a = answer as Loose;
  const rows = list(a.days).length ? list(a.days) : list(a.points);
  return {
    breakoutDrawdownPct: num(a.breakoutDrawdownPct) ?? 10,
    days: rows.map((d) => ({
      date: String(d.date),
      close: num(d.close),
      isRecord: d.isRecord === true,
      isBreakout: d.isBreakout === true,
      distanceFromRecordPct: firstNum(d, 'distanceFromRecordPct', 'drawdownPct'),
      benchmarkRatio: firstNum(d, 'benchmarkRatio', 'rutSpxRatio'),
    })),
    breakouts: list(a.breakouts).map((b) => ({
      date: String(b.date),
      close: num(b.close),
      drawdownPct: firstNum(b, 'drawdownPct', 'drawdownBeforePct'),
      daysSincePriorRecord: firstNum(b, 'daysSincePriorRecord', 'daysSincePreviousRecord'),
    })),
  };
}

/** The last day of the data an answer is about (`data.lastDate` of the result contracts), or null. */
export function answerLastDate(answer: unknown): string | null {
  return str(obj(obj(answer).data).lastDate);
}

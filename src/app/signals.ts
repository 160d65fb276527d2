/**
 * The confirmation signals (docs/signals.md): volume, volatility, on-chain activity, exchange
 * flows, derivatives positioning and sentiment, each as of a day with its value, age, 1-year
 * percentile, reading and provenance; and one signal's history. Inputs come from the store's
 * generic series (funding, open interest, long/short, Fear & Greed, on-chain, Deribit skew and
 * DVOL, exchange-flow vintages) and the crypto panel (prices, volumes). Only data on or before the
 * as-of day are read, and revised series only as first seen by then. Shared by `altseason signals`,
 * `altseason signal`, `GET /api/signals` and the library.
 */
import { addDays, dayOfMs, isoDateOf, msOfDay, type DayNumber } from '../domain/dates.ts';
import { InvalidInputError, NoDataError } from '../domain/errors.ts';
import type { SeriesPointRecord } from '../domain/records.ts';
import { SERIES, seriesName } from '../domain/series-names.ts';
import { OPEN_INTEREST_COINS, parseOptionName, parseVintageSeriesName, SIGNAL_SERIES } from '../domain/signal-series-names.ts';
import { lastDayOf, NO_SOURCE, sourceName, type Panel } from '../domain/panel.ts';
import { dailyValuesOf, firstAvailable, lastDayOfValues, mapDaily, type DailyValues } from '../analytics/signals/daily-values.ts';
import { evaluateSignal, signalHistory as historyOf, type SignalEvaluation } from '../analytics/signals/evaluate-signals.ts';
import { openInterestCoinsToUsd } from '../analytics/signals/open-interest-usd.ts';
import { fundingDailySeries } from '../analytics/signals/funding-daily-mean.ts';
import { chainSkew, type ChainOption } from '../analytics/signals/option-skew.ts';
import type { Vintage } from '../analytics/signals/point-in-time.ts';
import { SIGNALS, signalByName, type SignalDefinition } from '../analytics/signals/signal-catalogue.ts';
import { ALTS, INPUT, TOTAL, type DailyInput, type SignalInputs, type VintagedInput } from '../analytics/signals/signal-inputs.ts';
import type { Store } from '../data/store/store.ts';
import type { StatusItem } from './contracts/market-status.ts';
import type { SignalHistoryResult, SignalRow, SignalsResult } from './contracts/signals.ts';
import { STALE_AFTER_DAYS } from './contracts/schema-names.ts';
import { SIGNAL_HISTORY_SCHEMA, SIGNALS_SCHEMA } from './contracts/signals-schema-names.ts';
import { dataNotice } from './data-notice.ts';
import { inSnapshot, type ReadContext } from './read-context.ts';
import { roundOrNull } from './round.ts';
import { DEFAULT_DATE_FIELDS, type DateFieldNames } from './stored-span.ts';

/** A value older than this many days before the as-of day is not used (shown as missing, with its last day). */
export const DEFAULT_SIGNAL_MAX_AGE_DAYS = 31;
/** History the signals need before a day: a year of values for the percentile, each from up to 90 days (+30 for returns). */
const LOOKBACK_DAYS = 365 + 125;
/** Funding venues in order of precedence; the all-exchange aggregate (percent per 8 h) comes last. */
const FUNDING_VENUES = ['binance', 'bybit', 'okx'];
const ASSETS = [
  { asset: 'BTC', id: 'bitcoin', market: 'BTCUSDT' },
  { asset: 'ETH', id: 'ethereum', market: 'ETHUSDT' },
] as const;

export interface SignalsQuery {
  /** As of this day (default: the last day any signal input has data, at most today). */
  at?: DayNumber;
  maxAgeDays?: number;
  fieldNames?: DateFieldNames;
}

export interface SignalHistoryQuery {
  name: string;
  from?: DayNumber;
  to?: DayNumber;
  fieldNames?: DateFieldNames;
}

interface LoadedInputs {
  inputs: SignalInputs;
  /** The last day of any series input (panel excluded), null when there is none. */
  lastSeriesDay: number | null;
}

/** Which inputs a request needs (the signals it computes); the others are not read. */
type Wanted = (input: string) => boolean;

/** The inputs of these signals. */
function wantedBy(definitions: readonly SignalDefinition[]): Wanted {
  const names = new Set(definitions.flatMap((d) => d.inputs));
  return (input) => names.has(input);
}

/** Open interest candidates of an asset, read before the panel: the coin counts need its closes to become USD. */
interface OpenInterestCandidates {
  asset: 'BTC' | 'ETH';
  id: string;
  usd: SeriesPointRecord[];
  coins: SeriesPointRecord[];
}

const iso = (day: number) => isoDateOf(day as DayNumber);

function bySource(points: readonly SeriesPointRecord[]): Map<string, SeriesPointRecord[]> {
  const out = new Map<string, SeriesPointRecord[]>();
  for (const p of points) {
    const list = out.get(p.source) ?? [];
    list.push(p);
    out.set(p.source, list);
  }
  return out;
}

const dailyOf = (points: readonly SeriesPointRecord[]) => dailyValuesOf(points.map((p) => ({ day: dayOfMs(p.at), value: p.value })));

/**
 * One source for the whole series (a change over 30 days across two venues would be meaningless):
 * the one whose data reach furthest by `to`, then the one with more points. `series` is appended to
 * the source's name ('' when the points' sources already name their series).
 */
function oneSource(series: string, points: readonly SeriesPointRecord[]): DailyInput | undefined {
  let best: { source: string; points: SeriesPointRecord[] } | undefined;
  for (const [source, list] of bySource(points)) {
    if (!best) best = { source, points: list };
    else {
      const a = list[list.length - 1]!.at;
      const b = best.points[best.points.length - 1]!.at;
      if (a > b || (a === b && list.length > best.points.length)) best = { source, points: list };
    }
  }
  return best && { values: dailyOf(best.points), source: series === '' ? best.source : `${best.source} ${series}` };
}

/** A chain: each day from the first series (in order) that has it, saying which one it was. */
function chain(parts: readonly { values: DailyValues; source: string }[]): DailyInput | undefined {
  const present = parts.filter((p) => p.values.values.length > 0);
  if (present.length === 0) return undefined;
  const { values, pick } = firstAvailable(present.map((p) => p.values));
  return {
    values,
    source: present.map((p) => p.source).join(', then '),
    sourceOn: (day) => {
      const k = pick[day - values.firstDay];
      return k === undefined || k < 0 ? null : present[k]!.source;
    },
  };
}

/** The range the inputs are read over: up to the as-of day, from far enough back for its figures (null: all). */
interface ReadRange {
  from: DayNumber | null;
  to: DayNumber;
}

async function readRange(store: Store, series: string, range: ReadRange): Promise<SeriesPointRecord[]> {
  return store.readSeries(series, { ...(range.from === null ? {} : { from: msOfDay(range.from) }), to: (msOfDay(addDays(range.to, 1)) - 1) as SeriesPointRecord['at'] });
}

/** The 30-day pillars computed from the Deribit chains, one input each. */
interface ChainInputs {
  riskReversal?: DailyInput;
  butterfly?: DailyInput;
  atmIv?: DailyInput;
}

/**
 * The 30-day 25-delta risk reversal, butterfly and ATM IV of each stored chain snapshot of
 * `currency` (Deribit, stored raw: option_mark_iv per instrument, option_forward and
 * option_expiry_ms per expiry, option_snapshot_ms per snapshot day), one value per snapshot day;
 * empty without snapshots.
 */
async function skewFromChains(store: Store, stored: readonly string[], currency: string, range: ReadRange): Promise<ChainInputs> {
  const snapshots = await readRange(store, seriesName(SIGNAL_SERIES.optionSnapshotMs, currency), range);
  if (snapshots.length === 0) return {};
  const perExpiry = async (base: string) => {
    const out = new Map<string, Map<number, number>>();
    const prefix = `${base}:${currency}-`;
    for (const name of stored) {
      if (!name.startsWith(prefix)) continue;
      out.set(name.slice(prefix.length), new Map((await readRange(store, name, range)).map((p) => [p.at, p.value])));
    }
    return out;
  };
  const forwards = await perExpiry(SIGNAL_SERIES.optionForward);
  const expiries = await perExpiry(SIGNAL_SERIES.optionExpiryMs);
  const chains = new Map<number, ChainOption[]>();
  const prefix = `${SIGNAL_SERIES.optionMarkIv}:`;
  for (const name of stored) {
    if (!name.startsWith(`${prefix}${currency}-`)) continue;
    const parts = parseOptionName(name.slice(prefix.length));
    if (!parts) continue;
    for (const p of await readRange(store, name, range)) {
      const forward = forwards.get(parts.expiryCode)?.get(p.at);
      const expiryMs = expiries.get(parts.expiryCode)?.get(p.at);
      if (forward === undefined || expiryMs === undefined) continue;
      const list = chains.get(p.at) ?? [];
      list.push({ expiryMs, strike: parts.strike, type: parts.type, markIv: p.value, forward });
      chains.set(p.at, list);
    }
  }
  const pillars = { riskReversal: [] as { day: number; value: number }[], butterfly: [] as { day: number; value: number }[], atmIv: [] as { day: number; value: number }[] };
  const methods = new Map<number, string>();
  for (const snapshot of snapshots) {
    const skew = chainSkew(chains.get(snapshot.at) ?? [], snapshot.value);
    if (!skew) continue;
    const day = dayOfMs(snapshot.at);
    pillars.riskReversal.push({ day, value: skew.riskReversal });
    pillars.butterfly.push({ day, value: skew.butterfly });
    pillars.atmIv.push({ day, value: skew.atmIv });
    methods.set(day, `${skew.method}, ${skew.expiries.length} expir${skew.expiries.length === 1 ? 'y' : 'ies'}`);
  }
  if (methods.size === 0) return {};
  const source = `deribit option chain ${currency} (Black-76 forward deltas, not premium-adjusted)`;
  const input = (points: { day: number; value: number }[]): DailyInput => ({ values: dailyValuesOf(points), source, sourceOn: (day) => (methods.has(day) ? `${source}: ${methods.get(day)}` : null) });
  return { riskReversal: input(pillars.riskReversal), butterfly: input(pillars.butterfly), atmIv: input(pillars.atmIv) };
}

async function loadSeriesInputs(store: Store, range: ReadRange, want: Wanted): Promise<LoadedInputs & { openInterest: OpenInterestCandidates[] }> {
  const to = range.to;
  const daily: Record<string, DailyInput | undefined> = {};
  const vintaged: Record<string, VintagedInput | undefined> = {};
  const openInterest: OpenInterestCandidates[] = [];
  let lastSeriesDay: number | null = null;
  const seen = (input: DailyInput | undefined) => {
    if (input && input.values.values.length > 0) lastSeriesDay = Math.max(lastSeriesDay ?? -Infinity, lastDayOfValues(input.values));
    return input;
  };
  const stored = await store.listSeries();
  const aggregate = want(INPUT.funding('BTC')) ? await readRange(store, SERIES.fundingRatePctAllExchanges, range) : [];
  for (const { asset, id, market } of ASSETS) {
    if (want(INPUT.funding(asset))) {
      const fundingSeries = seriesName(SERIES.fundingRate8h, market);
      const venues = bySource(await readRange(store, fundingSeries, range));
      const order = [...FUNDING_VENUES.filter((v) => venues.has(v)), ...[...venues.keys()].filter((v) => !FUNDING_VENUES.includes(v)).sort()];
      const parts = order.map((venue) => ({ values: fundingDailySeries(venues.get(venue)!), source: `${venue} ${fundingSeries}` }));
      // The aggregate file is BTC's, in percent per 8 h: ÷ 100 to a fraction.
      if (asset === 'BTC') {
        for (const [source, list] of bySource(aggregate)) parts.push({ values: mapDaily(dailyOf(list), (v) => v / 100), source: `${source} ${SERIES.fundingRatePctAllExchanges} ÷ 100` });
      }
      daily[INPUT.funding(asset)] = seen(chain(parts));
    }
    // Open interest: per market (exchanges) or per asset (aggregates), in USD; Bybit's coin counts
    // become USD with the panel's closes (loadInputs), then one source is chosen.
    if (want(INPUT.openInterestUsd(asset))) {
      const usd = [...(await readRange(store, seriesName(SERIES.openInterestUsd, market), range)), ...(await readRange(store, seriesName(SERIES.openInterestUsd, asset), range))];
      openInterest.push({ asset, id, usd, coins: await readRange(store, seriesName(OPEN_INTEREST_COINS, market), range) });
    }
    if (want(INPUT.longShort(asset))) daily[INPUT.longShort(asset)] = seen(oneSource(seriesName(SERIES.longShortRatio, market), await readRange(store, seriesName(SERIES.longShortRatio, market), range)));
    // The chains give all three 30-day pillars; a stored pillar series (if any) stands in without them.
    const pillars = [
      [INPUT.riskReversal(asset), 'riskReversal', SIGNAL_SERIES.riskReversal25],
      [INPUT.butterfly(asset), 'butterfly', SIGNAL_SERIES.butterfly25],
      [INPUT.atmIv(asset), 'atmIv', SIGNAL_SERIES.atmIv30],
    ] as const;
    if (pillars.some(([input]) => want(input))) {
      const fromChains = await skewFromChains(store, stored, asset, range);
      for (const [input, key, base] of pillars) {
        if (!want(input)) continue;
        const name = seriesName(base, asset);
        daily[input] = seen(fromChains[key] ?? oneSource(name, await readRange(store, name, range)));
      }
    }
    for (const [input, base] of [
      [INPUT.activeAddresses(asset), SERIES.activeAddresses],
      [INPUT.txCount(asset), SERIES.transactionCount],
      [INPUT.dvol(asset), SIGNAL_SERIES.dvol],
    ] as const) {
      if (!want(input)) continue;
      const name = seriesName(base, asset);
      daily[input] = seen(oneSource(name, await readRange(store, name, range)));
    }
    for (const [input, base] of [
      [INPUT.exchangeInflow(asset), SIGNAL_SERIES.exchangeInflowNative],
      [INPUT.exchangeOutflow(asset), SIGNAL_SERIES.exchangeOutflowNative],
    ] as const) {
      if (!want(input)) continue;
      const name = seriesName(base, asset);
      const vintages: Vintage[] = [];
      const sources = new Set<string>();
      for (const stored_ of stored) {
        const parsed = parseVintageSeriesName(stored_);
        // Only vintages seen by `to`: a later fetch does not exist yet.
        if (!parsed || parsed.series !== name || parsed.seenDay > to) continue;
        const points = await readRange(store, stored_, range);
        if (points.length === 0) continue;
        for (const p of points) sources.add(p.source);
        vintages.push({ seenDay: parsed.seenDay, values: dailyOf(points) });
      }
      if (vintages.length > 0) {
        vintaged[input] = { vintages, source: `${[...sources].join(', ')} ${name} (vintages, point in time)` };
        lastSeriesDay = Math.max(lastSeriesDay ?? -Infinity, ...vintages.map((v) => v.seenDay));
      }
    }
  }
  for (const [input, series] of [
    [INPUT.fearGreed, SERIES.fearGreed],
    [INPUT.defiTvl, SIGNAL_SERIES.chainTvlUsd],
    [INPUT.dexVolume, SIGNAL_SERIES.dexVolumeUsd],
  ] as const) {
    if (want(input)) daily[input] = seen(oneSource(series, await readRange(store, series, range)));
  }
  return { inputs: { daily, vintaged }, lastSeriesDay, openInterest };
}

/**
 * One open-interest series per asset in USD: the USD series as stored (Binance, the Bybit-kline
 * fallback, the aggregate file) and Bybit's coin counts × the panel's close of the day before
 * (open-interest-usd.ts; none without a panel); then one source for the whole history.
 */
function openInterestInput(candidates: OpenInterestCandidates, panel: Panel | null): DailyInput | undefined {
  const asset = panel?.assets.find((a) => a.id === candidates.id);
  const priced: SeriesPointRecord[] = [];
  if (asset) {
    const close = { firstDay: asset.firstDay, values: asset.price };
    for (const [source, list] of bySource(candidates.coins)) {
      const usd = openInterestCoinsToUsd(list.map((p) => ({ day: dayOfMs(p.at), value: p.value })), close);
      const series = list[0]!.series;
      for (const p of usd) priced.push({ series, at: msOfDay(p.day as DayNumber), source: `${source} ${series} × ${candidates.id} close of the day before`, value: p.value });
    }
  }
  const usd = candidates.usd.map((p) => ({ ...p, source: `${p.source} ${p.series}` }));
  return oneSource('', [...usd, ...priced]);
}

/** Prices and volumes of BTC and ETH, and the volumes of the alt basket and the total, from the panel. */
function panelInputs(panel: Panel): Record<string, DailyInput | undefined> {
  const out: Record<string, DailyInput | undefined> = {};
  const byId = new Map(panel.assets.map((a) => [a.id, a]));
  for (const { asset, id } of ASSETS) {
    const a = byId.get(id);
    if (!a) continue;
    const column = (values: Float64Array, sources: Uint16Array, what: string): DailyInput => ({
      values: { firstDay: a.firstDay, values },
      source: `store observations ${id} ${what}`,
      sourceOn: (day) => {
        const s = sources[day - a.firstDay];
        return s === undefined || s === NO_SOURCE ? null : `${sourceName(panel, s)} ${id} ${what}`;
      },
    });
    out[INPUT.price(asset)] = column(a.price, a.priceSource, 'close');
    out[INPUT.volume(asset)] = column(a.volume, a.volumeSource, 'volume');
  }
  if (panel.firstDay !== null && panel.lastDay !== null) {
    const first = panel.firstDay;
    const alts = new Float64Array(panel.lastDay - first + 1);
    for (const a of panel.assets) {
      if (a.excludedFromIndex || a.id === 'bitcoin' || a.id === 'ethereum') continue;
      for (let i = 0; i < a.volume.length; i++) {
        const v = a.volume[i]!;
        const k = a.firstDay + i - first;
        if (Number.isFinite(v)) alts[k] = alts[k]! + v;
      }
    }
    const altValues = alts.map((v) => (v > 0 ? v : NaN));
    const total = new Float64Array(altValues.length).fill(NaN);
    const btc = out[INPUT.volume('BTC')]?.values;
    const eth = out[INPUT.volume('ETH')]?.values;
    if (btc && eth) {
      for (let d = first; d <= panel.lastDay; d++) {
        const x = btc.values[d - btc.firstDay];
        const y = eth.values[d - eth.firstDay];
        const z = altValues[d - first]!;
        if (x !== undefined && y !== undefined && Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z)) total[d - first] = x + y + z;
      }
    }
    out[INPUT.volume(ALTS)] = { values: { firstDay: first, values: altValues }, source: 'store observations: alt basket volume' };
    out[INPUT.volume(TOTAL)] = { values: { firstDay: first, values: total }, source: 'store observations: BTC + ETH + alts volume' };
  }
  return out;
}

/**
 * The inputs for figures on days from..to (from null: all of history): read from LOOKBACK_DAYS
 * before `from`, enough for every window and the year of values behind a percentile; only those
 * that `want` names (the panel only when a wanted input comes from it).
 */
async function loadInputs(context: ReadContext, to: DayNumber, from: DayNumber | null, want: Wanted = () => true): Promise<LoadedInputs & { lastCryptoDay: number | null }> {
  const readFrom = from === null ? null : addDays(from, -LOOKBACK_DAYS);
  const loaded = await loadSeriesInputs(context.store, { from: readFrom, to }, want);
  const fromPanel = [ALTS, TOTAL, ...ASSETS.map((a) => a.asset)].some((asset) => want(INPUT.price(asset)) || want(INPUT.volume(asset)));
  const needsCloses = loaded.openInterest.some((c) => c.coins.length > 0);
  let lastCryptoDay: number | null = null;
  let panel: Panel | null = null;
  if (fromPanel || needsCloses) {
    const span = await context.store.cryptoDaySpan();
    if (span.lastDay !== null && span.firstDay !== null && span.firstDay <= to) {
      // The day before `readFrom` too: open interest on a day is priced at the previous close.
      panel = await context.panel({ ...(readFrom === null ? {} : { from: addDays(readFrom, -1) }), to });
      if (fromPanel) {
        Object.assign(loaded.inputs.daily, panelInputs(panel));
        const btc = panel.assets.find((a) => a.id === 'bitcoin');
        lastCryptoDay = btc ? Math.min(lastDayOf(btc), to) : null;
      }
    }
  }
  const daily = loaded.inputs.daily as Record<string, DailyInput | undefined>;
  let lastSeriesDay = loaded.lastSeriesDay;
  for (const candidates of loaded.openInterest) {
    const input = openInterestInput(candidates, panel);
    daily[INPUT.openInterestUsd(candidates.asset)] = input;
    if (input && input.values.values.length > 0) lastSeriesDay = Math.max(lastSeriesDay ?? -Infinity, lastDayOfValues(input.values));
  }
  return { inputs: loaded.inputs, lastSeriesDay, lastCryptoDay };
}

function row(e: SignalEvaluation, lastDay: number | null, maxAgeDays: number): SignalRow {
  const d = e.definition;
  const note =
    e.value !== null
      ? null
      : lastDay !== null
        ? `no value in the ${maxAgeDays} days up to the as-of day; last value ${iso(lastDay)}`
        : e.missingInputs.length > 0
          ? `no stored ${e.missingInputs.join(', ')} up to the as-of day (docs/signals.md says where it comes from)`
          : 'its stored inputs are too sparse up to the as-of day to compute it';
  return {
    name: d.name,
    label: d.label,
    group: d.group,
    unit: d.unit,
    definition: d.definition,
    rule: d.rule,
    value: roundOrNull(e.value, 6),
    date: e.valueDay === null ? null : iso(e.valueDay),
    ageDays: e.ageDays,
    stale: e.ageDays !== null && e.ageDays > STALE_AFTER_DAYS,
    percentile1y: roundOrNull(e.percentile, 1),
    reading: e.reading,
    sources: e.sources,
    note,
    recent: e.recent.map((v) => roundOrNull(v, 6)),
  };
}

export async function signals(context: ReadContext, query: SignalsQuery = {}): Promise<SignalsResult> {
  const names = query.fieldNames ?? DEFAULT_DATE_FIELDS;
  const maxAgeDays = query.maxAgeDays ?? DEFAULT_SIGNAL_MAX_AGE_DAYS;
  if (!Number.isInteger(maxAgeDays) || maxAgeDays < 0) throw new InvalidInputError(`max age: expected a whole number of days ≥ 0, got ${maxAgeDays}`);
  return inSnapshot(context, async () => {
    const today = context.today();
    if (query.at !== undefined && query.at > today) throw new InvalidInputError(`${names.at} ${iso(query.at)} is after today (${iso(today)})`);
    const probe = query.at ?? today;
    let loaded = await loadInputs(context, probe, addDays(probe, -maxAgeDays));
    const lastOf = (l: typeof loaded) => Math.max(l.lastSeriesDay ?? -Infinity, l.lastCryptoDay ?? -Infinity);
    // Nothing recent: the last day with data may lie further back (read everything once to find it).
    let everything = false;
    if (query.at === undefined && !Number.isFinite(lastOf(loaded))) {
      loaded = await loadInputs(context, probe, null);
      everything = true;
    }
    const lastAny = lastOf(loaded);
    if (!Number.isFinite(lastAny)) throw new NoDataError(`no signal inputs stored up to ${iso(probe)}: run \`altseason import ../shared/data\` or \`altseason sync\` (docs/signals.md)`);
    const at = (query.at ?? lastAny) as DayNumber;
    // Everything up to the probe was read and `at` is its last day: unless a revision (vintage) was
    // fetched after it, those are exactly the inputs as of `at`, so they are not read a third time.
    const lastFetch = Math.max(-Infinity, ...Object.values(loaded.inputs.vintaged).flatMap((v) => (v ? v.vintages.map((x) => x.seenDay) : [])));
    if (at !== probe && !(everything && lastFetch <= at)) loaded = await loadInputs(context, at, addDays(at, -maxAgeDays));
    const rows: SignalRow[] = [];
    let lastValueDay: number | null = null;
    for (const definition of SIGNALS) {
      const e = evaluateSignal(definition, loaded.inputs, at, maxAgeDays);
      rows.push(row(e, e.lastValueDay, maxAgeDays));
      if (e.valueDay !== null) lastValueDay = Math.max(lastValueDay ?? -Infinity, e.valueDay);
    }
    const count = (r: SignalRow['reading']) => rows.filter((x) => x.value !== null && x.reading === r).length;
    const simulated = await context.simulated();
    return {
      schema: SIGNALS_SCHEMA,
      simulated,
      data: dataNotice(lastValueDay as DayNumber | null, query.at ?? today, simulated),
      at: iso(at),
      maxAgeDays,
      signals: rows,
      summary: { supports: count('supports'), neutral: count('neutral'), against: count('against'), missing: rows.filter((x) => x.value === null).length },
    };
  });
}

export interface SignalHistoriesQuery {
  names: readonly string[];
  from?: DayNumber;
  to?: DayNumber;
  fieldNames?: DateFieldNames;
}

function definitionOf(name: string): SignalDefinition {
  const definition = signalByName(name);
  if (!definition) throw new InvalidInputError(`unknown signal ${JSON.stringify(name)}: expected one of ${SIGNALS.map((s) => s.name).join(', ')}`);
  return definition;
}

/** One signal's history from inputs already loaded (throws NoDataError when it has no values). */
async function historyFrom(context: ReadContext, definition: SignalDefinition, inputs: SignalInputs, query: { from?: DayNumber }, to: DayNumber): Promise<SignalHistoryResult> {
  const all = historyOf(definition, inputs, -Infinity, to);
  if (all.length === 0) throw new NoDataError(`${definition.name}: no values up to ${iso(to)} — its inputs (${definition.inputs.join(', ')}) are not stored; see docs/signals.md for where they come from`);
  const last = all[all.length - 1]!.day;
  const from = query.from ?? addDays(last as DayNumber, -365);
  const points = all.filter((p) => p.day >= from);
  if (points.length === 0) throw new NoDataError(`${definition.name}: no values in ${iso(from)} … ${iso(to)}; its values cover ${iso(all[0]!.day)} … ${iso(last)}`);
  const sources = [...new Set(definition.inputs.flatMap((n) => [inputs.daily[n]?.source, inputs.vintaged[n]?.source]).filter((s): s is string => s !== undefined))];
  const simulated = await context.simulated();
  return {
    schema: SIGNAL_HISTORY_SCHEMA,
    simulated,
    data: dataNotice(last as DayNumber, context.today(), simulated),
    name: definition.name,
    label: definition.label,
    group: definition.group,
    unit: definition.unit,
    definition: definition.definition,
    rule: definition.rule,
    from: iso(points[0]!.day),
    to: iso(points[points.length - 1]!.day),
    sources,
    points: points.map((p) => ({ date: iso(p.day), value: roundOrNull(p.value, 6)!, percentile1y: roundOrNull(p.percentile, 1), reading: definition.read(p.value, p.percentile) })),
  };
}

/**
 * The histories of several signals over one range, their inputs read once (only those they
 * need): for callers that chart or combine many signals. A signal without values is left out.
 */
export async function signalHistories(context: ReadContext, query: SignalHistoriesQuery): Promise<Map<string, SignalHistoryResult>> {
  const names = query.fieldNames ?? DEFAULT_DATE_FIELDS;
  const definitions = query.names.map(definitionOf);
  if (query.from !== undefined && query.to !== undefined && query.to < query.from) throw new InvalidInputError(`${names.to} ${iso(query.to)} is before ${names.from} ${iso(query.from)}`);
  return inSnapshot(context, async () => {
    const to = query.to ?? context.today();
    const loaded = await loadInputs(context, to, query.from ?? null, wantedBy(definitions));
    const out = new Map<string, SignalHistoryResult>();
    for (const definition of definitions) {
      try {
        out.set(definition.name, await historyFrom(context, definition, loaded.inputs, query, to));
      } catch (error) {
        if (!(error instanceof NoDataError)) throw error;
      }
    }
    return out;
  });
}

/** One signal's history (`altseason signal NAME`, `GET /api/signal`): only its own inputs are read, once. */
export async function signalHistory(context: ReadContext, query: SignalHistoryQuery): Promise<SignalHistoryResult> {
  const names = query.fieldNames ?? DEFAULT_DATE_FIELDS;
  const definition = definitionOf(query.name);
  if (query.from !== undefined && query.to !== undefined && query.to < query.from) throw new InvalidInputError(`${names.to} ${iso(query.to)} is before ${names.from} ${iso(query.from)}`);
  return inSnapshot(context, async () => {
    const to = query.to ?? context.today();
    const loaded = await loadInputs(context, to, query.from ?? null, wantedBy([definition]));
    return historyFrom(context, definition, loaded.inputs, query, to);
  });
}

/**
 * The `status` line: how many of the signals with data support an altcoin season, as of `asOf`
 * (the status's day) or the last day with signal data; null when no signal has data.
 */
export async function signalsStatusItem(context: ReadContext, asOf: DayNumber | null): Promise<StatusItem | null> {
  let result: SignalsResult;
  try {
    result = await signals(context, asOf === null ? {} : { at: asOf });
  } catch (error) {
    if (error instanceof NoDataError) return null;
    throw error;
  }
  const { supports, neutral, against } = result.summary;
  const counted = supports + neutral + against;
  if (counted === 0) return null;
  const leaning = (side: 'supports' | 'against') =>
    result.signals
      .filter((s) => s.reading === side)
      .slice(0, 3)
      .map((s) => s.label)
      .join(', ');
  const detail = [supports > 0 ? `for: ${leaning('supports')}${supports > 3 ? ', …' : ''}` : '', against > 0 ? `against: ${leaning('against')}${against > 3 ? ', …' : ''}` : ''].filter(Boolean).join('; ');
  return {
    key: 'signals',
    label: 'Confirmation signals',
    value: `${supports}▲ ${neutral}· ${against}▼`,
    number: roundOrNull((100 * supports) / counted, 1),
    unit: 'percent',
    reading: `${supports} of ${counted} signals with data support an altcoin season, ${against} against${detail ? ` (${detail})` : ''}`,
    basis: `${counted} of ${result.signals.length} signals have data at most ${result.maxAgeDays} days old; altseason signals`,
    asOf: result.at,
    tone: supports > against ? 'alt' : against > supports ? 'btc' : 'neutral',
  };
}

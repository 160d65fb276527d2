/**
 * `altseason size ASSET --risk 1% --stop PRICE|--atr-stop K [--equity N]` / `size()`: the quantity
 * of a long position from risk per trade and the stop distance, capped by the per-position limit
 * (default 5 %), with the binding constraint named; optionally a volatility-targeted size (EWMA,
 * λ = 0.94) and fractional Kelly (continuous f* = μ/σ² from trailing daily returns — weekly where only weekly closes are stored —, opt-in), and the
 * room left in the asset's sector when a portfolio is stored. The maths is
 * analytics/risk/position-size.ts; this reads the entry (the last stored close at or before the
 * day), the ATR (Wilder's, over close-only bars: the store keeps daily closes, so TR = |Cₜ − Cₜ₋₁|)
 * and the equity (the flag, else the stored portfolio's value).
 */
import { isoDateOf, type DayNumber } from '../domain/dates.ts';
import { InvalidInputError, NoDataError } from '../domain/errors.ts';
import { calendarReturns, sampledReturns, weeklySampleDays } from '../analytics/portfolio/asset-returns.ts';
import { priceAsOf, valueHoldings } from '../analytics/portfolio/value-holdings.ts';
import { sectorExposures } from '../analytics/risk/concentration.ts';
import { averageTrueRange, ewmaVolatility, kellyFractionContinuous, positionSize, type PositionSizeInput } from '../analytics/risk/position-size.ts';
import { sampleMoments } from '../analytics/stats/sharpe-statistics.ts';
import { portfolioAssetResolver } from '../data/portfolio/portfolio-asset-resolver.ts';
import type { SizeResult } from './contracts/size.ts';
import { SIZE_SCHEMA } from './contracts/portfolio-names.ts';
import { dataNotice } from './data-notice.ts';
import { inSnapshot, type ReadContext } from './read-context.ts';
import { dayInSpan, loadRotationInputs } from './sectors.ts';
import { DEFAULT_DATE_FIELDS, storedCryptoSpan, type DateFieldNames } from './stored-span.ts';

export interface SizeQuery {
  asset: string;
  /** r, fraction of equity (0.01 = 1 %). */
  riskFraction: number;
  stopPrice?: number;
  /** k in S = P − k·ATR. */
  atrMultiple?: number;
  atrPeriod?: number;
  /** E; default the stored portfolio's value. */
  equity?: number;
  /** Default 0.05. */
  positionCap?: number;
  /** Sector cap for the room left (default 0.30). */
  sectorCap?: number;
  /** Annual volatility target, e.g. 0.5 (opt-in). */
  volatilityTarget?: number;
  /** κ of fractional Kelly, e.g. 0.25 (opt-in). */
  kellyMultiplier?: number;
  /** Trailing days for Kelly's μ and σ (default 365). */
  kellyWindow?: number;
  at?: DayNumber;
  fieldNames?: DateFieldNames & { asset?: string; stop?: string; equity?: string };
}

const BINDING_WORDS: Record<string, string> = {
  risk: 'the risk budget (loss at the stop = risk per trade)',
  'position-cap': 'the per-position cap',
  'volatility-target': 'the volatility target',
  kelly: 'fractional Kelly',
  'sector-cap': 'the room left under the sector cap',
  'cluster-cap': 'the room left under the cluster cap',
};

export async function size(context: ReadContext, query: SizeQuery): Promise<SizeResult> {
  const names = { ...DEFAULT_DATE_FIELDS, asset: 'asset', stop: 'stop', equity: 'equity', ...(query.fieldNames ?? {}) };
  const cap = query.positionCap ?? 0.05;
  if ((query.stopPrice === undefined) === (query.atrMultiple === undefined)) throw new InvalidInputError(`${names.stop}: give a stop price or an ATR multiple (one of them)`);
  return inSnapshot(context, async () => {
    const [assets, symbols, holdings, span] = await Promise.all([
      context.store.listAssets(),
      context.store.listAssetSymbols(),
      context.store.portfolio.readHoldings(),
      storedCryptoSpan(context.store),
    ]);
    const resolved = portfolioAssetResolver(assets, symbols)(query.asset);
    if ('error' in resolved) throw new InvalidInputError(`${names.asset} ${JSON.stringify(query.asset)}: ${resolved.error}`);
    const day = dayInSpan(query.at, span, names.at);
    const { panel, labels, simulated } = await loadRotationInputs(context, day, null, span);
    const index = panel.assets.findIndex((a) => a.id === resolved.id);
    const quote = index < 0 ? null : priceAsOf(panel, index, day);
    if (quote === null) throw new NoDataError(`${names.asset} ${query.asset}: no stored price for ${resolved.id} at or before ${isoDateOf(day)}`);
    const asset = panel.assets[index]!;
    const assumptions: string[] = [];

    let equity = query.equity;
    let equitySource: 'flag' | 'portfolio' = 'flag';
    const valuation = holdings.length > 0 ? valueHoldings(panel, holdings, day) : null;
    if (equity === undefined) {
      if (!valuation || !valuation.total.greaterThan(0)) throw new InvalidInputError(`${names.equity}: give the equity (no portfolio with stored prices to take it from)`);
      equity = valuation.total.toNumber();
      equitySource = 'portfolio';
    }

    const periodCloses = (from: number): number[] => {
      const out: number[] = [];
      for (let cell = Math.max(0, from - asset.firstDay); cell <= quote.cell; cell++) if (Number.isFinite(asset.price[cell]!)) out.push(asset.price[cell]!);
      return out;
    };
    const input: PositionSizeInput = { equity, entryPrice: quote.price, riskFraction: query.riskFraction, positionCap: cap };
    let atr: number | null = null;
    let atrBasis = 'Wilder ATR over daily closes (TR = |Cₜ − Cₜ₋₁|; the store keeps no highs and lows)';
    const period = query.atrPeriod ?? 14;
    if (query.stopPrice !== undefined) input.stopPrice = query.stopPrice;
    else {
      const closes = periodCloses(day - 10 * period);
      const series = averageTrueRange(
        closes.map((c) => ({ high: c, low: c, close: c })),
        period,
      );
      atr = series.length > 0 ? series[series.length - 1]! : Number.NaN;
      const spacing = closes.length > 1 ? (10 * period) / (closes.length - 1) : 1;
      if (spacing > 2) atrBasis = `Wilder ATR over ${closes.length} stored closes about ${Math.round(spacing)} days apart (no daily closes stored here: a ${Math.round(spacing)}-day ATR; TR = |Cₜ − Cₜ₋₁|)`;
      if (!Number.isFinite(atr) || !(atr > 0)) throw new NoDataError(`${names.stop}: fewer than ${period + 1} stored closes of ${asset.symbol} before ${isoDateOf(day)} for ATR(${period})`);
      input.atrStop = { atr, multiplier: query.atrMultiple! };
    }
    const window = query.kellyWindow ?? 365;
    // Daily returns; where fewer than 60 days of the window have one (only weekly snapshots stored),
    // weekly returns (as risk: every 7th day back from the latest snapshot day).
    let returns = calendarReturns(panel, index, (day - window + 1) as DayNumber, day);
    let periodDays = 1;
    const finite = (r: Float64Array) => r.reduce((n, v) => n + (Number.isFinite(v) ? 1 : 0), 0);
    if (finite(returns) < 60) {
      const weekly = sampledReturns(panel, index, weeklySampleDays(panel, [index], day, window), 3);
      if (7 * finite(weekly) > finite(returns)) {
        returns = weekly;
        periodDays = 7;
      }
    }
    const unit = periodDays === 1 ? { returns: 'daily returns', per: 'a day' } : { returns: 'weekly returns (only weekly closes stored here)', per: 'a week' };
    if (query.volatilityTarget !== undefined) {
      const sigma = ewmaVolatility(returns);
      const last = sigma[sigma.length - 1]!;
      if (!(last > 0)) throw new NoDataError(`--vol-target: no volatility estimate for ${asset.symbol} at ${isoDateOf(day)}`);
      const annual = last * Math.sqrt(365 / periodDays);
      input.volatilityTarget = { targetAnnualVolatility: query.volatilityTarget, assetAnnualVolatility: annual };
      assumptions.push(`Volatility target ${(query.volatilityTarget * 100).toFixed(0)} % a year against ${asset.symbol}'s EWMA (λ = 0.94) volatility ${(annual * 100).toFixed(1)} % a year (${unit.returns}, × √(365/${periodDays})): weight = target/σ (the position cap still applies).`);
    }
    if (query.kellyMultiplier !== undefined) {
      const m = sampleMoments(returns);
      if (m.mean === null || m.standardDeviation === null || !(m.standardDeviation > 0)) throw new NoDataError(`--kelly: too few ${unit.returns} of ${asset.symbol} in the last ${window} days`);
      const f = kellyFractionContinuous(m.mean, m.standardDeviation);
      input.kelly = { fraction: f, multiplier: query.kellyMultiplier };
      assumptions.push(
        `Fractional Kelly κ = ${query.kellyMultiplier} × f* = μ/σ² = ${f.toFixed(3)} from ${m.count} ${unit.returns} (μ = ${(m.mean * 100).toFixed(3)} %, σ = ${(m.standardDeviation * 100).toFixed(3)} % ${unit.per}; f* is the same from daily or weekly i.i.d. returns), risk-free 0: assumes the past mean persists and returns are i.i.d.; estimation error in μ dominates, so never full Kelly; f* ≤ 0 means no position.`,
      );
    }
    if (valuation && valuation.total.greaterThan(0)) {
      const weights = valuation.holdings.filter((h) => h.weight !== null && h.assetIndex >= 0);
      const exposure = sectorExposures(
        weights.map((h) => h.weight!),
        weights.map((h) => labels[h.assetIndex]!.sector),
      );
      const sector = labels[index]!.sector;
      const heldValue = valuation.total.toNumber();
      const used = ((exposure.get(sector) ?? 0) * heldValue) / equity;
      input.sectorRoom = (query.sectorCap ?? 0.3) - used;
      assumptions.push(`Sector ${sector}: the stored portfolio holds ${(used * 100).toFixed(1)} % of equity in it; the room is the ${((query.sectorCap ?? 0.3) * 100).toFixed(0)} % sector cap minus that.`);
    }
    const sized = positionSize(input);
    const note = `${BINDING_WORDS[sized.binding] ?? sized.binding} binds${sized.binding === 'position-cap' ? ` (${(cap * 100).toFixed(1)} % of equity)` : ''}`;
    return {
      schema: SIZE_SCHEMA,
      simulated,
      data: dataNotice(span.last, context.today(), simulated),
      id: asset.id,
      symbol: asset.symbol,
      asOf: isoDateOf(day),
      priceDate: isoDateOf(quote.day),
      entryPriceUsd: quote.price,
      stopPriceUsd: Number(sized.stopPrice.toPrecision(10)),
      stop: {
        kind: query.stopPrice !== undefined ? 'price' : 'atr',
        atr: atr === null ? null : Number(atr.toPrecision(10)),
        atrMultiple: query.atrMultiple ?? null,
        atrPeriod: atr === null ? null : period,
        atrBasis: atr === null ? null : atrBasis,
      },
      equityUsd: equity,
      equitySource,
      riskFraction: query.riskFraction,
      positionCap: cap,
      quantity: sized.quantity,
      notionalUsd: Number(sized.notional.toFixed(2)),
      weight: Number((sized.notional / equity).toFixed(6)),
      riskAtStopUsd: Number(sized.riskAtStop.toFixed(2)),
      binding: sized.binding,
      bindingNote: note,
      noTradeReason: sized.noTradeReason,
      candidates: sized.candidates.map((c) => ({ constraint: c.constraint, quantity: c.quantity, notionalUsd: Number((c.quantity * quote.price).toFixed(2)), binding: c.constraint === sized.binding })),
      assumptions,
    };
  });
}

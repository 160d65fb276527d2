/**
 * `altseason risk [--at DATE]` / `risk()`: the stored portfolio's exposures against the position and
 * sector caps, concentration (HHI, effective N, Meucci's effective number of bets), correlations of
 * the holdings (clusters above a threshold), correlation and beta to BTC, VaR/CVaR (historical,
 * Gaussian, Cornish–Fisher; 95/99 %, 1/10 days) from stored returns, stress replays of named
 * episodes with their coverage, and a hierarchical-risk-parity weighting as a reference. All maths
 * is analytics/risk (and analytics/portfolio for the replays); this maps it to the contract. Every
 * figure is computed from data at or before the day: the panel is read up to it.
 *
 * Weights are fractions of the portfolio's value at stored prices (no cash outside it). The
 * covariance for σ_p, risk shares, ENB and HRP is Ledoit–Wolf shrunk over the days of the window
 * where every holding has a return; correlations shown are pairwise over complete pairs.
 */
import { isoDateOf, type DayNumber } from '../domain/dates.ts';
import { NoDataError } from '../domain/errors.ts';
import { calendarReturns, sampledReturns, weeklySampleDays } from '../analytics/portfolio/asset-returns.ts';
import { STRESS_EPISODES, stressReplay } from '../analytics/portfolio/stress-replay.ts';
import { concentrationFindings, effectiveNumberOfBets, herfindahlIndex, riskContributions, sectorExposures, sectorHerfindahlIndex } from '../analytics/risk/concentration.ts';
import { betaTo, correlationClusters, correlationMatrix, covarianceMatrix, ledoitWolfCovariance } from '../analytics/risk/correlation-matrix.ts';
import { hierarchicalRiskParity } from '../analytics/risk/hierarchical-risk-parity.ts';
import { valueAtRiskTable } from '../analytics/risk/value-at-risk.ts';
import type { RiskFinding, RiskResult } from './contracts/risk.ts';
import { RISK_SCHEMA } from './contracts/portfolio-names.ts';
import { dataNotice } from './data-notice.ts';
import { BTC_ID, loadPortfolioView } from './portfolio-show.ts';
import { inSnapshot, type ReadContext } from './read-context.ts';
import { roundOrNull } from './round.ts';
import type { SectorsFile } from './sectors.ts';
import { DEFAULT_DATE_FIELDS, type DateFieldNames } from './stored-span.ts';

export interface RiskLimits {
  /** Per-position cap, fraction of equity (default 0.05). */
  positionCap: number;
  /** Per-sector cap (default 0.30). */
  sectorCap: number;
  /** Correlation above which holdings share a cluster (default 0.8). */
  correlationThreshold: number;
  /** Trailing days of returns (default 365). */
  windowDays: number;
}

export const DEFAULT_RISK_LIMITS: Readonly<RiskLimits> = Object.freeze({ positionCap: 0.05, sectorCap: 0.3, correlationThreshold: 0.8, windowDays: 365 });

export interface RiskQuery {
  at?: DayNumber;
  limits?: Partial<RiskLimits>;
  fieldNames?: DateFieldNames;
  sectorsFile?: SectorsFile | null;
}

/** Fewer complete days of returns than this is a thin-data warning (and weekly returns are tried). */
export const MIN_OBSERVATIONS = 60;
/** The same for weekly returns. */
export const MIN_WEEKLY_OBSERVATIONS = 26;

/** Where every series has a return: how many periods, and the first and last such period's index. */
function completeRows(series: readonly Float64Array[]): { rows: number; first: number; last: number } {
  const length = series.length === 0 ? 0 : Math.min(...series.map((s) => s.length));
  let rows = 0;
  let first = -1;
  let last = -1;
  for (let t = 0; t < length; t++) {
    if (!series.every((s) => Number.isFinite(s[t]!))) continue;
    rows++;
    if (first < 0) first = t;
    last = t;
  }
  return { rows, first, last };
}

/** Daily returns whose last complete day is more than this before the day are not current: weekly ones are tried. */
export const MAX_RETURN_LAG_DAYS = 7;

const r6 = (v: number | null | undefined) => roundOrNull(v ?? null, 6);

export async function risk(context: ReadContext, query: RiskQuery = {}): Promise<RiskResult> {
  const limits: RiskLimits = { ...DEFAULT_RISK_LIMITS, ...(query.limits ?? {}) };
  return inSnapshot(context, async () => {
    const view = await loadPortfolioView(context, query.at, query.fieldNames ?? DEFAULT_DATE_FIELDS, query.sectorsFile ?? null);
    const { panel, valuation, day } = view;
    const priced = valuation.holdings.filter((h) => h.weight !== null && h.assetIndex >= 0);
    if (priced.length === 0) throw new NoDataError(`no holding has a stored price at or before ${isoDateOf(day)}`);
    const weights = priced.map((h) => h.weight!);
    const sectors = priced.map((h) => view.labels[h.assetIndex]!.sector);
    const from = (day - limits.windowDays + 1) as DayNumber;
    const btcIndex = panel.assets.findIndex((a) => a.id === BTC_ID);
    // Daily returns; where the store holds only weekly snapshots in the window (too few complete
    // days, or the daily ones stop more than a week before the day), weekly returns between every
    // 7th day ending at the day (closes at most 3 days old at each) when they cover more days.
    let periodDays = 1;
    let returns = priced.map((h) => calendarReturns(panel, h.assetIndex, from, day));
    let btcReturns = btcIndex >= 0 ? calendarReturns(panel, btcIndex, from, day) : null;
    let complete = completeRows(returns);
    // Cell k of a daily series is the return into day from + k; of a weekly one, into sample k + 1.
    let periodEnd = (k: number) => (from + k) as DayNumber;
    const dailyCurrent = complete.rows >= MIN_OBSERVATIONS && periodEnd(complete.last) >= day - MAX_RETURN_LAG_DAYS;
    if (!dailyCurrent) {
      const samples = weeklySampleDays(panel, priced.map((h) => h.assetIndex), day, limits.windowDays);
      const weekly = priced.map((h) => sampledReturns(panel, h.assetIndex, samples, 3));
      const weeklyComplete = completeRows(weekly);
      if (7 * weeklyComplete.rows > complete.rows) {
        periodDays = 7;
        returns = weekly;
        complete = weeklyComplete;
        periodEnd = (k: number) => samples[k + 1]!;
        btcReturns = btcIndex >= 0 ? sampledReturns(panel, btcIndex, samples, 3) : null;
      }
    }
    const returnCoverage = {
      periodDays,
      from: complete.rows > 0 ? isoDateOf((periodEnd(complete.first) - periodDays + 1) as DayNumber) : null,
      to: complete.rows > 0 ? isoDateOf(periodEnd(complete.last)) : null,
      periods: complete.rows,
      windowDays: limits.windowDays,
      coveredDays: complete.rows * periodDays,
      share: r6(Math.min(1, (complete.rows * periodDays) / limits.windowDays))!,
    };
    const periodsPerYear = 365 / periodDays;
    const minObservations = periodDays === 1 ? MIN_OBSERVATIONS : MIN_WEEKLY_OBSERVATIONS;

    const shrunk = priced.length >= 2 ? ledoitWolfCovariance(returns) : null;
    const sample = shrunk ? null : covarianceMatrix(returns);
    const covariance = shrunk?.covariance ?? sample?.covariance ?? null;
    const observations = shrunk?.rows ?? sample?.rows ?? 0;
    const contributions = covariance ? riskContributions(weights, covariance) : null;
    const bets = covariance ? effectiveNumberOfBets(weights, covariance) : null;
    const hrp = covariance ? hierarchicalRiskParity(covariance) : null;
    const correlation = correlationMatrix(returns);
    const clusters = correlationClusters(correlation.r, limits.correlationThreshold);
    const hhi = herfindahlIndex(weights);
    const sectorHhi = sectorHerfindahlIndex(weights, sectors);

    const findings: RiskFinding[] = concentrationFindings(
      priced.map((h, i) => ({ id: h.assetId, weight: weights[i]!, sector: sectors[i]! })),
      { positionCap: limits.positionCap, sectorCap: limits.sectorCap, ...(bets ? { effectiveBets: bets.effectiveBets } : {}) },
    ).map((f) => ({ ...f, value: r6(f.value)!, limit: r6(f.limit)! }));
    for (const [i, members] of clusters.clusters.entries()) {
      if (members.length < 2) continue;
      const exposure = members.reduce((sum, m) => sum + Math.abs(weights[m]!), 0);
      if (exposure > limits.sectorCap + 1e-12) {
        const ids = members.map((m) => priced[m]!.assetId);
        findings.push({
          kind: 'cluster-cap',
          severity: 'breach',
          subject: `cluster ${i + 1} (${ids.join(', ')})`,
          value: r6(exposure)!,
          limit: limits.sectorCap,
          message: `${ids.join(', ')} move together (ρ > ${limits.correlationThreshold}) and are ${(exposure * 100).toFixed(1)} % of equity together, above the ${(limits.sectorCap * 100).toFixed(1)} % budget a cluster shares`,
        });
      }
    }
    if (observations < minObservations) {
      const unit = periodDays === 1 ? 'daily' : 'weekly';
      findings.push({
        kind: 'thin-data',
        severity: 'warning',
        subject: 'portfolio',
        value: observations,
        limit: minObservations,
        message: `only ${observations} ${unit} returns in the last ${limits.windowDays} days have every holding (below ${minObservations}): volatility, risk shares, effective bets, VaR and HRP are ${observations < 2 ? 'not computed' : 'unreliable'}`,
      });
    }
    const equity = valuation.total.toNumber();
    const notes = [
      'Weights are fractions of the portfolio value at stored closes; no cash outside the stored holdings is counted.',
      `Covariance: ${shrunk ? `Ledoit–Wolf shrunk (δ = ${shrunk.shrinkage.toFixed(3)})` : 'sample'} over the ${observations} ${periodDays === 1 ? 'days' : 'weeks'} of the last ${limits.windowDays} days where every holding has a ${periodDays === 1 ? 'daily' : 'weekly'} return.`,
      `Returns: ${returnCoverage.periods} ${periodDays === 1 ? 'daily' : 'weekly'} returns with every holding, ${returnCoverage.from ?? '—'} … ${returnCoverage.to ?? '—'}, ${returnCoverage.coveredDays} of the ${limits.windowDays} days (${(returnCoverage.share * 100).toFixed(1)} %).`,
      periodDays === 1
        ? 'VaR: historical from overlapping h-day returns (type-7 quantile); Gaussian from daily μ, σ scaled by h and √h; Cornish–Fisher from h-day returns, no CVaR.'
        : 'Only weekly closes are stored here: 7-day VaR from weekly returns; 1- and 10-day VaR are the weekly figures carried by the square-root-of-time rule (mean × h/7, dispersion × √(h/7); assumes independent returns), marked "scaled from 7 days"; volatility annualised by √(365/7).',
      'HRP weights (López de Prado 2016) are a reference, not advice.',
    ];
    if (valuation.unpriced.length > 0) notes.push(`Left out, no stored price at or before ${isoDateOf(day)}: ${valuation.unpriced.join(', ')}.`);
    const sectorTotals = sectorExposures(weights, sectors);
    const simulated = view.simulated;
    return {
      schema: RISK_SCHEMA,
      simulated,
      data: dataNotice(view.lastDay, context.today(), simulated),
      asOf: isoDateOf(day),
      equityUsd: valuation.total.toFixed(2),
      limits,
      positions: priced.map((h, i) => {
        const beta = btcReturns ? betaTo(returns[i]!, btcReturns) : null;
        const vol = covariance ? Math.sqrt(covariance[i]![i]! * periodsPerYear) : null;
        return {
          id: h.assetId,
          symbol: panel.assets[h.assetIndex]!.symbol,
          sector: sectors[i]!,
          tier: view.tiers.get(h.assetIndex) ?? null,
          weight: r6(weights[i])!,
          positionCap: limits.positionCap,
          overCap: Math.abs(weights[i]!) > limits.positionCap + 1e-12,
          annualVolatility: r6(vol),
          correlationToBtc: r6(beta?.correlation),
          betaToBtc: r6(beta?.beta),
          riskShare: r6(contributions?.shares[i]),
          hrpWeight: r6(hrp?.weights[i]),
          cluster: clusters.clusterOf[i]! + 1,
        };
      }),
      sectors: [...sectorTotals]
        .map(([sector, exposure]) => ({
          sector,
          exposure: r6(exposure)!,
          cap: limits.sectorCap,
          overCap: exposure > limits.sectorCap + 1e-12,
          positions: sectors.filter((s) => s === sector).length,
        }))
        .sort((a, b) => b.exposure - a.exposure),
      concentration: {
        hhi: r6(hhi?.hhi),
        effectiveN: r6(hhi?.effectiveN),
        sectorHhi: r6(sectorHhi?.hhi),
        effectiveBets: r6(bets?.effectiveBets),
        annualVolatility: r6(contributions ? contributions.portfolioVolatility * Math.sqrt(periodsPerYear) : null),
        observations,
        shrinkage: r6(shrunk?.shrinkage),
      },
      correlation: {
        ids: priced.map((h) => h.assetId),
        matrix: correlation.r.map((row) => row.map((v) => r6(v))),
        clusters: clusters.clusters.map((members) => members.map((m) => priced[m]!.assetId)),
      },
      returnPeriodDays: periodDays,
      returnCoverage,
      valueAtRisk: valueAtRiskTable(weights, returns, { window: Math.ceil(limits.windowDays / periodDays), periodDays, horizons: periodDays === 1 ? [1, 10] : [1, 7, 10] }).map((row) => ({
        method: row.method,
        confidence: row.confidence,
        horizonDays: row.horizonDays,
        scaledFromDays: row.scaledFromDays,
        valueAtRisk: r6(row.valueAtRisk)!,
        conditionalValueAtRisk: r6(row.conditionalValueAtRisk),
        valueAtRiskUsd: roundOrNull(row.valueAtRisk * equity, 2)!,
        observations: row.observations,
      })),
      stress: STRESS_EPISODES.map((episode) => {
        const s = stressReplay(
          panel,
          priced.map((h, i) => ({ assetIndex: h.assetIndex, assetId: h.assetId, weight: weights[i]! })),
          episode,
        );
        return {
          episode: episode.id,
          name: episode.name,
          from: isoDateOf(episode.from),
          to: isoDateOf(episode.to),
          portfolioReturn: r6(s.portfolioReturn),
          lossUsd: s.portfolioReturn === null ? null : roundOrNull(-s.portfolioReturn * equity, 2),
          coverage: r6(s.coverage)!,
          notCovered: s.assets.filter((a) => a.episodeReturn === null).map((a) => a.assetId),
          truncated: s.truncated,
        };
      }),
      findings,
      notes,
    };
  });
}

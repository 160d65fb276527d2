/**
 * `altseason portfolio show` / `portfolioShow()`: the stored holdings valued at stored prices as of
 * a day (default: the last day with data), each with its price date, weight, unrealised P&L, sector
 * (the rotation's labels) and tier (the rotation's size tiers that day). Also what the risk and plan
 * use cases share: the holdings, panel, labels and tiers read in one snapshot.
 */
import { isoDateOf, type DayNumber } from '../domain/dates.ts';
import { NothingStoredError } from '../domain/errors.ts';
import type { Panel } from '../domain/panel.ts';
import { valueHoldings, type Valuation } from '../analytics/portfolio/value-holdings.ts';
import { resolveRotationOptions } from '../analytics/rotation/rotation-options.ts';
import { rotationMembersOn } from '../analytics/rotation/rotation-indices.ts';
import type { SectorLabel } from '../analytics/rotation/sector-labels.ts';
import type { PortfolioImportRecord } from '../data/store/portfolio-book.ts';
import type { PortfolioResult } from './contracts/portfolio.ts';
import { PORTFOLIO_SCHEMA } from './contracts/portfolio-names.ts';
import { dataNotice } from './data-notice.ts';
import { inSnapshot, type ReadContext } from './read-context.ts';
import { dayInSpan, loadRotationInputs, type SectorsFile } from './sectors.ts';
import { DEFAULT_DATE_FIELDS, storedCryptoSpan, type DateFieldNames } from './stored-span.ts';

export const BTC_ID = 'bitcoin';

export interface PortfolioView {
  day: DayNumber;
  lastDay: DayNumber;
  panel: Panel;
  labels: SectorLabel[];
  valuation: Valuation;
  /** Tier per panel asset index that day ('btc' for BTC), absent outside the ranked universe. */
  tiers: Map<number, string>;
  imported: PortfolioImportRecord | null;
  simulated: boolean;
}

/** Inside the caller's snapshot: the stored holdings valued as of `at` (default the last day). */
export async function loadPortfolioView(context: ReadContext, at: DayNumber | undefined, names: DateFieldNames = DEFAULT_DATE_FIELDS, sectorsFile: SectorsFile | null = null): Promise<PortfolioView> {
  const [holdings, imported] = await Promise.all([context.store.portfolio.readHoldings(), context.store.portfolio.lastImport()]);
  if (holdings.length === 0) throw new NothingStoredError('no portfolio stored: import one with `altseason portfolio import FILE` (CSV asset,quantity[,cost_usd,acquired] or a trade list)');
  const span = await storedCryptoSpan(context.store);
  const day = dayInSpan(at, span, names.at);
  const { panel, labels, simulated } = await loadRotationInputs(context, day, sectorsFile, span);
  const valuation = valueHoldings(panel, holdings, day);
  const tiers = new Map<number, string>();
  for (const m of rotationMembersOn(panel, day, labels, resolveRotationOptions({}))) tiers.set(m.assetIndex, m.tier);
  const btc = panel.assets.findIndex((a) => a.id === BTC_ID);
  if (btc >= 0) tiers.set(btc, 'btc');
  return { day, lastDay: span.last, panel, labels, valuation, tiers, imported, simulated };
}

const money = (d: { toFixed(digits: number): string } | null): string | null => (d === null ? null : d.toFixed(2));

export interface PortfolioShowQuery {
  at?: DayNumber;
  fieldNames?: DateFieldNames;
  sectorsFile?: SectorsFile | null;
}

export async function portfolioShow(context: ReadContext, query: PortfolioShowQuery = {}): Promise<PortfolioResult> {
  return inSnapshot(context, async () => {
    const view = await loadPortfolioView(context, query.at, query.fieldNames, query.sectorsFile ?? null);
    const { panel, valuation } = view;
    const pnl = valuation.totalCost === null ? null : valuation.total.minus(valuation.totalCost);
    return {
      schema: PORTFOLIO_SCHEMA,
      simulated: view.simulated,
      data: dataNotice(view.lastDay, context.today(), view.simulated),
      asOf: isoDateOf(view.day),
      imported: view.imported && {
        origin: view.imported.origin,
        format: view.imported.format,
        importedAt: new Date(view.imported.importedAt).toISOString(),
        holdings: view.imported.holdings,
        trades: view.imported.trades,
      },
      totalValueUsd: valuation.total.toFixed(2),
      totalCostUsd: money(valuation.totalCost),
      unrealisedPnlUsd: money(pnl),
      holdings: valuation.holdings
        .map((h) => {
          const asset = h.assetIndex >= 0 ? panel.assets[h.assetIndex]! : null;
          return {
            id: h.assetId,
            symbol: asset?.symbol ?? null,
            name: asset?.name ?? null,
            quantity: h.quantity.toFixed(),
            priceUsd: h.price === null ? null : Number(h.price.toPrecision(10)),
            priceDate: h.priceDay === null ? null : isoDateOf(h.priceDay),
            priceStale: h.stale,
            valueUsd: money(h.value),
            weight: h.weight === null ? null : Number(h.weight.toFixed(6)),
            costUsd: money(h.cost),
            unrealisedPnlUsd: money(h.unrealisedPnl),
            unrealisedReturn: h.unrealisedReturn === null ? null : Number(h.unrealisedReturn.toFixed(6)),
            sector: h.assetIndex >= 0 ? view.labels[h.assetIndex]!.sector : null,
            tier: view.tiers.get(h.assetIndex) ?? null,
            acquired: h.acquiredDay === null ? null : isoDateOf(h.acquiredDay),
          };
        })
        .sort((a, b) => (b.weight ?? -1) - (a.weight ?? -1)),
      unpriced: valuation.unpriced,
    };
  });
}

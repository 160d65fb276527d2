/**
 * `altseason portfolio import FILE` / `importPortfolio()`: parses a holdings file or trade list
 * (data/portfolio/parse-portfolio-file.ts) against the stored assets and replaces the stored
 * portfolio with it in one transaction. A bad file throws before anything is written, so the
 * stored portfolio stays as it was. The file stays on this machine: it goes to the local store only.
 */
import type { UnixMs } from '../domain/dates.ts';
import { portfolioAssetResolver } from '../data/portfolio/portfolio-asset-resolver.ts';
import { parsePortfolioFile, type PortfolioFile } from '../data/portfolio/parse-portfolio-file.ts';
import type { Store } from '../data/store/store.ts';
import type { PortfolioImportResult } from './contracts/portfolio.ts';
import { PORTFOLIO_IMPORT_SCHEMA } from './contracts/portfolio-names.ts';
import { dataNotice } from './data-notice.ts';
import { isSimulatedStore } from '../sim/write-simulated-market.ts';
import { today } from '../domain/dates.ts';

export async function importPortfolio(store: Store, file: PortfolioFile, options: { now?: UnixMs } = {}): Promise<PortfolioImportResult> {
  const [assets, symbols, before, simulated, span] = await store.snapshot(() =>
    Promise.all([store.listAssets(), store.listAssetSymbols(), store.portfolio.readHoldings(), isSimulatedStore(store), store.cryptoDaySpan()]),
  );
  const parsed = await parsePortfolioFile(file, portfolioAssetResolver(assets, symbols));
  const now = options.now ?? (Date.now() as UnixMs);
  await store.portfolio.replacePortfolio({ import: { origin: file.name, format: parsed.format, importedAt: now }, holdings: parsed.holdings, trades: parsed.trades });
  return {
    schema: PORTFOLIO_IMPORT_SCHEMA,
    simulated,
    data: dataNotice(span.lastDay, today(now), simulated),
    file: file.name,
    format: parsed.format,
    holdings: parsed.holdings.length,
    trades: parsed.trades.length,
    replacedHoldings: before.length,
  };
}

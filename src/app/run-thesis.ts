/**
 * The thesis use case: loads what the thesis needs from a store (the crypto panel, ^RUT and ^GSPC
 * closes, and whether the store is a simulated market with its ground truth) and runs the pure
 * assembly (analytics/thesis/compute-thesis-from-inputs.ts). The result is the JSON-serialisable
 * ThesisReport (schema 'altseason.thesis/v1') that `altseason thesis` renders and the dashboard
 * serves; every interface calls this one function.
 */
import type { DayNumber } from '../domain/dates.ts';
import { computeThesisFromInputs, type ThesisOptions } from '../analytics/thesis/compute-thesis-from-inputs.ts';
import type { ThesisReport } from '../analytics/thesis/thesis-report.ts';
import { loadEquitySeries, loadEquitySeriesIfStored } from '../data/panel/load-equity-series.ts';
import { loadPanel } from '../data/panel/load-panel.ts';
import type { Store } from '../data/store/store.ts';
import { isSimulatedStore, readGroundTruth } from '../sim/write-simulated-market.ts';

export const RUSSELL_SYMBOL = '^RUT';
export const SP500_SYMBOL = '^GSPC';
/** History loaded before `from`: the ASI window plus a year, so the first tested day has a full window. */
const PANEL_LOOKBACK_DAYS = 400;

export type { ThesisOptions, ThesisReport };

export async function runThesis(store: Store, options: ThesisOptions = {}): Promise<ThesisReport> {
  const progress = options.onProgress ?? (() => {});
  progress(`loading crypto prices and ${RUSSELL_SYMBOL}/${SP500_SYMBOL} closes from ${store.location}`);
  // Equity loads the full history: a record is a close above every earlier close.
  const panelFrom = options.from !== undefined ? ((options.from - (options.window ?? 90) - PANEL_LOOKBACK_DAYS) as DayNumber) : undefined;
  const [panel, russell, sp500, simulated, truth, summary] = await Promise.all([
    loadPanel(store, { ...(panelFrom !== undefined ? { from: panelFrom } : {}), ...(options.to !== undefined ? { to: options.to } : {}) }),
    loadEquitySeries(store, RUSSELL_SYMBOL),
    loadEquitySeriesIfStored(store, SP500_SYMBOL),
    isSimulatedStore(store),
    readGroundTruth(store),
    store.summary(),
  ]);
  const equitySources: Record<string, Record<string, number>> = { [RUSSELL_SYMBOL]: russell.daysBySource };
  if (sp500) equitySources[SP500_SYMBOL] = sp500.daysBySource;
  return computeThesisFromInputs(
    {
      panel,
      russell: russell.series,
      sp500: sp500?.series ?? null,
      equitySources,
      simulated: simulated || truth !== null,
      groundTruth: truth ? { seed: truth.seed, leadDays: truth.leadDays, effect: truth.effect, plantedLink: truth.plantedLink } : null,
      // The report states the stored span, not only the part loaded for --from/--to.
      ...(summary.firstDay !== null && summary.lastDay !== null ? { cryptoSpan: { first: summary.firstDay, last: summary.lastDay } } : {}),
    },
    options,
  );
}

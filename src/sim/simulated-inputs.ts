/**
 * A simulated market as the thesis's in-memory inputs (the panel and the equity closes), exactly
 * what `runThesis` loads after `altseason simulate` wrote the market to a store, so a statistic
 * measured here (bench/thesis-power) is the one the report computes.
 */
import type { DayNumber } from '../domain/dates.ts';
import { makePanel } from '../domain/make-panel.ts';
import type { Panel } from '../domain/panel.ts';
import { makeSeries, type DailySeries } from '../domain/series.ts';
import type { SimulatedAsset, SimulatedMarket } from './simulate-market.ts';
import { SIMULATED_SOURCE } from './write-simulated-market.ts';

export interface SimulatedInputs {
  panel: Panel;
  russell: DailySeries;
  sp500: DailySeries;
}

export function simulatedInputs(market: SimulatedMarket): SimulatedInputs {
  const spec = (asset: SimulatedAsset) => ({
    id: asset.id,
    symbol: asset.symbol,
    name: asset.name,
    firstDay: market.days[asset.firstIndex]! as DayNumber,
    price: Array.from(asset.prices.subarray(asset.firstIndex, asset.lastIndex + 1)),
    marketCap: Array.from(asset.marketCaps.subarray(asset.firstIndex, asset.lastIndex + 1)),
    volume: Array.from(asset.volumes.subarray(asset.firstIndex, asset.lastIndex + 1)),
    source: SIMULATED_SOURCE,
  });
  const equity = (symbol: string) => {
    const e = market.equities.find((q) => q.symbol === symbol)!;
    return makeSeries(symbol, e.days, e.closes);
  };
  return { panel: makePanel([spec(market.bitcoin), ...market.alts.map(spec)], [SIMULATED_SOURCE]), russell: equity('^RUT'), sp500: equity('^GSPC') };
}

/**
 * Builds a Panel from plain arrays: hand-made panels for tests, examples and library users. The
 * store-backed loader is data/panel/load-panel.ts.
 */
import { parseDay, type DayNumber } from './dates.ts';
import { InvalidInputError } from './errors.ts';
import { NO_SOURCE, type Panel, type PanelAsset } from './panel.ts';

export interface PanelAssetSpec {
  id: string;
  symbol: string;
  name?: string;
  symbols?: string[];
  categories?: string[];
  excludedFromIndex?: boolean;
  /** Day of the first value, as a DayNumber or `YYYY-MM-DD`. */
  firstDay: DayNumber | string;
  /** Daily values from firstDay on; null or NaN = missing. */
  price?: readonly (number | null)[];
  marketCap?: readonly (number | null)[];
  volume?: readonly (number | null)[];
  /** Which source supplied the values (one per asset); default the first of `sources`. */
  source?: string;
}

export function makePanel(specs: readonly PanelAssetSpec[], sources: readonly string[] = ['test']): Panel {
  const assets = specs.map((spec): PanelAsset => {
    const firstDay = typeof spec.firstDay === 'string' ? parseDay(spec.firstDay, `firstDay of ${spec.id}`) : spec.firstDay;
    const length = Math.max(spec.price?.length ?? 0, spec.marketCap?.length ?? 0, spec.volume?.length ?? 0, 1);
    const sourceIndex = spec.source === undefined ? 0 : sources.indexOf(spec.source);
    if (sourceIndex < 0) throw new InvalidInputError(`makePanel: source ${JSON.stringify(spec.source)} of ${spec.id} is not in ${JSON.stringify(sources)}`);
    const column = (values: readonly (number | null)[] | undefined) => {
      const data = new Float64Array(length).fill(NaN);
      const from = new Uint16Array(length).fill(NO_SOURCE);
      values?.forEach((value, i) => {
        if (value !== null && Number.isFinite(value)) {
          data[i] = value;
          from[i] = sourceIndex;
        }
      });
      return [data, from] as const;
    };
    const [price, priceSource] = column(spec.price);
    const [marketCap, marketCapSource] = column(spec.marketCap);
    const [volume, volumeSource] = column(spec.volume);
    return {
      id: spec.id,
      symbol: spec.symbol,
      name: spec.name ?? spec.symbol,
      symbols: spec.symbols ?? [spec.symbol],
      categories: spec.categories ?? [],
      excludedFromIndex: spec.excludedFromIndex ?? false,
      firstDay,
      price,
      marketCap,
      volume,
      priceSource,
      marketCapSource,
      volumeSource,
    };
  });
  assets.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const first = assets.length ? Math.min(...assets.map((a) => a.firstDay)) : null;
  const last = assets.length ? Math.max(...assets.map((a) => a.firstDay + a.price.length - 1)) : null;
  return { assets, sources: [...sources], firstDay: first as DayNumber | null, lastDay: last as DayNumber | null };
}

/**
 * Built-in identity knowledge, found by comparing the sources in ../shared/data (docs/data.md,
 * "Asset identity"). Keep entries minimal: every one is a claim that two labels are one coin.
 */
import { parseDay, type DayNumber } from '../../domain/dates.ts';

/**
 * Ids that name the same coin in different sources (CMC slug, CoinGecko id, Kaggle name, or an id
 * made from a weekly snapshot's name), mapped to the one id we keep. The canonical id is the CMC
 * slug where CMC daily data exists, so the bulk of the history keeps its source's own id.
 */
export const KNOWN_ID_EQUIVALENTS: ReadonlyMap<string, string> = new Map([
  // CMC slug vs Kaggle 2021 / CoinGecko ids
  ['xrp', 'ripple'],
  ['bnb', 'binance-coin'],
  ['binancecoin', 'binance-coin'],
  ['crypto.com-coin', 'crypto-com-chain'],
  ['crypto-com-coin', 'crypto-com-chain'],
  ['cronos', 'crypto-com-chain'],
  // CMC's own slug changes (2017 files vs 2018 files)
  ['walton', 'waltonchain'],
  // Ids made from weekly-snapshot names (no slug there) vs the slug sources' ids
  ['binance-usd', 'busd'],
  ['hedera', 'hedera-hashgraph'],
  ['htx-token', 'huobi-token'],
  ['iost', 'iostoken'],
  ['kucoin-token', 'kucoin-shares'],
  ['unus-sed-leo', 'leo-token'],
  ['terra', 'terra-luna'],
  ['terra-classic', 'terra-luna'],
  ['polygon', 'matic-network'],
  ['near-protocol', 'near'],
  ['omg-network', 'omisego'],
  ['quant', 'quant-network'],
  ['ren', 'republic-protocol'],
  ['tether-usdt', 'tether'],
  ['usdc', 'usd-coin'],
  ['theta', 'theta-token'],
  ['theta-network', 'theta-token'],
  ['bytecoin', 'bytecoin-bcn'],
  ['golem', 'golem-network-tokens'],
  ['gnosis', 'gnosis-gno'],
  ['horizen', 'zencash'],
  ['0x-protocol', '0x'],
  ['multiversx', 'elrond'],
  ['xinfin', 'xinfin-network'],
  ['xdc-network', 'xinfin-network'],
  ['immutable-x', 'immutablex'],
  ['immutable', 'immutablex'],
  ['stepn', 'gmt'],
  ['render-token', 'render'],
]);

/** Normalised names (see normaliseAssetName) that are one coin renamed. */
export const KNOWN_NAME_EQUIVALENTS: ReadonlyMap<string, string> = new Map([
  ['binancecoin', 'bnb'],
  ['binanceusd', 'busd'],
  ['tetherusdt', 'tether'],
  ['usdcoin', 'usdc'],
  ['cryptocomcoin', 'cronos'],
  ['maticnetwork', 'polygon'],
  ['hederahashgraph', 'hedera'],
  ['omisego', 'omgnetwork'],
  ['huobitoken', 'htxtoken'],
  ['elrond', 'multiversx'],
  ['thetanetwork', 'theta'],
  ['xinfinnetwork', 'xdcnetwork'],
  ['xinfin', 'xdcnetwork'],
  ['unussedleo', 'leotoken'],
  ['nearprotocol', 'near'],
]);

/** A dated alias shipped with altseason, for tickers that were reused by a different coin. */
export interface BuiltInAlias {
  source: string;
  sourceKey: string;
  fromDay: DayNumber | null;
  toDay: DayNumber | null;
  assetId: string;
  /** Name for the asset when this alias creates it. */
  name: string;
  why: string;
}

const day = (text: string) => parseDay(text, 'built-in alias');
const WEEKLY_SOURCES = ['cmc_weekly_snapshot_top100', 'cmc_weekly_top10'];

export const BUILT_IN_ALIASES: readonly BuiltInAlias[] = WEEKLY_SOURCES.flatMap((source) => [
  {
    source,
    sourceKey: 'LUNA',
    fromDay: null,
    toDay: day('2022-05-27'),
    assetId: 'terra-luna',
    name: 'Terra',
    why: 'LUNA before the May 2022 collapse is Terra (now Terra Classic, LUNC)',
  },
  {
    source,
    sourceKey: 'LUNA',
    fromDay: day('2022-05-28'),
    toDay: null,
    assetId: 'terra-luna-2',
    name: 'Terra 2.0',
    why: 'from 2022-05-28 the ticker LUNA is the new chain Terra 2.0, a different coin',
  },
  {
    source,
    sourceKey: 'BTT',
    fromDay: null,
    toDay: day('2022-01-30'),
    assetId: 'bittorrent',
    name: 'BitTorrent',
    why: 'BTT before the January 2022 redenomination',
  },
  {
    source,
    sourceKey: 'BTT',
    fromDay: day('2022-01-31'),
    toDay: null,
    assetId: 'bittorrent-new',
    name: 'BitTorrent (New)',
    why: 'BTT was redenominated 1:1000 in January 2022 (price $0.0024 → $0.0000021); CMC lists the new token separately, and one series would show a fake -99.9% return',
  },
  {
    source,
    sourceKey: 'DYDX',
    fromDay: day('2024-03-11'),
    toDay: null,
    assetId: 'dydx-native',
    name: 'dYdX (Native)',
    why: 'from 2024-03-11 CMC lists the dYdX chain token as DYDX, while the original ERC-20 continues as ETHDYDX',
  },
  {
    source,
    sourceKey: 'WLD',
    fromDay: null,
    toDay: null,
    assetId: 'worldcoin-wld',
    name: 'Worldcoin',
    why: "Worldcoin (WLD, 2023) is not WorldCoin (WDC, 2013), whose CMC slug is 'worldcoin'",
  },
]);

/** Maps an id through KNOWN_ID_EQUIVALENTS. */
export function canonicalAssetId(id: string): string {
  return KNOWN_ID_EQUIVALENTS.get(id) ?? id;
}

/**
 * A coin that kept its id while its unit changed (a token swap at a fixed ratio). Prices observed
 * under the old ticker are divided by `newPerOld` so the series is in today's unit, as CoinMarketCap
 * and CoinGecko show it; market caps and volumes are USD totals and stay as they are. (A swap that
 * the providers list as a separate coin, like BTT in 2022, is a separate id instead: see the aliases.)
 */
export interface KnownRedenomination {
  assetId: string;
  /** The ticker the old unit traded under (upper case). */
  oldSymbol: string;
  /** New units per old unit. */
  newPerOld: number;
  why: string;
}

export const KNOWN_REDENOMINATIONS: readonly KnownRedenomination[] = [
  {
    assetId: 'vechain',
    oldSymbol: 'VEN',
    newPerOld: 100,
    why: 'VEN was swapped for VET at 1 VEN = 100 VET in July 2018 (VEN $2.75 on 2018-07-02, VET $0.0249 on 2018-07-26, cap about the same); unadjusted, one series would show a fake −99 % return',
  },
];

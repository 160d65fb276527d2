import { type DayNumber } from '../../src/domain/dates.ts';
import type { LoopbackServer } from './loopback-server.ts';
export interface CoinDay {
    price: number;
    cap: number | null;
    volume: number | null;
}
export interface WorldCoin {
    id: string;
    symbol: string;
    name: string;
    /** Coin Metrics' id for it. */
    cmId: string;
    days: Map<number, CoinDay>;
}
export interface WorldData {
    coins: WorldCoin[];
    equities: Map<string, Map<number, {
        open: number;
        high: number;
        low: number;
        close: number;
        volume: number;
    }>>;
    funding: {
        ms: number;
        rate: number;
    }[];
}
export declare function loadWorldData(): WorldData;
export interface WorldOptions {
    today: DayNumber;
    /** Coin Metrics page size the world uses (small, to exercise paging). */
    coinMetricsPageSize?: number;
}
/** Registers every provider's routes on `server`, answering as of `world.today` (mutable). */
export declare function serveProviders(server: LoopbackServer, world: WorldOptions, data?: WorldData): LoopbackServer;
/**
 * raw close / adjusted close of IWM on `day`: the shared file holds adjusted prices only, so the
 * world makes up raw ones, as if a 0.4 % dividend went ex every quarter up to 2026.
 */
export declare function iwmRawFactor(day: DayNumber): number;
/** Store settings that fit the sources to this world (its Coin Metrics assets). */
export declare const WORLD_SETTINGS: Readonly<Record<string, string>>;
/** Points every ALTSEASON_*_URL at `server`. */
export declare function loopbackEnv(server: LoopbackServer): NodeJS.ProcessEnv;

import type { Store } from '../../src/data/store/store.ts';
export declare function storeContent(store: Store): Promise<{
    assets: import("../../src/index.ts").AssetRecord[];
    aliases: import("../../src/index.ts").AliasRecord[];
    observations: import("../../src/index.ts").ObservationRecord[];
    equityBars: import("../../src/index.ts").EquityBarRecord[];
    seriesPoints: import("../../src/index.ts").SeriesPointRecord[];
    categoryRules: import("../../src/index.ts").CategoryRuleRecord[];
}>;
export declare function storeDigest(store: Store): Promise<string>;
/** Row counts per table, for messages that say what differs. */
export declare function storeCounts(store: Store): Promise<Record<string, number>>;

/**
 * DefiLlama's api.llama.fi (no key): total value locked per chain (`/v2/historicalChainTvl` for all
 * chains, `/v2/historicalChainTvl/{chain}` for one) and DEX volume (`/overview/dexs`, its
 * `totalDataChart`). Each call returns the whole daily history, so a series is asked for at most
 * once a day and only the days after the last stored one are kept. TVL history can change when
 * adapters are fixed (PROVIDERS.md): stored days are not rewritten. An empty answer is recorded
 * for the day (asked again tomorrow).
 */
import { z } from 'zod';
import { addDays, dayOfMs, isoDateOf, msOfDay } from '../../../domain/dates.ts';
import type { SeriesPointRecord } from '../../../domain/records.ts';
import { seriesName } from '../../../domain/series-names.ts';
import { SIGNAL_SERIES } from '../../../domain/signal-series-names.ts';
import type { HttpClient } from '../http/http-client.ts';
import type { FetchContext, FetchedRecords, MarketDataSource, PlanContext, PlannedRequest, Provision, SourcePlan } from '../market-data-source.ts';
import { requestError } from '../request-error.ts';
import { emptyMarkerSetting, firstMissingDay } from '../stored-coverage.ts';

export const DEFILLAMA_CHAINS = 'defillama-chains';
/** The provenance on the rows (the provider), as for the stablecoin supply. */
export const DEFILLAMA_ROWS = 'defillama';
export const DEFAULT_TVL_CHAINS: readonly string[] = ['Ethereum', 'Solana'];
const TVL = '/v2/historicalChainTvl';
const DEXS = '/overview/dexs';

const unixSeconds = z.union([z.string().regex(/^\d+$/, 'expected unix seconds'), z.number()]).transform(Number);
const tvlSchema = z.array(z.object({ date: unixSeconds, tvl: z.number() }));
const dexSchema = z.object({ totalDataChart: z.array(z.tuple([unixSeconds, z.number()])) });

interface Target {
  subject: string;
  series: string;
  path: string;
  description: string;
}

export class DefiLlamaChainsSource implements MarketDataSource {
  readonly name = DEFILLAMA_CHAINS;
  readonly provides: readonly Provision[];
  private readonly targets: readonly Target[];

  constructor(
    private readonly client: HttpClient,
    chains: readonly string[] = DEFAULT_TVL_CHAINS,
  ) {
    this.targets = [
      { subject: 'tvl', series: SIGNAL_SERIES.chainTvlUsd, path: TVL, description: 'total value locked, all chains' },
      ...chains.map((chain) => ({ subject: `tvl:${chain}`, series: seriesName(SIGNAL_SERIES.chainTvlUsd, chain), path: `${TVL}/${encodeURIComponent(chain)}`, description: `total value locked on ${chain}` })),
      { subject: 'dexs', series: SIGNAL_SERIES.dexVolumeUsd, path: DEXS, description: 'DEX volume, all chains' },
    ];
    this.provides = this.targets.map((t) => ({ kind: 'series' as const, series: t.series }));
  }

  async plan(context: PlanContext): Promise<SourcePlan> {
    const lastComplete = addDays(context.today, -1);
    const requests: PlannedRequest[] = [];
    for (const target of this.targets) {
      const last = await context.stored.lastSeriesDay(target.series, [DEFILLAMA_ROWS], context.since);
      const from = firstMissingDay(last, context.since);
      if (from > lastComplete) continue;
      if (last === null && (await context.stored.emptyMarker(this.name, target.subject))?.checkedOn === context.today) continue;
      requests.push({ source: this.name, key: `${this.name}:${target.subject}`, kind: 'history', description: `${target.description} for ${isoDateOf(from)}..${isoDateOf(lastComplete)}`, from, to: lastComplete, calls: 1, params: { subject: target.subject } });
    }
    return { requests, notes: [] };
  }

  async *fetch(request: PlannedRequest, context: FetchContext): AsyncIterable<FetchedRecords> {
    const target = this.targets.find((t) => t.subject === request.params.subject)!;
    try {
      const rows: { date: number; value: number }[] =
        target.path === DEXS
          ? (await this.client.getJson(DEXS, DEXS, { excludeTotalDataChart: 'false', excludeTotalDataChartBreakdown: 'true', dataType: 'dailyVolume' }, dexSchema)).totalDataChart.map(([date, value]) => ({ date, value }))
          : (await this.client.getJson(TVL, target.path, {}, tvlSchema)).map((r) => ({ date: r.date, value: r.tvl }));
      const byDay = new Map<number, SeriesPointRecord>();
      for (const row of rows) {
        const day = dayOfMs(row.date * 1000);
        if (day < request.from! || day > request.to! || !Number.isFinite(row.value)) continue;
        byDay.set(day, { series: target.series, at: msOfDay(day), source: DEFILLAMA_ROWS, value: row.value });
      }
      const seriesPoints = [...byDay.values()].sort((a, b) => a.at - b.at);
      yield { seriesPoints, ...(rows.length === 0 ? { settings: emptyMarkerSetting(this.name, target.subject, { from: request.from!, to: request.to!, checkedOn: context.today }) } : {}) };
    } catch (error) {
      throw requestError(this.name, request, error);
    }
  }
}

/**
 * A DashboardService for the HTTP tests: canned answers, counts of what was computed, and hooks to
 * hold a computation open. The HTTP rules (hosts, origins, parameters, queues) do not depend on the
 * numbers, so these tests need no store.
 */
import type { ThesisReport } from '../analytics/thesis/thesis-report.ts';
import type { DashboardService } from './dashboard-service.ts';

export interface TestService extends DashboardService {
  calls: Record<string, number>;
  refreshes: number;
  refresh(): void;
  /** When set, index() waits for this before answering. */
  indexGate: Promise<void> | null;
}

export function testService(overrides: Partial<DashboardService> = {}): TestService {
  const calls: Record<string, number> = {};
  const count = (name: string) => (calls[name] = (calls[name] ?? 0) + 1);
  const service: TestService = {
    calls,
    refreshes: 0,
    indexGate: null,
    refresh() {
      service.refreshes++;
    },
    meta: async () => (count('meta'), { simulated: false, dataNotice: null, store: '/data/altseason.db', firstDate: '2020-01-01', lastDate: '2020-12-31', assets: 1, observations: 1, equitySymbols: [], series: [] }),
    status: async () => (count('status'), { asOf: '2020-12-31', simulated: false, items: [] }),
    index: async (query) => {
      count('index');
      if (service.indexGate) await service.indexGate;
      return { window: query.window, top: query.top, altThreshold: 75, btcThreshold: 25, points: [], episodes: [] };
    },
    explain: async (query) => (count('explain'), { date: query.date, window: query.window, index: null, season: null, btcReturn: null, constituents: [], skipped: [] }),
    dominance: async () => (count('dominance'), { universe: 'top 125', providerSeriesLabel: null, points: [], readings: [] }),
    rut: async (query) => (count('rut'), { breakoutDrawdownPct: query.breakoutDrawdownPct, points: [], breakouts: [], latest: null }),
    thesis: async () => null,
    computeThesis: async () => (count('computeThesis'), { schema: 'altseason.thesis/1' } as unknown as ThesisReport),
    ...overrides,
  };
  return service;
}

/**
 * A DashboardService for the HTTP tests: canned answers, counts of what was computed, and hooks to
 * hold a computation open. The HTTP rules (hosts, origins, parameters, queues) do not depend on the
 * numbers, so these tests need no store, and the answers are minimal stand-ins (`as never`: their
 * shapes are the use cases' contracts, tested where they are made).
 */
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
    meta: async () => (count('meta'), { store: '/data/altseason.db', observations: 1 } as never),
    status: async () => (count('status'), { items: [] } as never),
    index: async (query) => {
      count('index');
      if (service.indexGate) await service.indexGate;
      return { window: query.window, top: query.top } as never;
    },
    explain: async (query) => (count('explain'), { date: query.date } as never),
    dominance: async () => (count('dominance'), { readings: [] } as never),
    rut: async (query) => (count('rut'), { breakoutDrawdownPct: query.breakoutDrawdownPct } as never),
    thesis: async () => null,
    computeThesis: async () => (count('computeThesis'), { schema: 'altseason.thesis/v1' } as never),
    ...overrides,
  };
  return service;
}

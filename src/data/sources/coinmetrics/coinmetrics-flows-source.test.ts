import { expect, it } from 'vitest';
import { parseDay } from '../../../domain/dates.ts';
import { LoopbackServer } from '../../../../test/loopback/loopback-server.ts';
import { loopbackEnv, serveProviders } from '../../../../test/loopback/provider-world.ts';
import { storeContent } from '../../../../test/loopback/store-digest.ts';
import { syncForTest, testSources } from '../../../../test/loopback/sync-fixture.ts';
import { describeWithSharedData } from '../../../../test/shared-data.ts';
import { sourceContract } from '../../../../test/contracts/source-contract.ts';
import { SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { SourceName } from '../create-sources.ts';
import { COINMETRICS } from './coinmetrics-source.ts';
import { COINMETRICS_FLOWS, FLOW_REVISION_DAYS } from './coinmetrics-flows-source.ts';

sourceContract(COINMETRICS_FLOWS as SourceName, { storedSources: [COINMETRICS] });

describeWithSharedData('Coin Metrics exchange-flow vintages', () => {
  it('stores each sync day\'s values as a vintage: the first from since, later ones the revision window', async () => {
    const today = parseDay('2023-08-16');
    const world = { today };
    const server = await serveProviders(new LoopbackServer(), world).start();
    const store = SqliteStore.open(':memory:');
    try {
      const sources = await testSources(store, loopbackEnv(server), [COINMETRICS_FLOWS as SourceName]);
      await syncForTest({ store, sources, today, sinceDays: 60 });
      world.today = (today + 1) as typeof today;
      await syncForTest({ store, sources, today: world.today, sinceDays: 61 });
      const names = [...new Set((await storeContent(store)).seriesPoints.map((p) => p.series))].sort();
      expect(names).toEqual([
        'exchange_inflow_native:BTC@2023-08-16', 'exchange_inflow_native:BTC@2023-08-17', 'exchange_inflow_native:ETH@2023-08-16', 'exchange_inflow_native:ETH@2023-08-17',
        'exchange_outflow_native:BTC@2023-08-16', 'exchange_outflow_native:BTC@2023-08-17', 'exchange_outflow_native:ETH@2023-08-16', 'exchange_outflow_native:ETH@2023-08-17',
      ]);
      expect((await store.readSeries('exchange_inflow_native:BTC@2023-08-16')).length, 'the first vintage: since..yesterday').toBe(60);
      expect((await store.readSeries('exchange_inflow_native:BTC@2023-08-17')).length, 'then the revision window').toBe(FLOW_REVISION_DAYS);
    } finally {
      await store.close();
      await server.close();
    }
  });
});

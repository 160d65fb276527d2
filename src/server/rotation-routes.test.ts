/**
 * GET /api/rotation's phase-rule parameters through the app (app.request, no socket): leadMargin,
 * riskOffBtcReturn and confirmDays reach the use case (the answer equals rotation() called with
 * them), and values outside their ranges are 400s naming the parameter and the value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RotationResultSchema } from '../app/contracts/rotation.ts';
import { readContext } from '../app/read-context.ts';
import { rotation } from '../app/rotation.ts';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { addDays, parseDay } from '../domain/dates.ts';
import { ROTATION_MARKET_DAYS, ROTATION_MARKET_START, writeRotationMarket } from '../../test/fixtures/rotation-market.ts';
import { createApp } from './create-app.ts';
import { createDashboardService } from './create-dashboard-service.ts';
import { WEB_DIST_DIR } from './start-server.ts';

const START = ROTATION_MARKET_START;
const DAYS = ROTATION_MARKET_DAYS;

describe('GET /api/rotation phase-rule parameters', () => {
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    store = SqliteStore.open(':memory:');
    await writeRotationMarket(store);
    app = createApp(createDashboardService(store), WEB_DIST_DIR);
  });
  afterAll(() => store.close());

  const get = async (path: string) => {
    const response = await app.request(`http://127.0.0.1${path}`);
    return { status: response.status, body: JSON.parse(await response.text()) as unknown };
  };

  it('passes the thresholds to the use case: one day to confirm, a 50-point margin', async () => {
    const { status, body } = await get('/api/rotation?from=2024-03-01&confirmDays=1&leadMargin=0.5&riskOffBtcReturn=-0.3');
    expect(status).toBe(200);
    const api = RotationResultSchema.parse(body);
    expect([api.settings.confirmDays, api.settings.leadMargin, api.settings.riskOffBtcReturn]).toEqual([1, 0.5, -0.3]);
    expect(api.current.phase, 'the large caps’ +33 % vs BTC is under a 50-point margin').toBe('bitcoin-led');
    const direct = await rotation(readContext(store), { from: parseDay('2024-03-01'), to: addDays(START, DAYS - 1), window: 30, weighting: 'cap', phase: { confirmDays: 1, leadMargin: 0.5, riskOffBtcReturn: -0.3 } });
    expect(api, 'the same answer as rotation() called directly').toEqual(JSON.parse(JSON.stringify(direct)));
    const quick = RotationResultSchema.parse((await get('/api/rotation?confirmDays=1')).body);
    expect([quick.current.phase, quick.current.since], 'confirmed on the day of the jump').toEqual(['large-caps', '2024-03-31']);
  });

  for (const [query, name, value] of [
    ['leadMargin=1.5', 'leadMargin', '"1.5"'],
    ['leadMargin=2%25', 'leadMargin', '"2%"'],
    ['riskOffBtcReturn=0.15', 'riskOffBtcReturn', '"0.15"'],
    ['riskOffBtcReturn=-1', 'riskOffBtcReturn', '"-1"'],
    ['confirmDays=0', 'confirmDays', '"0"'],
  ] as const) {
    it(`?${query} → 400 naming ${name} and the value`, async () => {
      const { status, body } = await get(`/api/rotation?${query}`);
      expect(status).toBe(400);
      const error = (body as { error: string }).error;
      expect(error).toContain(name);
      expect(error).toContain(value);
    });
  }
});

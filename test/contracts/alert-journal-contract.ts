/**
 * The alert outbox part of the Store contract (src/data/store/alert-journal.ts), run for every
 * implementation by storeContract().
 */
import { describe, expect, it } from 'vitest';
import { parseDay, type UnixMs } from '../../src/domain/dates.ts';
import type { AlertRecord } from '../../src/data/store/alert-journal.ts';
import type { Store } from '../../src/data/store/store.ts';

const at = (ms: number) => ms as UnixMs;

function alert(key: string, ruleId: string, day: string): AlertRecord {
  return { key, ruleId, day: parseDay(day), series: 'asi-90d', direction: 'up', value: 76.5, severity: 'info', payload: JSON.stringify({ key }), createdAt: at(1000) };
}

export function alertJournalContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`${name} keeps the alert outbox`, () => {
    it('records states and alerts in one write, each key once, with a pending delivery per channel', async () => {
      const store = await makeStore();
      const first = await store.alerts.recordEvaluation({
        states: [{ ruleId: 'r1', state: '{"armed":false}', evaluatedDay: parseDay('2021-01-02') }],
        alerts: [{ alert: alert('k1', 'r1', '2021-01-02'), channels: ['hook', 'tg'] }],
      });
      expect(first.inserted).toEqual(['k1']);
      const again = await store.alerts.recordEvaluation({
        states: [{ ruleId: 'r1', state: '{"armed":true}', evaluatedDay: parseDay('2021-01-03') }],
        alerts: [
          { alert: alert('k1', 'r1', '2021-01-02'), channels: ['hook', 'tg', 'mail'] },
          { alert: alert('k0', 'r0', '2021-01-01'), channels: ['hook'] },
        ],
      });
      expect(again.inserted, 'a stored key is left alone').toEqual(['k0']);
      expect(await store.alerts.readRuleStates()).toEqual([{ ruleId: 'r1', state: '{"armed":true}', evaluatedDay: parseDay('2021-01-03') }]);
      expect((await store.alerts.listAlerts()).map((a) => a.key), 'by day').toEqual(['k0', 'k1']);
      expect(await store.alerts.listAlerts({ keys: ['k1'] })).toEqual([alert('k1', 'r1', '2021-01-02')]);
      expect((await store.alerts.listDeliveries()).map((d) => `${d.key}/${d.channel}/${d.status}/${d.attempts}`), 'no delivery added to a stored alert').toEqual([
        'k0/hook/pending/0',
        'k1/hook/pending/0',
        'k1/tg/pending/0',
      ]);
      await store.close();
    });

    it('records each attempt before and after it, and a finished delivery takes no more attempts', async () => {
      const store = await makeStore();
      await store.alerts.recordEvaluation({ states: [], alerts: [{ alert: alert('k1', 'r1', '2021-01-02'), channels: ['hook'] }] });
      const one = await store.alerts.startAttempt('k1', 'hook', at(2000));
      expect(one?.attempt).toBe(1);
      expect((await store.alerts.listAttempts()).map((a) => [a.attempt, a.outcome, a.finishedAt]), 'recorded before it ends').toEqual([[1, null, null]]);
      await store.alerts.finishAttempt(one!.attemptId, { outcome: 'retry', at: at(2100), httpStatus: 500, error: 'HTTP 500', nextAttemptAt: at(5000) });
      expect(await store.alerts.listDeliveries({ status: 'pending' })).toMatchObject([{ key: 'k1', attempts: 1, nextAttemptAt: 5000, lastError: 'HTTP 500' }]);
      expect(await store.alerts.startAttempt('k1', 'hook', at(4000)), 'not due before its next attempt time').toBeNull();
      const interrupted = await store.alerts.startAttempt('k1', 'hook', at(5000), at(5800));
      expect(await store.alerts.startAttempt('k1', 'hook', at(5500)), 'leased to the attempt that runs').toBeNull();
      const two = await store.alerts.startAttempt('k1', 'hook', at(6000));
      expect([interrupted?.attempt, two?.attempt], 'an attempt never finished (a kill) leaves the delivery pending, due when its lease ends').toEqual([2, 3]);
      await store.alerts.finishAttempt(two!.attemptId, { outcome: 'delivered', at: at(6100), httpStatus: 204 });
      expect(await store.alerts.listDeliveries({ status: 'delivered' })).toMatchObject([{ key: 'k1', channel: 'hook', attempts: 3, lastError: null }]);
      expect(await store.alerts.startAttempt('k1', 'hook', at(7000)), 'delivered: no further attempt').toBeNull();
      const attempts = await store.alerts.listAttempts();
      expect(attempts.map((a) => [a.attempt, a.outcome, a.httpStatus])).toEqual([
        [1, 'retry', 500],
        [2, null, null],
        [3, 'delivered', 204],
      ]);
      await store.close();
    });

    it('marks a delivery dead after its last attempt', async () => {
      const store = await makeStore();
      await store.alerts.recordEvaluation({ states: [], alerts: [{ alert: alert('k1', 'r1', '2021-01-02'), channels: ['hook'] }] });
      const one = await store.alerts.startAttempt('k1', 'hook', at(2000));
      await store.alerts.finishAttempt(one!.attemptId, { outcome: 'dead', at: at(2100), httpStatus: 400, error: 'HTTP 400: bad request' });
      expect(await store.alerts.listDeliveries()).toMatchObject([{ status: 'dead', attempts: 1, lastError: 'HTTP 400: bad request' }]);
      expect(await store.alerts.startAttempt('k1', 'hook', at(3000))).toBeNull();
      await store.close();
    });
  });
}

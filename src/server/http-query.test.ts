/**
 * The API's query parameters: plain decimals only, own keys only, one value each, and error
 * messages that quote at most ~80 characters of what was sent.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidInputError } from '../domain/errors.ts';
import { createDashboardApp } from './create-app.ts';
import { decimalParameter, parseQuery, queryValues } from './http-query.ts';
import { testService } from '../../test/fixtures/dashboard-test-service.ts';

const app = createDashboardApp(testService(), { staticDir: '/nonexistent' }).app;
const get = async (path: string) => {
  const reply = await app.request(path, { headers: { host: '127.0.0.1:8787' } });
  return { status: reply.status, body: (await reply.json()) as { error?: string; breakoutDrawdownPct?: number } };
};

describe('API query parameters', () => {
  it.each(['0x10', '0b11', '1e1', '%0910', '%2010', '10%20', '+10', '.5', '10.', '1_0', 'Infinity'])(
    'breakoutDrawdown=%s is refused as window is (Number() would read it as a number)',
    async (value) => {
      const reply = await get(`/api/rut?breakoutDrawdown=${value}`);
      expect(reply.status, `breakoutDrawdown=${value}`).toBe(400);
      expect(reply.body.error).toMatch(/^breakoutDrawdown: expected a decimal number above 0 and below 100/);
    },
  );

  it('breakoutDrawdown takes plain decimals in (0, 100)', async () => {
    expect((await get('/api/rut?breakoutDrawdown=12.5')).body.breakoutDrawdownPct).toBe(12.5);
    expect((await get('/api/rut?breakoutDrawdown=25')).body.breakoutDrawdownPct).toBe(25);
    expect((await get('/api/rut')).body.breakoutDrawdownPct, 'the default').toBe(10);
    expect((await get('/api/rut?breakoutDrawdown=99.99')).status).toBe(200);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('?%s=1 is an unknown parameter, not a property of every object', async (name) => {
    for (const path of ['/api/meta', '/api/index', '/api/rut']) {
      const reply = await get(`${path}?${name}=1`);
      expect(reply.status, `${path}?${name}=1`).toBe(400);
      expect(reply.body.error).toContain(`unknown query parameter "${name}"`);
    }
  });

  it('a 15 kB value is quoted in at most ~80 characters', async () => {
    const long = 'x'.repeat(15_000);
    for (const path of [`/api/index?window=${long}`, `/api/index?${long}=1`, `/api/index?window=${long}&window=2`, `/api/rut?breakoutDrawdown=${long}`]) {
      const reply = await get(path);
      expect(reply.status).toBe(400);
      expect(reply.body.error!.length, `${path.slice(0, 30)}…: the answer does not echo the whole value`).toBeLessThan(400);
      expect(reply.body.error).toContain(`${'x'.repeat(80)}…"`);
    }
  });

  it('window still refuses what is not a whole number', async () => {
    for (const value of ['0x10', '1e2', '%0990', '90.0']) expect((await get(`/api/index?window=${value}`)).status, value).toBe(400);
    const huge = await get(`/api/index?window=${'9'.repeat(400)}`);
    expect(huge.body.error, 'a number too long for a double gets the range message').toMatch(/^window: expected a whole number from 7 to 730 \(got "9{80}…"\)$/);
    expect((await get(`/api/rut?breakoutDrawdown=${'9'.repeat(400)}`)).body.error).toMatch(/^breakoutDrawdown: expected a decimal number above 0 and below 100/);
  });
});

describe('parseQuery', () => {
  it('reads own keys into a prototype-free object', () => {
    const values = queryValues('http://x/?__proto__=1&a=2&a=3');
    expect(Object.getPrototypeOf(values)).toBeNull();
    expect(Object.keys(values)).toEqual(['__proto__', 'a']);
    expect(values.a).toEqual(['2', '3']);
  });

  it('refuses an unknown name with the names it takes', () => {
    const schema = z.object({ breakoutDrawdown: decimalParameter(0, 100, 10) });
    expect(() => parseQuery(schema, 'http://x/?breakoutdrawdown=5')).toThrow(InvalidInputError);
    expect(() => parseQuery(schema, 'http://x/?breakoutdrawdown=5')).toThrow(/unknown query parameter "breakoutdrawdown" \(got "5"\); expected breakoutDrawdown/);
  });
});

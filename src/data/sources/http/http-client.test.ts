import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProviderError } from '../../../domain/errors.ts';
import { LoopbackServer } from '../../../../test/loopback/loopback-server.ts';
import { HttpClient, type HttpClientOptions } from './http-client.ts';
import { parseRetryAfter } from './retry-after.ts';
import { durationOfRequests, parseRateLimit, TokenBucket } from './token-bucket.ts';

const schema = z.object({ values: z.array(z.number()) });

describe('HttpClient against a loopback server', () => {
  let server: LoopbackServer;
  let sleeps: number[];
  const client = (options: Partial<HttpClientOptions> = {}) =>
    new HttpClient({ provider: 'test', baseUrl: server.baseUrl, sleep: async (ms) => void sleeps.push(ms), random: () => 1, timeoutMs: 300, ...options });

  beforeEach(async () => {
    sleeps = [];
    server = await new LoopbackServer().route('/values', () => ({ body: { values: [1, 2, 3] } })).start();
  });
  afterEach(() => server.close());

  it('returns the validated body', async () => {
    expect(await client().getJson('/values', '/values', {}, schema), 'a good response passes through').toEqual({ values: [1, 2, 3] });
  });

  it('waits as long as Retry-After says (seconds) before retrying a 429', async () => {
    server.fail('/values', { kind: 'status', status: 429, retryAfter: '7' });
    await client().getJson('/values', '/values', {}, schema);
    expect(sleeps, 'Retry-After: 7 means a 7 s wait, not the backoff').toEqual([7000]);
    expect(server.requestsTo('/values'), 'one retry after the 429').toHaveLength(2);
  });

  it('honours Retry-After as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now), 'an HTTP date 30 s ahead means 30 s').toBe(30_000);
    expect(parseRetryAfter('soon', now), 'an unreadable header is ignored').toBeNull();
  });

  it('backs off exponentially on 429 without Retry-After and on 500/502/503', async () => {
    server.fail('/values', { kind: 'status', status: 429 }).fail('/values', { kind: 'status', status: 500 }).fail('/values', { kind: 'status', status: 503 });
    await client({ backoffBaseMs: 10 }).getJson('/values', '/values', {}, schema);
    expect(sleeps, 'each retry waits twice as long as the one before').toEqual([10, 20, 40]);
  });

  it('gives up after the last attempt with the status in the message', async () => {
    server.fail('/values', { kind: 'status', status: 502 }, 4);
    const error = await client({ backoffBaseMs: 1 }).getJson('/values', '/values', {}, schema).catch((e: unknown) => e);
    expect(error, 'exhausted retries end in a ProviderError').toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message, 'the message names provider, endpoint, status and attempts').toBe('test /values: HTTP 502: injected 502 (gave up after 4 attempts)');
    expect((error as ProviderError).status).toBe(502);
  });

  it('fails rather than stalls when Retry-After is longer than the sync waits', async () => {
    server.fail('/values', { kind: 'status', status: 429, retryAfter: '3600' });
    await expect(client().getJson('/values', '/values', {}, schema), 'an hour-long wait is reported, not slept').rejects.toThrow(/retry after 3600 s/);
  });

  it('times out a hung connection and retries', async () => {
    server.fail('/values', { kind: 'hang' });
    const retries: string[] = [];
    await client({ timeoutMs: 150, onRetry: (e) => retries.push(e.reason) }).getJson('/values', '/values', {}, schema);
    expect(retries, 'the hung attempt is reported as a timeout').toEqual(['timed out after 150 ms']);
  });

  it('detects a truncated body and retries', async () => {
    server.fail('/values', { kind: 'truncate' });
    const retries: string[] = [];
    const body = await client({ onRetry: (e) => retries.push(e.reason) }).getJson('/values', '/values', {}, schema);
    expect(body.values, 'the retry gets the whole body').toEqual([1, 2, 3]);
    expect(retries[0], 'the first attempt is reported as cut short').toMatch(/truncated|network error/);
  });

  it('names the field when the shape changed, and does not retry', async () => {
    server.fail('/values', { kind: 'replace', body: { values: [1, '2'] } });
    await expect(client().getJson('/values', '/values', {}, schema), 'schema drift names the field').rejects.toThrow(/test \/values: unexpected response shape at values\[1\]/);
    expect(server.requestsTo('/values'), 'schema drift is not retried').toHaveLength(1);
  });

  it('does not retry HTTP 451 and keeps the status for fallbacks', async () => {
    server.fail('/values', { kind: 'status', status: 451, body: { code: 0, msg: 'Service unavailable from a restricted location' } });
    const error = (await client().getJson('/values', '/values', {}, schema).catch((e: unknown) => e)) as ProviderError;
    expect(error.status, 'callers fall back on 451').toBe(451);
    expect(error.message).toContain('restricted location');
  });

  it('sends secret headers but never puts them in messages', async () => {
    server.fail('/values', { kind: 'status', status: 401, body: { status: { error_code: 10010, error_message: 'invalid key' } } });
    const error = (await client({ headers: { 'x-cg-demo-api-key': 'SECRET123' } }).getJson('/values', '/values', {}, schema).catch((e: unknown) => e)) as Error;
    expect(server.requests[0]?.headers['x-cg-demo-api-key'], 'the key goes in the header').toBe('SECRET123');
    expect(error.message, 'the provider error code is quoted').toContain('error_code 10010');
    expect(error.message, 'the key never appears in a message').not.toContain('SECRET123');
  });
});

describe('TokenBucket', () => {
  it('lets a burst through, then spaces requests at the refill rate', async () => {
    let now = 0;
    const waits: number[] = [];
    const bucket = new TokenBucket({ requests: 2, perMs: 1000 }, () => now, async (ms) => {
      waits.push(ms);
      now += ms;
    });
    for (let i = 0; i < 4; i++) await bucket.take();
    expect(waits, 'two immediately, then one every 500 ms').toEqual([500, 500]);
  });

  it('parses limits the way providers state them', () => {
    expect(parseRateLimit('10/6s'), 'Coin Metrics: 10 requests / 6 s').toEqual({ requests: 10, perMs: 6000 });
    expect(parseRateLimit('500/5m'), 'Binance: 500 / 5 min').toEqual({ requests: 500, perMs: 300_000 });
    expect(() => parseRateLimit('fast'), 'nonsense is refused').toThrow(/REQUESTS\/DURATION/);
    expect(durationOfRequests(105, { requests: 5, perMs: 60_000 }), '100 requests beyond a burst of 5 at 5/min take 20 min').toBe(1_200_000);
  });
});

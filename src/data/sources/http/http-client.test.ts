import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProviderError, RequestCancelledError, UnreachableHostError } from '../../../domain/errors.ts';
import { LoopbackServer } from '../../../../test/loopback/loopback-server.ts';
import { HttpClient, type HttpClientOptions, type RetryEvent } from './http-client.ts';
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
    // The loopback server declares the whole body's length and sends the first half of it.
    const whole = Buffer.byteLength(JSON.stringify({ values: [1, 2, 3] }));
    expect(retries, 'the first attempt is named a truncated body, with the bytes that came (not "network error: UND_ERR_SOCKET")').toEqual([
      `response body truncated after ${Math.floor(whole / 2)} bytes of ${whole}`,
    ]);
  });

  it('tells the retry listener why each attempt failed, which attempt comes next and how long it waits', async () => {
    server.fail('/values', { kind: 'status', status: 503 }).fail('/values', { kind: 'status', status: 429, retryAfter: '2' });
    const retries: RetryEvent[] = [];
    await client({ backoffBaseMs: 10, onRetry: (e) => retries.push(e) }).getJson('/values', '/values', {}, schema);
    expect(retries, 'one event per retry: the reason, the failed attempt of 4, and the wait (backoff, then Retry-After)').toEqual([
      { provider: 'test', endpoint: '/values', attempt: 1, maxAttempts: 4, delayMs: 10, reason: 'HTTP 503: injected 503' },
      { provider: 'test', endpoint: '/values', attempt: 2, maxAttempts: 4, delayMs: 2000, reason: 'HTTP 429: injected 429' },
    ]);
  });

  it('fails at once, without retrying, when the host name does not resolve (offline)', async () => {
    for (const code of ['ENOTFOUND', 'EAI_AGAIN']) {
      let calls = 0;
      // What Node's fetch throws when getaddrinfo fails (a test cannot make DNS fail on loopback).
      const offline: typeof fetch = async () => {
        calls++;
        throw new TypeError('fetch failed', { cause: Object.assign(new Error(`getaddrinfo ${code} api.coingecko.com`), { code, hostname: 'api.coingecko.com', syscall: 'getaddrinfo' }) });
      };
      const error = await client({ fetch: offline }).getJson('/values', '/values', {}, schema).catch((e: unknown) => e);
      expect(error, `${code} is its own error, so the sync can skip the provider`).toBeInstanceOf(UnreachableHostError);
      expect((error as Error).message, 'the message names the host and the likely cause').toBe(`test /values: cannot resolve api.coingecko.com: offline? (${code})`);
      expect(calls, `${code} is not retried like a 5xx`).toBe(1);
      expect(sleeps, 'and nothing waits for a backoff').toEqual([]);
    }
  });

  it('retries an answer the caller refuses (an empty list that must not be empty), then reports it', async () => {
    server.fail('/values', { kind: 'replace', body: { values: [] } }, 4);
    const refuse = (body: { values: number[] }) => (body.values.length === 0 ? 'empty list of values' : null);
    const error = await client().getJson('/values', '/values', {}, schema, { refuse }).catch((e: unknown) => e);
    expect((error as Error).message, 'a refused answer is a failure after the last attempt').toBe('test /values: empty list of values (gave up after 4 attempts)');
    server.fail('/values', { kind: 'replace', body: { values: [] } });
    expect(await client().getJson('/values', '/values', {}, schema, { refuse }), 'a refused answer is retried, and the next good one returned').toEqual({ values: [1, 2, 3] });
  });

  it('ends a request in flight at once when its signal aborts (Ctrl-C), without retrying', async () => {
    server.fail('/values', { kind: 'hang' });
    const controller = new AbortController();
    const pending = client({ timeoutMs: 600_000, signal: controller.signal }).getJson('/values', '/values', {}, schema).catch((e: unknown) => e);
    while (server.requestsTo('/values').length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect(await pending, 'a cancelled request is not a provider failure (the hang would otherwise wait 10 minutes)').toBeInstanceOf(RequestCancelledError);
    expect(server.requestsTo('/values'), 'and is not retried').toHaveLength(1);
  });

  it('ends a backoff wait at once when its signal aborts', async () => {
    server.fail('/values', { kind: 'status', status: 503 });
    const controller = new AbortController();
    const forever = () => new Promise<void>(() => undefined);
    const pending = client({ sleep: forever, signal: controller.signal, onRetry: () => controller.abort() }).getJson('/values', '/values', {}, schema).catch((e: unknown) => e);
    expect(await pending, 'the wait before the retry is cut short').toBeInstanceOf(RequestCancelledError);
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

  describe('an API key echoed back in an error body', () => {
    const KEY = 'CG-Zq8Xv3Kp9Lm2Nw7Rt5Yb';
    /** Every 5-character piece of the key: none may appear in a message. */
    const pieces = Array.from({ length: KEY.length - 4 }, (_, i) => KEY.slice(i, i + 5));
    const leaked = (message: string) => pieces.filter((piece) => message.includes(piece));
    // Offsets straddle each quote's cut (a JSON message at 200 characters, a text body at 120,
    // a non-JSON or drifted 200 answer at 80), where cutting before redacting kept a key's start.
    const offsets = [0, 60, 75, 78, 110, 115, 118, 190, 195, 198, 250];
    const keyed = () => client({ headers: { 'x-cg-demo-api-key': KEY } });

    it('is never quoted, whole or in part, at any position', async () => {
      for (const at of offsets) {
        const text = `${'x'.repeat(at)}${KEY} and more text after the key`;
        const cases: [string, unknown, number][] = [
          ['a JSON error message', { status: { error_code: 10002, error_message: text } }, 401],
          ['a text error body', text, 401],
          ['a retried 503 body', text, 503],
          ['a 200 answer that is not JSON', `<html>${text}`, 200],
          ['a 200 answer whose shape changed', { values: [text] }, 200],
        ];
        for (const [label, body, status] of cases) {
          server.fail('/values', { kind: 'replace', body, status }, 4);
          const message = String(((await keyed().getJson('/values', '/values', {}, schema).catch((e: unknown) => e)) as Error).message);
          expect(leaked(message), `${label}, key at offset ${at}: no piece of the key in ${JSON.stringify(message)}`).toEqual([]);
          server.clearFaults('/values');
        }
      }
    });
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

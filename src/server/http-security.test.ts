/**
 * Other web pages cannot use the dashboard: a foreign Host (DNS rebinding) gets 421, a foreign
 * Origin or a cross-site fetch gets 403, and every answer carries the security headers.
 */
import { describe, expect, it } from 'vitest';
import { createDashboardApp } from './create-app.ts';
import { allowedHostNames, hostNameOf, isLoopbackAddress, quoteValue } from './http-security.ts';
import { testService } from '../../test/fixtures/dashboard-test-service.ts';

const NO_BUILD = '/nonexistent/dist/web';

function appWith(options: { listenHost?: string; allowedHosts?: string[] } = {}) {
  const service = testService();
  return { service, app: createDashboardApp(service, { staticDir: NO_BUILD, ...options }).app };
}

describe('hostNameOf', () => {
  it('takes the name without the port, lower case; IPv6 in brackets', () => {
    expect(['127.0.0.1:8787', 'LOCALHOST', '[::1]:8787', '::1', 'dash.lan:80', 'dash.lan'].map(hostNameOf)).toEqual(['127.0.0.1', 'localhost', '[::1]', '[::1]', 'dash.lan', 'dash.lan']);
  });
  it('refuses what is not a host name', () => {
    expect(['', 'a b', 'evil.com/x', 'evil.com:123456', 'user@evil.com'].map(hostNameOf), 'no name, so no match with an allowed one').toEqual([null, null, null, null, null]);
  });
  it('knows loopback listening addresses', () => {
    expect(['127.0.0.1', 'localhost', '::1', '127.0.0.2', '0.0.0.0', '192.168.1.2', '::'].map(isLoopbackAddress)).toEqual([true, true, true, true, false, false, false]);
  });
  it('allows the listening address itself unless it is a wildcard, and --allowed-host names', () => {
    expect([...allowedHostNames('192.168.1.20')]).toContain('192.168.1.20');
    expect([...allowedHostNames('0.0.0.0')], 'a wildcard is not a name anyone types').not.toContain('0.0.0.0');
    expect([...allowedHostNames('0.0.0.0', ['Dash.LAN:8787'])]).toContain('dash.lan');
    expect(() => allowedHostNames('127.0.0.1', ['evil.com/x'])).toThrow(/--allowed-host: .*"evil.com\/x"/);
  });
  it('quotes at most 80 characters of a value', () => {
    expect(quoteValue('x'.repeat(15_000))).toBe(JSON.stringify(`${'x'.repeat(80)}…`));
    expect(quoteValue('short')).toBe('"short"');
  });
});

describe('Host rule (DNS rebinding)', () => {
  it('a page under another name that resolves to 127.0.0.1 cannot read the API: 421 with a message', async () => {
    const { app, service } = appWith();
    const reply = await app.request('/api/meta', { headers: { host: 'rebind.attacker.example:8787' } });
    expect(reply.status, 'the store path in /api/meta must not reach a foreign page').toBe(421);
    const body = (await reply.json()) as { error: string };
    expect(body.error).toMatch(/host "rebind\.attacker\.example:8787" is not served here.*127\.0\.0\.1, localhost, \[::1\].*--allowed-host/);
    expect(service.calls.meta, 'nothing was computed for it').toBeUndefined();
    expect((await app.request('/', { headers: { host: 'rebind.attacker.example' } })).status, 'pages too').toBe(421);
  });

  it('answers the loopback names, with or without the port', async () => {
    const { app } = appWith();
    for (const host of ['127.0.0.1:8787', 'localhost:8787', '[::1]:8787', '127.0.0.1', 'localhost']) {
      expect((await app.request('/api/meta', { headers: { host } })).status, host).toBe(200);
    }
  });

  it('answers a name given with --allowed-host, and the listening address', async () => {
    const { app } = appWith({ listenHost: '0.0.0.0', allowedHosts: ['dash.lan'] });
    expect((await app.request('/api/meta', { headers: { host: 'dash.lan:8787' } })).status).toBe(200);
    expect((await app.request('/api/meta', { headers: { host: 'other.lan:8787' } })).status).toBe(421);
    const onIp = appWith({ listenHost: '192.168.1.20' }).app;
    expect((await onIp.request('/api/meta', { headers: { host: '192.168.1.20:8787' } })).status).toBe(200);
  });
});

describe('Origin rule (cross-site requests)', () => {
  const host = '127.0.0.1:8787';

  it('a cross-site "simple" POST /api/thesis (seconds of CPU) is refused with 403 and computes nothing', async () => {
    const { app, service } = appWith();
    const reply = await app.request('/api/thesis', { method: 'POST', headers: { host, origin: 'https://evil.example', 'content-type': 'text/plain' } });
    expect(reply.status).toBe(403);
    expect(((await reply.json()) as { error: string }).error).toMatch(/origin "https:\/\/evil\.example" may not use this API/);
    expect(service.calls.computeThesis, 'the thesis was not started').toBeUndefined();
  });

  it('a cross-site GET without Origin (an <img> or no-cors fetch) is refused by its Sec-Fetch-Site', async () => {
    const { app, service } = appWith();
    const reply = await app.request('/api/index?window=33', { headers: { host, 'sec-fetch-site': 'cross-site' } });
    expect(reply.status).toBe(403);
    expect(((await reply.json()) as { error: string }).error).toMatch(/Sec-Fetch-Site: cross-site/);
    expect(service.calls.index, 'no ASI history was computed for a foreign page').toBeUndefined();
  });

  it('an Origin "null" (sandboxed frame, file://) is refused', async () => {
    const { app } = appWith();
    expect((await app.request('/api/thesis', { method: 'POST', headers: { host, origin: 'null' } })).status).toBe(403);
  });

  it('the dashboard’s own page, a typed URL and curl are answered', async () => {
    const { app } = appWith();
    expect((await app.request('/api/thesis', { method: 'POST', headers: { host, origin: `http://${host}` } })).status, 'own origin POST').toBe(200);
    expect((await app.request('/api/meta', { headers: { host, 'sec-fetch-site': 'same-origin' } })).status, 'own page fetch').toBe(200);
    expect((await app.request('/api/meta', { headers: { host, 'sec-fetch-site': 'none' } })).status, 'typed in the address bar').toBe(200);
    expect((await app.request('/api/meta', { headers: { host } })).status, 'curl sends neither header').toBe(200);
  });

  it('a link from another site still opens the dashboard page (only the API is guarded)', async () => {
    const { app } = appWith();
    const reply = await app.request('/', { headers: { host, 'sec-fetch-site': 'cross-site' } });
    expect(reply.status, 'the page answers (503 here: no build in this test)').toBe(503);
  });
});

describe('security headers', () => {
  it('every answer (200, 400, 404, 421, 503) forbids framing, sniffing, foreign scripts and referrers', async () => {
    const { app } = appWith();
    const replies = {
      ok: await app.request('/api/meta', { headers: { host: 'localhost:8787' } }),
      bad: await app.request('/api/index?window=abc', { headers: { host: 'localhost:8787' } }),
      missing: await app.request('/api/nope', { headers: { host: 'localhost:8787' } }),
      host: await app.request('/api/meta', { headers: { host: 'evil.example' } }),
      page: await app.request('/', { headers: { host: 'localhost:8787' } }),
    };
    expect(Object.values(replies).map((r) => r.status)).toEqual([200, 400, 404, 421, 503]);
    for (const [name, reply] of Object.entries(replies)) {
      const csp = reply.headers.get('content-security-policy') ?? '';
      expect(csp, `${name}: scripts, styles and fetches only from the dashboard itself`).toMatch(/default-src 'self'/);
      expect(csp, `${name}: no page may frame the dashboard`).toMatch(/frame-ancestors 'none'/);
      expect(reply.headers.get('x-frame-options'), name).toBe('DENY');
      expect(reply.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(reply.headers.get('referrer-policy'), name).toBe('no-referrer');
      expect(reply.headers.get('strict-transport-security'), `${name}: plain HTTP on a local port, no HSTS`).toBeNull();
    }
  });
});

/**
 * What keeps other web pages out of the dashboard. It has no login, so it must not answer a page
 * that only *looks* local: a site whose name re-resolves to 127.0.0.1 (DNS rebinding) would read
 * the whole API, including the store's absolute path, and a cross-site form could start a 7-second
 * thesis computation. Three rules: the Host header must be a loopback name or one the user allowed;
 * /api requests and every non-GET must come from the dashboard's own origin (or from a non-browser
 * client, which sends no Origin); every answer carries headers that forbid framing, sniffing,
 * foreign scripts and referrers.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export const LOOPBACK_HOST_NAMES: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/** Quotes a value from a request for a message: JSON string syntax, at most `max` characters. */
export function quoteValue(value: string, max = 80): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

/**
 * The host name of a Host header or an --allowed-host value, lower case, without the port; IPv6
 * in brackets ("[::1]"). Null when it is not a host name (a space, a path, an empty name, a bad
 * port).
 */
export function hostNameOf(host: string): string | null {
  const text = host.trim().toLowerCase();
  if (text === '') return null;
  const bracketed = /^(\[[0-9a-f:.%]+\])(?::(\d{1,5}))?$/.exec(text);
  if (bracketed) return bracketed[1]!;
  // A bare IPv6 address (as given to --allowed-host ::1): more than one colon.
  if (/^[0-9a-f:.]+$/.test(text) && (text.match(/:/g) ?? []).length > 1) return `[${text}]`;
  const named = /^([a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?)(?::(\d{1,5}))?$/.exec(text);
  return named ? named[1]! : null;
}

/** Whether a listening address is reachable only from this machine. */
export function isLoopbackAddress(host: string): boolean {
  const name = hostNameOf(host);
  return name !== null && (LOOPBACK_HOST_NAMES.includes(name) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name));
}

/** The names a server on `listenHost` answers to: loopback, the listening address itself (unless a wildcard), and `allowed`. */
export function allowedHostNames(listenHost: string, allowed: readonly string[] = []): Set<string> {
  const names = new Set(LOOPBACK_HOST_NAMES);
  const listening = hostNameOf(listenHost);
  if (listening && listening !== '0.0.0.0' && listening !== '[::]') names.add(listening);
  for (const name of allowed) {
    const normalized = hostNameOf(name);
    if (normalized === null) throw new RangeError(`--allowed-host: expected a host name such as dashboard.lan, got ${quoteValue(name)}`);
    names.add(normalized);
  }
  return names;
}

const hostOf = (header: string | undefined, url: string): string => header ?? new URL(url).host;

/** 421 for a Host the server does not answer to: the page asking is not the dashboard. */
export function hostGuard(allowed: ReadonlySet<string>): MiddlewareHandler {
  const listed = [...allowed].join(', ');
  return async (c, next) => {
    const host = hostOf(c.req.header('host'), c.req.url);
    const name = hostNameOf(host);
    if (name === null || !allowed.has(name)) {
      return c.json(
        { error: `host ${quoteValue(host)} is not served here: the dashboard answers to ${listed} (to open it under another name, start it with \`altseason serve --allowed-host NAME\`)` },
        421,
      );
    }
    await next();
  };
}

/** Sec-Fetch-Site values of requests that a page of another origin started. */
const FOREIGN_FETCH_SITES = new Set(['cross-site', 'same-site']);

/**
 * 403 for an /api request or a state-changing request started by another origin's page: its
 * Origin is not the dashboard's own, or (browsers that omit Origin on simple GETs) its
 * Sec-Fetch-Site says it came from another site. curl and scripts send neither and are answered.
 */
export function originGuard(): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    const guarded = c.req.path.startsWith('/api/') || c.req.path === '/api' || (method !== 'GET' && method !== 'HEAD');
    if (guarded) {
      const origin = c.req.header('origin');
      const host = hostOf(c.req.header('host'), c.req.url).toLowerCase();
      const site = c.req.header('sec-fetch-site')?.toLowerCase();
      if (origin !== undefined) {
        const own = origin.toLowerCase() === `http://${host}` || origin.toLowerCase() === `https://${host}`;
        if (!own) {
          return c.json({ error: `origin ${quoteValue(origin)} may not use this API: only the dashboard's own pages (http://${host}) and non-browser clients may` }, 403);
        }
      } else if (site !== undefined && FOREIGN_FETCH_SITES.has(site)) {
        return c.json({ error: `a request from another site (Sec-Fetch-Site: ${site}) may not use this API: open the dashboard at http://${host} itself` }, 403);
      }
    }
    await next();
  };
}

/**
 * The dashboard loads only its own built files (no inline script or style: checked against
 * dist/web/index.html; uPlot styles through the DOM, which CSP allows); the favicon is a data: URI.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: true,
    // Plain HTTP on a local port: HSTS would only confuse other services on this host name.
    strictTransportSecurity: false,
  });
}

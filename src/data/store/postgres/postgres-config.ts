/**
 * Connection settings of a PostgreSQL store: a `postgres://` or `postgresql://` URL, completed by
 * the standard PG* environment variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE,
 * PGSSLMODE, and ~/.pgpass or PGPASSFILE, which the `pg` driver reads), and the TLS settings of the
 * URL (sslmode, sslrootcert, sslcert, sslkey) or of PGSSLMODE / PGSSLROOTCERT / PGSSLCERT /
 * PGSSLKEY, passed through to the driver. The password is never part of what is shown: the store's
 * location is the URL without it, and every message is redacted with `redact`.
 */
import { userInfo } from 'node:os';
import { StoreError } from '../../../domain/errors.ts';

/** Whether `location` names a PostgreSQL store rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

const NO_HOST = 'no-host.invalid';
/** Query parameters that carry secrets: never shown. */
const SECRET_PARAMS = new Set(['password', 'sslpassword']);
/** TLS settings taken from the environment when the URL does not give them. */
const TLS_ENV: readonly [param: string, env: string][] = [
  ['sslmode', 'PGSSLMODE'],
  ['sslrootcert', 'PGSSLROOTCERT'],
  ['sslcert', 'PGSSLCERT'],
  ['sslkey', 'PGSSLKEY'],
];

export interface PostgresConnection {
  /** The URL the driver connects with (password included, never shown). */
  connectionString: string;
  /** The URL without its password: the store's location in messages and cache keys. */
  location: string;
  /** Removes the password (and the full URL) from a text. */
  redact(text: string): string;
  /** The connection string with `extra` added to the URL's server options (e.g. "-c name=value"). */
  withOptions(extra: string): string;
}

export function parsePostgresUrl(raw: string, env: NodeJS.ProcessEnv = process.env): PostgresConnection {
  // A URL may leave the host to PGHOST after credentials (postgres://user@/db), which WHATWG URLs
  // refuse: parse it with a placeholder host, as the driver does.
  const noHost = /^[a-z]+:\/\/[^/?#]*@\//i.test(raw);
  let url: URL;
  try {
    url = new URL(noHost ? raw.replace('@/', `@${NO_HOST}/`) : raw);
  } catch {
    throw new StoreError('not a valid PostgreSQL URL (expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=…]); the value is not shown, as it may hold a password');
  }
  const secrets = new Set<string>();
  const addSecret = (value: string | undefined) => {
    if (value && value.length >= 1) {
      secrets.add(value);
      try {
        secrets.add(decodeURIComponent(value));
      } catch {
        // not percent-encoded
      }
      secrets.add(encodeURIComponent(value));
    }
  };
  addSecret(url.password);
  for (const name of SECRET_PARAMS) addSecret(url.searchParams.get(name) ?? undefined);
  addSecret(env.PGPASSWORD);

  for (const [param, name] of TLS_ENV) {
    const value = env[name];
    if (value && !url.searchParams.has(param)) url.searchParams.set(param, value);
  }
  const toConnectionString = (u: URL) => (noHost ? u.toString().replace(`@${NO_HOST}/`, '@/') : u.toString());
  const connectionString = toConnectionString(url);

  // What is shown: who, where and which database, as the driver resolves them (URL, then env).
  const shown = new URL(url.toString());
  shown.password = '';
  for (const name of SECRET_PARAMS) shown.searchParams.delete(name);
  const urlHost = url.hostname === NO_HOST ? '' : decodeURIComponent(url.hostname);
  const host = urlHost || shown.searchParams.get('host') || env.PGHOST || 'localhost';
  if (host.startsWith('/')) {
    // A Unix socket directory: shown as the host parameter (a URL's host holds no path).
    shown.hostname = 'localhost';
    shown.searchParams.set('host', host);
  } else {
    shown.hostname = host;
    shown.searchParams.delete('host');
  }
  if (!shown.username) shown.username = env.PGUSER || safeUserName();
  if (!shown.port) shown.port = shown.searchParams.get('port') || env.PGPORT || '5432';
  shown.searchParams.delete('port');
  if (shown.pathname === '' || shown.pathname === '/') shown.pathname = `/${env.PGDATABASE || decodeURIComponent(shown.username)}`;
  const location = shown.toString();

  const ordered = [connectionString, raw, ...[...secrets].sort((a, b) => b.length - a.length)];
  return {
    connectionString,
    location,
    withOptions: (extra) => {
      const more = new URL(url.toString());
      const options = more.searchParams.get('options');
      more.searchParams.set('options', options ? `${options} ${extra}` : extra);
      return toConnectionString(more);
    },
    redact: (text) => {
      let out = text;
      for (const secret of ordered) {
        if (secret === connectionString || secret === raw) out = out.split(secret).join(location);
        else out = out.split(secret).join('***');
      }
      return out;
    },
  };
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'postgres';
  }
}

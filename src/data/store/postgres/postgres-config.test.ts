import { describe, expect, it } from 'vitest';
import { isPostgresUrl, parsePostgresUrl } from './postgres-config.ts';

describe('parsePostgresUrl', () => {
  it('tells a PostgreSQL URL from a file path', () => {
    expect(['postgres://h/db', 'postgresql://h/db', 'POSTGRES://h/db'].map(isPostgresUrl)).toEqual([true, true, true]);
    expect(['store.db', '/var/lib/postgres/x.db', 'postgres.db', ':memory:'].map(isPostgresUrl)).toEqual([false, false, false, false]);
  });

  it('shows the URL without its password, completed by PG* variables as the driver completes it', () => {
    const env = { PGUSER: 'env_user', PGPORT: '6543', PGDATABASE: 'env_db', PGHOST: 'env-host' };
    expect(parsePostgresUrl('postgres://alice:s3cret@db.example/alts', env).location, 'the URL wins; the port from PGPORT').toBe('postgres://alice@db.example:6543/alts');
    expect(parsePostgresUrl('postgresql:///', env).location, 'all from the environment').toBe('postgresql://env_user@env-host:6543/env_db');
    expect(parsePostgresUrl('postgres://bob@/x?host=/var/run/postgresql', {}).location, 'a socket directory stays a host parameter').toBe('postgres://bob@localhost:5432/x?host=%2Fvar%2Frun%2Fpostgresql');
    expect(parsePostgresUrl('postgres://u:p@h:5433/d?password=other&sslpassword=key', {}).location, 'password parameters are dropped too').toBe('postgres://u@h:5433/d');
  });

  it('passes the TLS settings of the environment through when the URL has none, and the URL\'s own first', () => {
    const env = { PGSSLMODE: 'verify-full', PGSSLROOTCERT: '/etc/ssl/ca.pem', PGSSLCERT: '/c.pem', PGSSLKEY: '/k.pem' };
    const fromEnv = new URL(parsePostgresUrl('postgres://u:p@h/d', env).connectionString);
    expect(Object.fromEntries(fromEnv.searchParams)).toEqual({ sslmode: 'verify-full', sslrootcert: '/etc/ssl/ca.pem', sslcert: '/c.pem', sslkey: '/k.pem' });
    expect(fromEnv.password, 'the driver still gets the password').toBe('p');
    const own = new URL(parsePostgresUrl('postgres://u@h/d?sslmode=require', env).connectionString);
    expect(own.searchParams.get('sslmode'), "the URL's sslmode wins").toBe('require');
  });

  it('redacts the password, in every spelling, and the full URL from any text', () => {
    const raw = 'postgres://alice:p%40ss-w0rd@db.example:5432/alts';
    const connection = parsePostgresUrl(raw, { PGPASSWORD: 'env-secret' });
    const text = `connect failed for ${raw}; password p@ss-w0rd (p%40ss-w0rd), env-secret`;
    const redacted = connection.redact(text);
    expect(redacted).toBe('connect failed for postgres://alice@db.example:5432/alts; password *** (***), ***');
  });

  it('adds server options after the URL\'s own', () => {
    const connection = parsePostgresUrl('postgres://u:p@h/d?options=-c%20search_path%3Dx', {});
    expect(new URL(connection.withOptions('-c default_transaction_read_only=on')).searchParams.get('options')).toBe('-c search_path=x -c default_transaction_read_only=on');
    expect(new URL(parsePostgresUrl('postgres://u@/d', {}).withOptions('-c a=b').replace('@/', '@x/')).searchParams.get('options')).toBe('-c a=b');
  });

  it('refuses what is not a URL without repeating it (it may hold a password)', () => {
    expect(() => parsePostgresUrl('postgres://u:hunter2@[bad/d')).toThrow(/not a valid PostgreSQL URL/);
    try {
      parsePostgresUrl('postgres://u:hunter2@[bad/d');
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});

import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoopbackServer } from '../../../test/loopback/loopback-server.ts';
import { allowFastRequests } from '../../../test/loopback/sync-fixture.ts';
import { parseSyncOptions, syncCommand } from '../../cli/commands/sync-command.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { configFilePath, ConfigFileError, providerEnv, readConfigFile } from './config-file.ts';

const SECRET = 'CG-s3cr3t-DEMO-key-0123456789';

describe('API keys from a config file', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'altseason-config-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const write = (path: string, text: string) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  const failure = (run: () => unknown): Error => {
    try {
      run();
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected a failure');
  };

  it('looks in $ALTSEASON_CONFIG, else $XDG_CONFIG_HOME/altseason, else ~/.config/altseason', () => {
    expect(configFilePath({ ALTSEASON_CONFIG: '/etc/a.json', XDG_CONFIG_HOME: '/x', HOME: '/h' }), 'ALTSEASON_CONFIG wins').toEqual({ path: '/etc/a.json', explicit: true });
    expect(configFilePath({ XDG_CONFIG_HOME: '/x', HOME: '/h' })?.path, 'then XDG_CONFIG_HOME').toBe(join('/x', 'altseason', 'config.json'));
    expect(configFilePath({ HOME: '/h' })?.path, 'then ~/.config').toBe(join('/h', '.config', 'altseason', 'config.json'));
    expect(configFilePath({}), 'a foreign environment without HOME reads no file').toBeNull();
  });

  it('fills in keys the environment lacks; the environment wins', () => {
    write(join(home, '.config', 'altseason', 'config.json'), JSON.stringify({ coingecko: { apiKey: SECRET, keyType: 'pro' } }));
    const fromFile = providerEnv({ HOME: home });
    expect(fromFile.ALTSEASON_COINGECKO_API_KEY, 'the key comes from the file').toBe(SECRET);
    expect(fromFile.ALTSEASON_COINGECKO_KEY_TYPE).toBe('pro');
    const fromEnv = providerEnv({ HOME: home, ALTSEASON_COINGECKO_API_KEY: 'CG-from-env' });
    expect(fromEnv.ALTSEASON_COINGECKO_API_KEY, 'the environment wins').toBe('CG-from-env');
    expect(fromEnv.ALTSEASON_COINGECKO_KEY_TYPE, 'and the file’s key type does not apply to the environment’s key').toBeUndefined();
    expect(providerEnv({ HOME: join(home, 'nowhere') }).ALTSEASON_COINGECKO_API_KEY, 'no file, no key, no error').toBeUndefined();
  });

  it('names the file and what is wrong, with line and column, and never quotes the key', () => {
    const path = write(join(home, 'bad.json'), `{\n  "coingecko": {\n    "apiKey": "${SECRET}"\n    "keyType": "demo"\n  }\n}\n`);
    const error = failure(() => readConfigFile({ ALTSEASON_CONFIG: path }));
    expect(error, 'a config error is the user’s to fix').toBeInstanceOf(ConfigFileError);
    expect(error.message, 'file, problem and position').toMatch(new RegExp(`config file ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON: Expected ',' or '}' after property value at line 4, column 5`));
    expect(error.message, 'the key is not quoted').not.toContain(SECRET);

    const bareword = write(join(home, 'bareword.json'), `{"coingecko": {"apiKey": ${SECRET}}}`);
    const bare = failure(() => readConfigFile({ ALTSEASON_CONFIG: bareword }));
    expect(bare.message, 'V8 quotes the text around an unexpected token: that excerpt is dropped').toMatch(/not valid JSON: Unexpected token/);
    expect(bare.message).not.toContain(SECRET);
    expect(bare.message).not.toContain(SECRET.slice(0, 6));
  });

  it('refuses unknown fields, wrong types and a missing named file, naming the field', () => {
    const typo = write(join(home, 'typo.json'), JSON.stringify({ coingecko: { apikey: SECRET } }));
    const typoError = failure(() => readConfigFile({ ALTSEASON_CONFIG: typo }));
    expect(typoError.message, 'a misspelt field is named').toMatch(/coingecko: unknown field "apikey" \(expected "apiKey", "keyType"\)/);
    expect(typoError.message).not.toContain(SECRET);
    const misplaced = write(join(home, 'misplaced.json'), JSON.stringify({ coingecko: { apiKey: 'x', [SECRET]: true } }));
    expect(failure(() => readConfigFile({ ALTSEASON_CONFIG: misplaced })).message, 'a field name that may be a key is not quoted').not.toContain(SECRET);
    const wrongType = write(join(home, 'type.json'), JSON.stringify({ coingecko: { apiKey: 12345678 } }));
    expect(failure(() => readConfigFile({ ALTSEASON_CONFIG: wrongType })).message).toMatch(/coingecko\.apiKey: expected string/);
    const wrongKind = write(join(home, 'kind.json'), JSON.stringify({ coingecko: { apiKey: SECRET, keyType: 'enterprise' } }));
    expect(failure(() => readConfigFile({ ALTSEASON_CONFIG: wrongKind })).message).toMatch(/coingecko\.keyType: expected "demo" or "pro"/);
    expect(failure(() => readConfigFile({ ALTSEASON_CONFIG: join(home, 'missing.json') })).message, 'a file named by ALTSEASON_CONFIG must exist').toMatch(/missing\.json: no such file/);
    if (process.getuid?.() !== 0) {
      const locked = write(join(home, 'locked.json'), '{}');
      chmodSync(locked, 0o000);
      expect(failure(() => readConfigFile({ ALTSEASON_CONFIG: locked })).message).toMatch(/locked\.json: permission denied/);
    }
  });

  it('sends the file’s key as a header, and no message, log line or error ever shows it', async () => {
    const path = write(join(home, 'config.json'), JSON.stringify({ coingecko: { apiKey: SECRET } }));
    // A provider that rejects the key and echoes it back in its error body.
    const server = await new LoopbackServer()
      .route('/coins/markets', (_url, request) => ({ status: 401, body: { status: { error_code: 10002, error_message: `invalid key ${String(request.headers['x-cg-demo-api-key'])}` } } }))
      .route('/global', (_url, request) => ({ status: 403, body: { error: `forbidden for ${String(request.headers['x-cg-demo-api-key'])}` } }))
      .route('/coins/categories/list', (_url, request) => ({ body: { unexpected: request.headers['x-cg-demo-api-key'] } }))
      .start();
    const store = SqliteStore.open(':memory:');
    try {
      const text = { out: '', err: '' };
      const out = new PassThrough();
      out.on('data', (chunk) => (text.out += String(chunk)));
      const err = new PassThrough() as PassThrough & NodeJS.WriteStream;
      err.on('data', (chunk) => (text.err += String(chunk)));
      const env = { ALTSEASON_CONFIG: path, ALTSEASON_COINGECKO_URL: server.baseUrl };
      const dryRun = new PassThrough();
      dryRun.on('data', (chunk) => (text.out += String(chunk)));
      await syncCommand(store, parseSyncOptions({ today: '2023-08-16', top: '5', source: ['coingecko'], dryRun: true }), { out: dryRun, err, env });
      expect(text.out, 'the dry run shows the demo key’s rate limit (the key counts)').toMatch(/coingecko\s+\d+\s+\d+\s+30\/60s/);
      await allowFastRequests(store);
      const error = (await syncCommand(store, parseSyncOptions({ today: '2023-08-16', top: '5', source: ['coingecko'] }), { out, err, env }).catch((e: unknown) => e)) as Error;
      expect(server.requests.length, 'the sync reached the provider').toBeGreaterThan(0);
      expect(server.requests.every((r) => r.headers['x-cg-demo-api-key'] === SECRET), 'every request carries the key as a header').toBe(true);
      expect(server.requests.every((r) => !r.url.toString().includes(SECRET)), 'never in the URL').toBe(true);
      expect(error.message, 'the failure is reported…').toMatch(/error_code 10002: invalid key \[redacted\]/);
      for (const [where, shown] of [['error', `${error.message}\n${error.stack ?? ''}`], ['stdout', text.out], ['stderr (log lines)', text.err]] as const) {
        expect(shown, `…but the key is not in the ${where}`).not.toContain(SECRET);
      }
      expect(text.err, 'retries and failures were logged').toContain('request-failed');
    } finally {
      await store.close();
      await server.close();
    }
  });
});

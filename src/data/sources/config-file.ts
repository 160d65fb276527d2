/**
 * API keys from a config file as well as the environment. The file is JSON at
 * `$ALTSEASON_CONFIG`, else `$XDG_CONFIG_HOME/altseason/config.json`, else
 * `~/.config/altseason/config.json`:
 *
 *   { "coingecko": { "apiKey": "CG-…", "keyType": "demo" }, "secrets": { "HOOK_SECRET": "whsec_…" } }
 *
 * `secrets` holds the values a rules file names as `$NAME` (alert channels' secrets and tokens).
 * The environment wins over the file. A malformed file fails with the file's path and what is
 * wrong (line and column where JSON.parse gives a position). Nothing from the file's content is
 * ever quoted: error messages name fields and positions, never values, so a key cannot leak
 * into a message, a log line or an error.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { InvalidInputError } from '../../domain/errors.ts';

export class ConfigFileError extends InvalidInputError {}

const configSchema = z
  .object({
    coingecko: z
      .object({
        apiKey: z.string().trim().min(1, 'must not be empty'),
        keyType: z.enum(['demo', 'pro']).optional(),
      })
      .strict()
      .optional(),
    secrets: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected names such as HOOK_SECRET'), z.string().min(1, 'must not be empty')).optional(),
  })
  .strict();

export type ConfigFile = z.output<typeof configSchema>;

/**
 * The config file's path, and whether the user named it (ALTSEASON_CONFIG: then it must exist).
 * Null for an environment with no HOME, XDG_CONFIG_HOME or ALTSEASON_CONFIG other than the
 * process's own (a test's or an embedder's environment reads no file by accident).
 */
export function configFilePath(env: NodeJS.ProcessEnv = process.env): { path: string; explicit: boolean } | null {
  const explicit = env.ALTSEASON_CONFIG?.trim();
  if (explicit) return { path: explicit, explicit: true };
  const xdg = env.XDG_CONFIG_HOME?.trim();
  const home = env.HOME?.trim() || (env === process.env ? homedir() : '');
  const base = xdg ? xdg : home ? join(home, '.config') : null;
  return base === null ? null : { path: join(base, 'altseason', 'config.json'), explicit: false };
}

/** Reads and validates the config file; null when there is none (and none was named). */
export function readConfigFile(env: NodeJS.ProcessEnv = process.env): ConfigFile | null {
  const location = configFilePath(env);
  if (location === null) return null;
  const { path, explicit } = location;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !explicit) return null;
    const why = code === 'ENOENT' ? 'no such file (named by ALTSEASON_CONFIG)' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory, expected a JSON file' : `cannot be read (${code ?? 'unknown error'})`;
    throw new ConfigFileError(`config file ${path}: ${why}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigFileError(`config file ${path}: not valid JSON: ${describeJsonError((error as Error).message, text)}`);
  }
  const result = configSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues.find((i) => i.code === 'unrecognized_keys') ?? result.error.issues[0]!;
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
    const problem =
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map(fieldName).join(', ')} (expected ${field === '(top level)' ? '"coingecko", "secrets"' : '"apiKey", "keyType"'})`
        : issue.code === 'invalid_value'
          ? 'expected "demo" or "pro"'
          : issue.code === 'invalid_type'
            ? `expected ${issue.expected}`
            : issue.message;
    throw new ConfigFileError(`config file ${path}: ${field}: ${problem}`);
  }
  return result.data;
}

/** A field name as the user wrote it, unless it could be a misplaced key (then not quoted). */
function fieldName(name: string): string {
  return /^[A-Za-z][A-Za-z0-9_]{0,24}$/.test(name) ? JSON.stringify(name) : '(a field name not shown: it may be a key)';
}

/**
 * JSON.parse's message without the excerpt of the file V8 quotes (it could hold a key), with the
 * line and column computed from the position when the message gives one.
 */
function describeJsonError(message: string, text: string): string {
  const described = message.match(/^(.*?) in JSON at position/)?.[1];
  const problem =
    described !== undefined && !/["`]/.test(described)
      ? described
      : message.startsWith('Unexpected token')
        ? 'Unexpected token'
        : message.startsWith('Unexpected end of JSON input')
          ? 'Unexpected end of JSON input'
          : 'syntax error';
  const lineColumn = message.match(/\(line (\d+) column (\d+)\)/);
  if (lineColumn) return `${problem} at line ${lineColumn[1]}, column ${lineColumn[2]}`;
  const position = message.match(/at position (\d+)/);
  if (position) {
    const before = text.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return `${problem} at line ${line}, column ${column}`;
  }
  return problem;
}

/**
 * The environment the sources read, with the config file's keys filled in where the environment
 * has none (the environment wins). Never log the result.
 */
export function providerEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const config = readConfigFile(env);
  const merged: NodeJS.ProcessEnv = { ...env };
  const fill = (name: string, value: string | undefined) => {
    if (value !== undefined && !(env[name] && env[name]!.trim() !== '')) merged[name] = value;
  };
  if (config?.coingecko && !(env.ALTSEASON_COINGECKO_API_KEY && env.ALTSEASON_COINGECKO_API_KEY.trim() !== '')) {
    fill('ALTSEASON_COINGECKO_API_KEY', config.coingecko.apiKey);
    fill('ALTSEASON_COINGECKO_KEY_TYPE', config.coingecko.keyType);
  }
  return merged;
}

/**
 * The alert rules file (docs/alerts.md): JSON or YAML, validated with zod; every error names the
 * file, the rule (by id) or channel and the field. A string value `$NAME` is read from the
 * environment, else from the config file's `secrets` (config-file.ts; secrets belong there, not in
 * the rules file); a name found in neither is an error naming it, never a value.
 *
 *   channels: { hook: { type: webhook, url: http://127.0.0.1:9000/in, secret: $HOOK_SECRET } }
 *   rules: [ { id: asi-season, series: asi-90d, when: crosses-above, value: 75, rearm: 5, cooldown: 14, channels: [hook] } ]
 */
import { readConfigFile } from '../sources/config-file.ts';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InvalidInputError } from '../../domain/errors.ts';

const Severity = z.enum(['info', 'warning', 'critical']);
const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'expected letters, digits, "-", "_" or "." (at most 64)');

const STANDARD_SECRET = /^whsec_[A-Za-z0-9+/]+={0,2}$/;
const WebhookChannel = z
  .strictObject({
    type: z.literal('webhook'),
    url: z.url({ protocol: /^https?$/ }),
    /** standard (Standard Webhooks, the default), or the Stripe or GitHub header conventions (METHODS.md). */
    signing: z.enum(['standard', 'stripe', 'github']).default('standard'),
    /** standard: whsec_ + base64 of 24–64 bytes; stripe, github: the shared secret as given (16 characters or more). */
    secret: z.string().min(16, 'expected a secret of 16 characters or more'),
  })
  .superRefine((channel, context) => {
    if (channel.signing === 'standard' && !STANDARD_SECRET.test(channel.secret)) {
      context.addIssue({ code: 'custom', path: ['secret'], message: 'expected whsec_ followed by base64 (24–64 random bytes)' });
    }
  });
const DiscordChannel = z.strictObject({ type: z.literal('discord'), url: z.url({ protocol: /^https?$/ }) });
const TelegramChannel = z.strictObject({
  type: z.literal('telegram'),
  token: z.string().regex(/^[0-9]+:[A-Za-z0-9_-]+$/, 'expected a bot token such as 123456:ABC-def'),
  chatId: z.union([z.string().min(1), z.number().int()]).transform(String),
  /** The Bot API's address (default https://api.telegram.org; tests point it at a loopback server). */
  apiBase: z.url({ protocol: /^https?$/ }).optional(),
});
const EmailChannel = z.strictObject({
  type: z.literal('email'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(587),
  secure: z.boolean().default(false),
  user: z.string().optional(),
  password: z.string().optional(),
  from: z.string().min(3),
  to: z.union([z.string().min(3), z.array(z.string().min(3)).min(1)]).transform((v) => (Array.isArray(v) ? v : [v])),
});
const TerminalChannel = z.strictObject({ type: z.literal('terminal') });

export const ChannelSchema = z.discriminatedUnion('type', [WebhookChannel, DiscordChannel, TelegramChannel, EmailChannel, TerminalChannel]);
export type ChannelConfig = z.infer<typeof ChannelSchema>;
export type ChannelType = ChannelConfig['type'];

const RuleBase = {
  id: Id,
  series: z.string().min(1),
  /** Re-arm margin, in the series' units (hysteresis; `hysteresis` is accepted as its name too). */
  rearm: z.number().min(0).optional(),
  hysteresis: z.number().min(0).optional(),
  /** Days after a fire during which new triggers are dropped. */
  cooldown: z.number().int().min(0).default(0),
  severity: Severity.default('info'),
  channels: z.array(z.string()).min(1),
  /** Free text added to the message. */
  note: z.string().max(500).optional(),
};

const RuleSchema = z.discriminatedUnion('when', [
  z.strictObject({ ...RuleBase, when: z.enum(['crosses-above', 'crosses-below']), value: z.number() }),
  z.strictObject({ ...RuleBase, when: z.enum(['stays-above', 'stays-below']), value: z.number(), days: z.number().int().min(1).max(3650) }),
  z.strictObject({ ...RuleBase, when: z.literal('changes-by'), value: z.number().refine((v) => v !== 0, 'expected a non-zero change'), days: z.number().int().min(1).max(3650), unit: z.enum(['points', 'percent']).default('points') }),
  z.strictObject({ ...RuleBase, when: z.literal('enters-phase'), phase: z.string().min(1) }),
]);

const DeliverySchema = z.strictObject({
  /** At most this many attempts per delivery (METHODS.md: 12)… */
  attempts: z.number().int().min(1).max(100).default(12),
  /** …within this many hours of the first one. */
  withinHours: z.number().min(0).max(24 * 30).default(24),
  /** Full-jitter backoff: delay before retry k = random(0, min(cap, base·2ᵏ)). */
  baseMs: z.number().int().min(1).default(2000),
  capMs: z.number().int().min(1).default(3_600_000),
  timeoutMs: z.number().int().min(1).default(10_000),
});

const RulesFileSchema = z.strictObject({
  /** The dashboard's address, for the link in each message (default http://127.0.0.1:8787). */
  dashboard: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8787'),
  delivery: DeliverySchema.default(DeliverySchema.parse({})),
  channels: z.record(Id, ChannelSchema),
  rules: z.array(RuleSchema).min(1),
});

export type RuleConfig = z.infer<typeof RuleSchema>;
export type DeliverySettings = z.infer<typeof DeliverySchema>;
export type RulesFile = z.infer<typeof RulesFileSchema> & { path: string };

export interface LoadRulesOptions {
  env?: NodeJS.ProcessEnv;
  /** Series ids the rules may name (checked, with the list in the error). */
  knownSeries?: readonly string[];
}

/** Reads and validates a rules file (errors name the file, the rule id and the field). */
export function loadRulesFile(path: string, options: LoadRulesOptions = {}): RulesFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidInputError(`rules file ${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseRules(text, path, options);
}

/** Parses the text of a rules file (JSON when it starts with "{", else YAML; JSON is YAML too). */
export function parseRules(text: string, path: string, options: LoadRulesOptions = {}): RulesFile {
  let raw: unknown;
  try {
    raw = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new InvalidInputError(`rules file ${path}: not valid ${text.trimStart().startsWith('{') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
  }
  const env = options.env ?? process.env;
  // The environment wins over the config file, as for the API keys.
  const substituted = substitute(raw, [], { ...readConfigFile(env)?.secrets, ...env }, path, raw);
  const parsed = RulesFileSchema.safeParse(substituted);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidInputError(`rules file ${path}: ${where(issue.path, raw)}: ${issueText(issue)}`);
  }
  const file = parsed.data;
  const seen = new Set<string>();
  file.rules.forEach((rule, i) => {
    const at = where(['rules', i], raw);
    if (seen.has(rule.id)) throw new InvalidInputError(`rules file ${path}: ${at}: the id is used by an earlier rule (ids must be unique)`);
    seen.add(rule.id);
    for (const channel of rule.channels) {
      if (!(channel in file.channels)) {
        throw new InvalidInputError(`rules file ${path}: ${at}, field "channels": no channel ${JSON.stringify(channel)} (channels defined: ${Object.keys(file.channels).join(', ') || 'none'})`);
      }
    }
    if (options.knownSeries && !options.knownSeries.includes(rule.series)) {
      throw new InvalidInputError(`rules file ${path}: ${at}, field "series": unknown series ${JSON.stringify(rule.series)} (known: ${options.knownSeries.join(', ')})`);
    }
  });
  return { ...file, path };
}

/** The rule's re-arm margin, whichever name the file used. */
export function rearmMarginOf(rule: RuleConfig): number {
  return rule.rearm ?? rule.hysteresis ?? 0;
}

/** "rule "asi-season" (rules[0]), field "value"" or "channel "hook", field "url"". */
function where(path: readonly PropertyKey[], raw: unknown): string {
  const [top, index, ...rest] = path;
  const field = (parts: readonly PropertyKey[]) => (parts.length ? `, field "${parts.map(String).join('.')}"` : '');
  if (top === 'rules' && typeof index === 'number') {
    const id = (raw as { rules?: { id?: unknown }[] } | null)?.rules?.[index]?.id;
    return `rule ${typeof id === 'string' ? JSON.stringify(id) : `#${index + 1}`} (rules[${index}])${field(rest)}`;
  }
  if (top === 'channels' && index !== undefined) return `channel ${JSON.stringify(String(index))}${field(rest)}`;
  return path.length ? `field "${path.map(String).join('.')}"` : 'the file';
}

function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  if (issue.code === 'invalid_union' && 'discriminator' in issue) return `${issue.message}`;
  return issue.message;
}

/** Replaces every "$NAME" string with the environment's value; a missing one is an error naming the field. */
function substitute(value: unknown, path: PropertyKey[], env: NodeJS.ProcessEnv, file: string, raw: unknown): unknown {
  if (typeof value === 'string') {
    const m = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(value);
    if (!m) return value;
    const found = env[m[1]!];
    if (found === undefined || found === '') throw new InvalidInputError(`rules file ${file}: ${where(path, raw)}: ${m[1]} is set neither in the environment nor in the config file's "secrets"`);
    return found;
  }
  if (Array.isArray(value)) return value.map((v, i) => substitute(v, [...path, i], env, file, raw));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, [...path, k], env, file, raw)]));
  return value;
}

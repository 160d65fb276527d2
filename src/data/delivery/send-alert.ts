/**
 * One delivery attempt of one alert message to one channel: a generic webhook (JSON, Standard
 * Webhooks headers), a Discord webhook, the Telegram Bot API's sendMessage, e-mail over SMTP
 * (nodemailer) or the terminal. The answer says whether it arrived, and if not whether to retry
 * and after how long the server asked to wait. Errors never carry a secret: no URL (Discord's and
 * Telegram's hold tokens), no header, only the status and the start of the body.
 */
import { createHash } from 'node:crypto';
import type { ChannelConfig } from '../alerts/rules-file.ts';
import { bodyRetryAfter, isRetriableStatus, parseRetryAfter } from './retry-policy.ts';
import { signGithub, signStripe, signWebhook } from './standard-webhooks.ts';

/** What every channel renders (stored with the alert as its payload). */
export interface AlertMessage {
  /** The alert's dedupe key. */
  key: string;
  ruleId: string;
  series: string;
  seriesLabel: string;
  /** "crosses above 75" */
  condition: string;
  value: number | string;
  /** ISO date of the closed bar. */
  date: string;
  severity: string;
  direction: string;
  link: string;
  note: string | null;
  test?: boolean;
}

export interface SendOutcome {
  delivered: boolean;
  retriable: boolean;
  httpStatus: number | null;
  error: string | null;
  /** The wait the server asked for (Retry-After or retry_after), in ms. */
  retryAfterMs: number | null;
}

export interface SendOptions {
  timeoutMs: number;
  now?: () => number;
  /** Where the terminal channel writes (default stdout). */
  terminal?: (line: string) => void;
}

/** The webhook-id of an alert on a channel: derived from the dedupe key, the same on every retry and restart. */
export function messageIdOf(key: string, channel: string): string {
  return `msg_${createHash('sha256').update(`${key}|${channel}`).digest('hex').slice(0, 32)}`;
}

export function messageText(m: AlertMessage): string {
  const value = typeof m.value === 'number' ? formatValue(m.value) : m.value;
  return `${m.test ? '[TEST] ' : ''}[${m.severity}] ${m.seriesLabel} ${m.condition}: ${value} on ${m.date} (rule ${m.ruleId})${m.note ? ` — ${m.note}` : ''}\n${m.link}`;
}

function formatValue(v: number): string {
  return Math.abs(v) >= 1000 ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(Math.round(v * 100) / 100);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export async function sendAlert(name: string, channel: ChannelConfig, message: AlertMessage, options: SendOptions): Promise<SendOutcome> {
  const now = options.now ?? Date.now;
  switch (channel.type) {
    case 'terminal':
      (options.terminal ?? ((line) => process.stdout.write(`${line}\n`)))(messageText(message).replace('\n', ' '));
      return { delivered: true, retriable: false, httpStatus: null, error: null, retryAfterMs: null };
    case 'webhook': {
      const body = JSON.stringify({ type: 'altseason.alert', timestamp: new Date(now()).toISOString(), data: message });
      const id = messageIdOf(message.key, name);
      const seconds = Math.floor(now() / 1000);
      const headers: Record<string, string> =
        channel.signing === 'stripe'
          ? { ...signStripe(channel.secret, seconds, body), 'webhook-id': id }
          : channel.signing === 'github'
            ? { ...signGithub(channel.secret, id, body) }
            : { ...signWebhook(channel.secret, id, seconds, body) };
      return post(channel.url, body, headers, options, now);
    }
    case 'discord': {
      const text = messageText(message);
      const body = JSON.stringify({
        content: text.slice(0, 2000),
        embeds: [{ title: `${message.seriesLabel} ${message.condition}`.slice(0, 256), description: text.slice(0, 4096), url: message.link, footer: { text: `altseason · ${message.key.slice(0, 12)}` } }],
        allowed_mentions: { parse: [] },
      });
      return post(channel.url, body, {}, options, now);
    }
    case 'telegram': {
      const base = (channel.apiBase ?? 'https://api.telegram.org').replace(/\/$/, '');
      const body = JSON.stringify({ chat_id: channel.chatId, text: escapeHtml(messageText(message)).slice(0, 4096), parse_mode: 'HTML', disable_web_page_preview: true });
      const outcome = await post(`${base}/bot${channel.token}/sendMessage`, body, {}, options, now);
      // 403 "bot was blocked by the user": not retried (METHODS.md, "Channel limits").
      return outcome;
    }
    case 'email':
      return sendMail(channel, [message], options);
  }
}

async function post(url: string, body: string, headers: Record<string, string>, options: SendOptions, now: () => number): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'user-agent': 'altseason-alerts', ...headers }, signal: AbortSignal.timeout(options.timeoutMs), redirect: 'error' });
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    // The cause's code (ECONNREFUSED…) or message ("bad port"), never the URL: it may hold a token.
    const cause = e.cause?.code ?? (e.cause?.message && !e.cause.message.includes('/') ? e.cause.message : e.name);
    const reason = e.name === 'TimeoutError' ? `timed out after ${options.timeoutMs} ms` : `network error: ${cause}`;
    return { delivered: false, retriable: true, httpStatus: null, error: reason, retryAfterMs: null };
  }
  const text = await response.text().catch(() => '');
  if (response.ok) return { delivered: true, retriable: false, httpStatus: response.status, error: null, retryAfterMs: null };
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now()) ?? bodyRetryAfter(json);
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  return { delivered: false, retriable: isRetriableStatus(response.status), httpStatus: response.status, error: `HTTP ${response.status}${snippet ? `: ${snippet}` : ''}`, retryAfterMs };
}

/**
 * One e-mail for several alerts (METHODS.md: "send digests, not one mail per alert"); with one
 * alert it is that alert's mail.
 */
export async function sendMail(channel: Extract<ChannelConfig, { type: 'email' }>, messages: readonly AlertMessage[], options: SendOptions): Promise<SendOutcome> {
  const message = messages[0]!;
  const digest = messages.length > 1;
  const { createTransport } = await import('nodemailer');
  const transport = createTransport({
    host: channel.host,
    port: channel.port,
    secure: channel.secure,
    ...(channel.user ? { auth: { user: channel.user, pass: channel.password ?? '' } } : {}),
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  try {
    await transport.sendMail({
      from: channel.from,
      to: channel.to,
      subject: digest
        ? `[altseason] ${messages.length} alerts (${messages[0]!.date} to ${messages[messages.length - 1]!.date})`
        : `${message.test ? '[TEST] ' : ''}[altseason ${message.severity}] ${message.seriesLabel} ${message.condition} (${message.date})`,
      text: messages.map(messageText).join('\n\n'),
      messageId: `<${messageIdOf(messages.map((m) => m.key).join('|'), 'email')}@altseason>`,
      headers: { 'X-Altseason-Alert': messages.map((m) => m.key).join(' ') },
    });
    return { delivered: true, retriable: false, httpStatus: null, error: null, retryAfterMs: null };
  } catch (error) {
    const e = error as Error & { responseCode?: number; code?: string };
    // SMTP 5xx replies are permanent, 4xx transient; no reply at all (connection, timeout) is retried.
    const code = e.responseCode ?? null;
    const retriable = code === null || (code >= 400 && code < 500);
    return { delivered: false, retriable, httpStatus: code, error: `SMTP ${code ?? e.code ?? 'error'}: ${String(e.message).replace(/\s+/g, ' ').slice(0, 200)}`, retryAfterMs: null };
  } finally {
    transport.close();
  }
}

/**
 * The one way sources talk HTTP: a per-provider rate limiter, a timeout per attempt, retries with
 * exponential backoff and jitter that honour Retry-After, truncated-body detection, and zod
 * validation whose errors name the provider, the endpoint and the field. Headers (API keys) are
 * never put in URLs, messages or logs.
 */
import type { z } from 'zod';
import { ProviderError, RequestCancelledError, UnreachableHostError } from '../../../domain/errors.ts';
import { parseRetryAfter } from './retry-after.ts';
import { realSleep, type Sleep, type TokenBucket } from './token-bucket.ts';

export type Query = Record<string, string | number | undefined>;

export interface RetryEvent {
  provider: string;
  endpoint: string;
  /** The attempt that failed (1-based); the next one is `attempt + 1` of `maxAttempts`. */
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  /** Why the attempt failed, with API keys removed. */
  reason: string;
}

export interface HttpClientOptions {
  provider: string;
  baseUrl: string;
  /** Sent with every request; may hold API keys, so never printed. */
  headers?: Record<string, string>;
  limiter?: TokenBucket;
  timeoutMs?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A Retry-After longer than this fails the request instead of stalling the sync. */
  maxRetryAfterMs?: number;
  sleep?: Sleep;
  random?: () => number;
  fetch?: typeof globalThis.fetch;
  /** Told before every retry wait, so a slow provider is visible rather than silent. */
  onRetry?: (event: RetryEvent) => void;
  /** Cancels the client's requests (Ctrl-C): attempts in flight, backoff and rate-limit waits end at once. */
  signal?: AbortSignal;
}

export interface GetOptions<T> {
  /**
   * A reason to treat a well-formed answer as a failed attempt (retried, then reported), or null
   * to accept it: an empty CoinGecko universe is an outage, never a result.
   */
  refuse?: (value: T) => string | null;
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
/** getaddrinfo's answers for "this name does not resolve": offline, or a wrong host. */
const UNRESOLVED_HOST = new Set(['ENOTFOUND', 'EAI_AGAIN']);

/** A failure worth another attempt; carries the wait the server asked for, if any. */
class TransientFailure extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
  }
}

/** Reading the body failed after `bytes` bytes had arrived. */
class BodyReadFailure extends Error {
  constructor(
    readonly bytes: number,
    readonly reason: unknown,
  ) {
    super('body read failed');
  }
}

type Parse<T> = (text: string, declaredLength: number | null) => T;

export class HttpClient {
  readonly provider: string;
  readonly baseUrl: string;
  private readonly options: Required<Omit<HttpClientOptions, 'onRetry' | 'limiter' | 'headers' | 'signal'>> &
    Pick<HttpClientOptions, 'onRetry' | 'limiter' | 'headers' | 'signal'>;

  constructor(options: HttpClientOptions) {
    this.provider = options.provider;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.options = {
      timeoutMs: 30_000,
      maxAttempts: 4,
      backoffBaseMs: 1_000,
      backoffMaxMs: 30_000,
      maxRetryAfterMs: 120_000,
      sleep: realSleep,
      random: Math.random,
      fetch: (input, init) => globalThis.fetch(input, init),
      ...options,
    };
  }

  /** `path` is relative to the base URL unless it is absolute (paging links). */
  url(path: string, query: Query = {}): string {
    const url = new URL(/^https?:\/\//.test(path) ? path : `${this.baseUrl}${path.startsWith('/') ? '' : '/'}${path}`);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    return url.toString();
  }

  /** GETs JSON and validates it; `endpoint` names the call in messages (`/coins/{id}/market_chart`). */
  async getJson<Schema extends z.ZodType>(endpoint: string, path: string, query: Query, schema: Schema, options: GetOptions<z.output<Schema>> = {}): Promise<z.output<Schema>> {
    try {
      return await this.getJsonUnredacted(endpoint, path, query, schema, options);
    } catch (error) {
      throw this.redacted(error);
    }
  }

  /** GETs a text body (CSV). */
  async getText(endpoint: string, path: string, query: Query = {}): Promise<string> {
    try {
      return await this.getTextUnredacted(endpoint, path, query);
    } catch (error) {
      throw this.redacted(error);
    }
  }

  /** Removes header values (API keys) from an error's message, in case a server echoes them back. */
  private redacted(error: unknown): unknown {
    if (error instanceof Error) error.message = this.redact(error.message);
    return error;
  }

  /**
   * Removes header values (API keys) from `text`. Every quote of a response is redacted before it
   * is cut short: cutting first could keep the start of a key that the cut split.
   */
  private redact = (text: string): string => {
    let out = text;
    for (const value of Object.values(this.options.headers ?? {})) if (value.length >= 4) out = out.split(value).join('[redacted]');
    return out;
  };

  private async getJsonUnredacted<Schema extends z.ZodType>(endpoint: string, path: string, query: Query, schema: Schema, options: GetOptions<z.output<Schema>>): Promise<z.output<Schema>> {
    return this.request(endpoint, path, query, (text, declaredLength) => {
      let json: unknown;
      try {
        json = JSON.parse(text) as unknown;
      } catch (error) {
        const bytes = Buffer.byteLength(text);
        const looksCut = (declaredLength !== null && bytes < declaredLength) || /end of JSON|Unterminated|Unexpected end/i.test((error as Error).message);
        if (looksCut) throw new TransientFailure(truncatedMessage(bytes, declaredLength), undefined, null);
        throw new ProviderError(this.provider, endpoint, `response is not JSON: ${(error as Error).message}; starts with ${JSON.stringify(this.redact(text).slice(0, 80))}`);
      }
      const value = validate(this.provider, endpoint, schema, json, this.redact);
      const refusal = options.refuse?.(value) ?? null;
      if (refusal !== null) throw new TransientFailure(refusal, undefined, null);
      return value;
    });
  }

  private async getTextUnredacted(endpoint: string, path: string, query: Query = {}): Promise<string> {
    return this.request(endpoint, path, query, (text, declaredLength) => {
      const bytes = Buffer.byteLength(text);
      if (declaredLength !== null && bytes < declaredLength) throw new TransientFailure(truncatedMessage(bytes, declaredLength), undefined, null);
      return text;
    });
  }

  private async request<T>(endpoint: string, path: string, query: Query, parse: Parse<T>): Promise<T> {
    const url = this.url(path, query);
    const { maxAttempts, sleep } = this.options;
    let last: TransientFailure | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        return await this.attempt(endpoint, url, parse);
      } catch (error) {
        if (!(error instanceof TransientFailure)) throw error;
        last = error;
        if (attempt === maxAttempts) break;
        let delayMs = this.backoff(attempt);
        if (error.retryAfterMs !== null) {
          if (error.retryAfterMs > this.options.maxRetryAfterMs) {
            throw new ProviderError(
              this.provider,
              endpoint,
              `${error.message}; the server asked to retry after ${Math.round(error.retryAfterMs / 1000)} s, longer than the ${Math.round(this.options.maxRetryAfterMs / 1000)} s this sync waits`,
              error.status,
            );
          }
          delayMs = error.retryAfterMs;
        }
        this.options.onRetry?.({ provider: this.provider, endpoint, attempt, maxAttempts, delayMs, reason: this.redact(error.message) });
        await this.unlessCancelled(endpoint, sleep(delayMs));
      }
    }
    throw new ProviderError(this.provider, endpoint, `${last?.message ?? 'failed'} (gave up after ${maxAttempts} attempts)`, last?.status);
  }

  /** Waits for `wait`, or throws RequestCancelledError as soon as the client's signal aborts. */
  private async unlessCancelled<T>(endpoint: string, wait: Promise<T>): Promise<T> {
    const signal = this.options.signal;
    if (!signal) return wait;
    if (signal.aborted) throw new RequestCancelledError(this.provider, endpoint);
    let onAbort: () => void = () => undefined;
    const cancelled = new Promise<never>((_, reject) => {
      onAbort = () => reject(new RequestCancelledError(this.provider, endpoint));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([wait, cancelled]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  private async attempt<T>(endpoint: string, url: string, parse: Parse<T>): Promise<T> {
    const limiter = this.options.limiter;
    if (limiter) await this.unlessCancelled(endpoint, limiter.take());
    const { timeoutMs, signal } = this.options;
    if (signal?.aborted) throw new RequestCancelledError(this.provider, endpoint);
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.options.fetch(url, {
        headers: { accept: 'application/json, text/csv;q=0.9, */*;q=0.5', 'user-agent': 'altseason', ...this.options.headers },
        signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
      });
      text = await readBody(response);
    } catch (error) {
      if (signal?.aborted) throw new RequestCancelledError(this.provider, endpoint);
      const received = error instanceof BodyReadFailure ? error.bytes : null;
      const failure = error instanceof BodyReadFailure ? error.reason : error;
      const name = (failure as Error)?.name;
      if (name === 'TimeoutError' || name === 'AbortError' || timeout.aborted) {
        throw new TransientFailure(`timed out after ${timeoutMs} ms${received !== null ? ` (${received} bytes of the body had arrived)` : ''}`, undefined, null);
      }
      // The headers came, the body stopped: say so, not "network error: UND_ERR_SOCKET".
      if (received !== null) throw new TransientFailure(truncatedMessage(received, declaredLengthOf(response!)), undefined, null);
      const cause = (failure as { cause?: { code?: string; message?: string; hostname?: string } }).cause;
      if (cause?.code && UNRESOLVED_HOST.has(cause.code)) throw new UnreachableHostError(this.provider, endpoint, cause.hostname ?? new URL(url).hostname, cause.code);
      // The server closed the connection before fetch had a response to hand over (headers and a
      // cut body in one packet): still a response cut short, not an unexplained socket code.
      if (cause?.code === 'UND_ERR_SOCKET') throw new TransientFailure(`connection closed before the response was complete (${cause.message ?? cause.code})`, undefined, null);
      throw new TransientFailure(`network error: ${cause?.code ?? cause?.message ?? (failure as Error)?.message}`, undefined, null);
    }
    if (!response.ok) {
      const detail = `HTTP ${response.status}${describeErrorBody(this.redact(text))}`;
      if (RETRYABLE_STATUS.has(response.status)) throw new TransientFailure(detail, response.status, parseRetryAfter(response.headers.get('retry-after')));
      throw new ProviderError(this.provider, endpoint, detail, response.status);
    }
    return parse(text, declaredLengthOf(response));
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.options.backoffMaxMs, this.options.backoffBaseMs * 2 ** (attempt - 1));
    return Math.round(ceiling * (0.5 + this.options.random() * 0.5));
  }
}

/** The body's length as the server declared it, or null when unknown or counted compressed. */
function declaredLengthOf(response: Response): number | null {
  const lengthHeader = response.headers.get('content-length');
  // With compression the header counts compressed bytes, so it says nothing about the text.
  return lengthHeader !== null && !response.headers.get('content-encoding') ? Number(lengthHeader) : null;
}

function truncatedMessage(bytes: number, declaredLength: number | null): string {
  return `response body truncated after ${bytes} bytes${declaredLength !== null ? ` of ${declaredLength}` : ''}`;
}

/** Reads the whole body, counting bytes, so a connection that drops mid-body is named as such. */
async function readBody(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.byteLength;
    }
  } catch (error) {
    throw new BodyReadFailure(bytes, error);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Validates `value`; a mismatch names the field path, what was expected and what came. */
export function validate<Schema extends z.ZodType>(provider: string, endpoint: string, schema: Schema, value: unknown, redact: (text: string) => string = (text) => text): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '') : '(root)';
  const found = issue ? valueAt(value, issue.path) : undefined;
  throw new ProviderError(
    provider,
    endpoint,
    `unexpected response shape at ${field}: ${issue?.message ?? 'invalid'} (got ${quoted(found, redact)}); nothing from this response was stored`,
  );
}

/** At most 80 characters of `value` as JSON, redacted before it is cut. */
function quoted(value: unknown, redact: (text: string) => string): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'nothing' : redact(text).slice(0, 80);
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/** Quotes a provider's error code or message, short, so users see "error_code 10012" (`text` is already redacted). */
function describeErrorBody(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  try {
    const body = JSON.parse(trimmed) as Record<string, unknown>;
    const status = (body.status ?? {}) as Record<string, unknown>;
    const code = body.error_code ?? status.error_code ?? body.code ?? body.retCode;
    const message = body.error_message ?? status.error_message ?? body.msg ?? body.message ?? body.error ?? body.retMsg;
    const parts = [code !== undefined ? `error_code ${String(code)}` : '', typeof message === 'string' ? message : message ? JSON.stringify(message) : ''].filter(Boolean);
    return parts.length ? `: ${parts.join(': ').slice(0, 200)}` : '';
  } catch {
    return `: ${trimmed.slice(0, 120)}`;
  }
}

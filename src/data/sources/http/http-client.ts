/**
 * The one way sources talk HTTP: a per-provider rate limiter, a timeout per attempt, retries with
 * exponential backoff and jitter that honour Retry-After, truncated-body detection, and zod
 * validation whose errors name the provider, the endpoint and the field. Headers (API keys) are
 * never put in URLs, messages or logs.
 */
import type { z } from 'zod';
import { ProviderError } from '../../../domain/errors.ts';
import { parseRetryAfter } from './retry-after.ts';
import { realSleep, type Sleep, type TokenBucket } from './token-bucket.ts';

export type Query = Record<string, string | number | undefined>;

export interface RetryEvent {
  provider: string;
  endpoint: string;
  attempt: number;
  delayMs: number;
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
  onRetry?: (event: RetryEvent) => void;
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

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

export class HttpClient {
  readonly provider: string;
  readonly baseUrl: string;
  private readonly options: Required<Omit<HttpClientOptions, 'onRetry' | 'limiter' | 'headers'>> &
    Pick<HttpClientOptions, 'onRetry' | 'limiter' | 'headers'>;

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
  async getJson<Schema extends z.ZodType>(endpoint: string, path: string, query: Query, schema: Schema): Promise<z.output<Schema>> {
    try {
      return await this.getJsonUnredacted(endpoint, path, query, schema);
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

  private redact(text: string): string {
    let out = text;
    for (const value of Object.values(this.options.headers ?? {})) if (value.length >= 4) out = out.split(value).join('[redacted]');
    return out;
  }

  private async getJsonUnredacted<Schema extends z.ZodType>(endpoint: string, path: string, query: Query, schema: Schema): Promise<z.output<Schema>> {
    const json = await this.request(endpoint, path, query, (text, declaredLength) => {
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        const bytes = Buffer.byteLength(text);
        const looksCut = (declaredLength !== null && bytes < declaredLength) || /end of JSON|Unterminated|Unexpected end/i.test((error as Error).message);
        if (looksCut) throw new TransientFailure(`truncated JSON body (${bytes} bytes${declaredLength !== null ? ` of ${declaredLength}` : ''})`, undefined, null);
        throw new ProviderError(this.provider, endpoint, `response is not JSON: ${(error as Error).message}; starts with ${JSON.stringify(text.slice(0, 80))}`);
      }
    });
    return validate(this.provider, endpoint, schema, json);
  }

  private async getTextUnredacted(endpoint: string, path: string, query: Query = {}): Promise<string> {
    return this.request(endpoint, path, query, (text, declaredLength) => {
      const bytes = Buffer.byteLength(text);
      if (declaredLength !== null && bytes < declaredLength) throw new TransientFailure(`truncated body (${bytes} bytes of ${declaredLength})`, undefined, null);
      return text;
    });
  }

  private async request<T>(endpoint: string, path: string, query: Query, parse: (text: string, declaredLength: number | null) => T): Promise<T> {
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
        this.options.onRetry?.({ provider: this.provider, endpoint, attempt, delayMs, reason: this.redact(error.message) });
        await sleep(delayMs);
      }
    }
    throw new ProviderError(this.provider, endpoint, `${last?.message ?? 'failed'} (gave up after ${maxAttempts} attempts)`, last?.status);
  }

  private async attempt<T>(endpoint: string, url: string, parse: (text: string, declaredLength: number | null) => T): Promise<T> {
    await this.options.limiter?.take();
    const { timeoutMs } = this.options;
    let response: Response;
    let text: string;
    try {
      response = await this.options.fetch(url, {
        headers: { accept: 'application/json, text/csv;q=0.9, */*;q=0.5', 'user-agent': 'altseason', ...this.options.headers },
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new TransientFailure(`timed out after ${timeoutMs} ms`, undefined, null);
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new TransientFailure(`network error: ${cause?.code ?? cause?.message ?? (error as Error).message}`, undefined, null);
    }
    if (!response.ok) {
      const detail = `HTTP ${response.status}${describeErrorBody(text)}`;
      if (RETRYABLE_STATUS.has(response.status)) throw new TransientFailure(detail, response.status, parseRetryAfter(response.headers.get('retry-after')));
      throw new ProviderError(this.provider, endpoint, detail, response.status);
    }
    const lengthHeader = response.headers.get('content-length');
    const encoded = response.headers.get('content-encoding');
    // With compression the header counts compressed bytes, so it says nothing about the text.
    const declaredLength = lengthHeader !== null && !encoded ? Number(lengthHeader) : null;
    return parse(text, declaredLength);
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.options.backoffMaxMs, this.options.backoffBaseMs * 2 ** (attempt - 1));
    return Math.round(ceiling * (0.5 + this.options.random() * 0.5));
  }
}

/** Validates `value`; a mismatch names the field path, what was expected and what came. */
export function validate<Schema extends z.ZodType>(provider: string, endpoint: string, schema: Schema, value: unknown): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '') : '(root)';
  const found = issue ? valueAt(value, issue.path) : undefined;
  throw new ProviderError(
    provider,
    endpoint,
    `unexpected response shape at ${field}: ${issue?.message ?? 'invalid'} (got ${JSON.stringify(found)?.slice(0, 80) ?? 'nothing'}); nothing from this response was stored`,
  );
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/** Quotes a provider's error code or message, short, so users see "error_code 10012". */
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

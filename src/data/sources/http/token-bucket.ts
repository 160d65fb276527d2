/**
 * A token bucket per provider: `requests` calls per `perMs`, with a burst of `requests`. Providers
 * publish their limits this way ("10 requests / 6 s"), so the limit is stated in the same terms
 * and can be changed as a store setting (`ratelimit.<provider>`, e.g. `30/60s`).
 */
import { InvalidInputError } from '../../../domain/errors.ts';

export interface RateLimit {
  requests: number;
  perMs: number;
}

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  /** Serialises waiters so requests leave in the order they asked. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
    private readonly sleep: Sleep = realSleep,
  ) {
    if (!(limit.requests > 0) || !(limit.perMs > 0)) throw new InvalidInputError(`rate limit must be positive, got ${formatRateLimit(limit)}`);
    this.tokens = limit.requests;
    this.updatedAt = now();
  }

  /** Resolves when one request may be sent. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForToken(): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      const msPerToken = this.limit.perMs / this.limit.requests;
      await this.sleep(Math.ceil((1 - this.tokens) * msPerToken));
    }
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.updatedAt);
    this.updatedAt = now;
    this.tokens = Math.min(this.limit.requests, this.tokens + (elapsed * this.limit.requests) / this.limit.perMs);
  }
}

/** How long `count` requests take under `limit`, starting from a full bucket. */
export function durationOfRequests(count: number, limit: RateLimit): number {
  const beyondBurst = Math.max(0, count - limit.requests);
  return (beyondBurst * limit.perMs) / limit.requests;
}

const RATE_LIMIT = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)?\s*(ms|s|m|min|h)\s*$/;

/** Parses `30/60s`, `10/6s`, `500/5m`, `2/s`. */
export function parseRateLimit(text: string, where = 'rate limit'): RateLimit {
  const match = RATE_LIMIT.exec(text);
  if (!match) throw new InvalidInputError(`${where}: expected REQUESTS/DURATION such as 30/60s or 500/5m, got ${JSON.stringify(text)}`);
  const unitMs = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 }[match[3] as 'ms' | 's' | 'm' | 'min' | 'h'];
  const limit = { requests: Number(match[1]), perMs: Number(match[2] ?? 1) * unitMs };
  if (!(limit.requests > 0) || !(limit.perMs > 0)) throw new InvalidInputError(`${where}: must be positive, got ${JSON.stringify(text)}`);
  return limit;
}

export function formatRateLimit(limit: RateLimit): string {
  return limit.perMs % 1000 === 0 ? `${limit.requests}/${limit.perMs / 1000}s` : `${limit.requests}/${limit.perMs}ms`;
}

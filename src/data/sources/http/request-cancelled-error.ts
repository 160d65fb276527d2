/**
 * A request ended because the run was cancelled (Ctrl-C), not because the provider failed: the
 * sync neither counts it as a failure nor retries it.
 */
import { ProviderError } from '../../../domain/errors.ts';

export class RequestCancelledError extends ProviderError {
  constructor(provider: string, endpoint: string) {
    super(provider, endpoint, 'cancelled');
  }
}

/** True when `error` or one of its causes is a RequestCancelledError. */
export function isCancellation(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth++) {
    if (current instanceof RequestCancelledError) return true;
  }
  return false;
}

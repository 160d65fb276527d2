/**
 * The provider's host name does not resolve (ENOTFOUND / EAI_AGAIN): the machine is offline or
 * the URL is wrong. Retrying like a 5xx only makes an offline sync wait, so the client fails at
 * once and the sync skips the provider's remaining requests.
 */
import { ProviderError } from '../../../domain/errors.ts';

export class UnreachableHostError extends ProviderError {
  constructor(
    provider: string,
    endpoint: string,
    readonly host: string,
    readonly code: string,
  ) {
    super(provider, endpoint, `cannot resolve ${host}: offline? (${code})`);
  }
}

/** True when `error` or one of its causes is an UnreachableHostError. */
export function unreachableHostOf(error: unknown): UnreachableHostError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth++) {
    if (current instanceof UnreachableHostError) return current;
  }
  return undefined;
}

/** Re-throws a request's failure with its context: what was being loaded, from whom, and why. */
import { ProviderError } from '../../domain/errors.ts';
import type { PlannedRequest } from './market-data-source.ts';

/** `could not load ^RUT for 2021-01-01..2021-12-31 from yahoo (/v8/finance/chart): HTTP 429 …` */
export function requestError(provider: string, request: PlannedRequest, error: unknown): ProviderError {
  const inner = error instanceof ProviderError ? error : undefined;
  const endpoint = inner?.endpoint ?? request.key;
  let detail = (error as Error)?.message ?? String(error);
  if (inner) detail = detail.replace(`${inner.provider} ${inner.endpoint}: `, '');
  if (/error_code 10012/.test(detail)) detail += ' (the key’s plan does not cover this much history: lower --since or ALTSEASON_COINGECKO_HISTORY_DAYS)';
  if (/error_code 1001[01]\b/.test(detail)) detail += ' (the key type does not match the host: set ALTSEASON_COINGECKO_KEY_TYPE or "keyType" to "pro" for a paid key, "demo" for a demo key, and leave ALTSEASON_COINGECKO_URL unset)';
  const wrapped = new ProviderError(provider, endpoint, detail, inner?.status, { cause: error });
  wrapped.message = `could not load ${request.description} from ${provider} (${endpoint}): ${detail}`;
  return wrapped;
}

/** Finds a RequestCancelledError (declared in src/domain/errors.ts) in an error's cause chain. */
import { RequestCancelledError } from '../../../domain/errors.ts';

/** True when `error` or one of its causes is a RequestCancelledError. */
export function isCancellation(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth++) {
    if (current instanceof RequestCancelledError) return true;
  }
  return false;
}

/** Finds an UnreachableHostError (declared in src/domain/errors.ts) in an error's cause chain. */
import { UnreachableHostError } from '../../../domain/errors.ts';

/** True when `error` or one of its causes is an UnreachableHostError. */
export function unreachableHostOf(error: unknown): UnreachableHostError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth++) {
    if (current instanceof UnreachableHostError) return current;
  }
  return undefined;
}

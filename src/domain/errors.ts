/**
 * Named errors. Their messages quote the values and say where they came from, so the CLI can
 * print them as they are (stack traces only with --verbose).
 */
export class AltseasonError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** User input (a flag, a file, a row) is not what it should be. */
export class InvalidInputError extends AltseasonError {}

/** A row of an input file is invalid: carries the file, line and offending value. */
export class InvalidRowError extends InvalidInputError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
  }
}

/** The store has no data for what was asked. */
export class NoDataError extends AltseasonError {}

/** Nothing of the user's own is stored yet (no portfolio): an empty answer, not a failure (HTTP 204). */
export class NothingStoredError extends NoDataError {}

/** The store file or schema is unusable. */
export class StoreError extends AltseasonError {}

/** A series violates an invariant (ascending, unique, equal lengths). */
export class SeriesInvariantError extends AltseasonError {}

/** An upstream provider failed (HTTP status, timeout, schema drift). */
export class ProviderError extends AltseasonError {
  constructor(
    readonly provider: string,
    readonly endpoint: string,
    detail: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`${provider} ${endpoint}: ${detail}`, options);
  }
}

/**
 * The provider's host name does not resolve (ENOTFOUND / EAI_AGAIN): the machine is offline or
 * the URL is wrong. Retrying like a 5xx only makes an offline sync wait, so the client fails at
 * once and the sync skips the provider's remaining requests.
 */
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

/**
 * A request ended because the run was cancelled (Ctrl-C), not because the provider failed: the
 * sync neither counts it as a failure nor retries it.
 */
export class RequestCancelledError extends ProviderError {
  constructor(provider: string, endpoint: string) {
    super(provider, endpoint, 'cancelled');
  }
}

/** The reason an import was stopped (Ctrl-C). Its message says what happens to the file in hand. */
export class ImportInterruptedError extends AltseasonError {
  constructor() {
    super('the import was interrupted');
  }
}

/** A sync finished with failures in some providers; what the others fetched is stored. */
export class SyncFailedError extends AltseasonError {}

/** Ctrl-C stopped the sync; what was stored stays stored. The CLI exits 130 (128 + SIGINT). */
export class SyncInterruptedError extends AltseasonError {}

/** The server has as much heavy work running and waiting as it takes: ask again later (503 + Retry-After). */
export class ServerBusyError extends AltseasonError {
  constructor(
    message: string,
    /** Seconds after which asking again is reasonable. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** The server cannot listen: the port is taken (EADDRINUSE) or may not be used (EACCES), or the host is not ours. */
export class ListenError extends AltseasonError {}

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

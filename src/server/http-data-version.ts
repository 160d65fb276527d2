/**
 * Notices data that another process imported or synced into the store while the dashboard runs:
 * before answering, it reads a cheap version of the data (the store's latest load id) at most once
 * per interval, and calls `onChange` when it differs from the last one seen, so the cached answers
 * are dropped and computed again from the new data.
 */
export interface DataVersionWatcher {
  /** Reads the version if the interval has passed; resolves after `onChange` when it changed. */
  check(): Promise<void>;
}

export function watchDataVersion(
  read: () => Promise<unknown>,
  onChange: () => void,
  options: { intervalMs?: number; now?: () => number } = {},
): DataVersionWatcher {
  const intervalMs = options.intervalMs ?? 1000;
  const now = options.now ?? Date.now;
  let known: { value: unknown } | null = null;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<void> | null = null;
  return {
    check() {
      if (pending) return pending;
      if (now() - checkedAt < intervalMs) return Promise.resolve();
      checkedAt = now();
      pending = (async () => {
        try {
          const value = await read();
          if (known !== null && !Object.is(known.value, value)) onChange();
          known = { value };
        } finally {
          pending = null;
        }
      })();
      return pending;
    },
  };
}

/**
 * Turns one date's constituents into the index and its two magnitude-aware companions. Beating BTC
 * means a strictly greater return than BTC's over the same days (the coin's own price days, see
 * UniverseBuffers.benchmarkReturn in walk-universe.ts): a tie does not count (a coin that merely
 * kept pace did not outperform).
 */

export interface WindowSummary {
  universeSize: number;
  /** Constituents whose window return was strictly greater than BTC's over the same days. */
  beatCount: number;
  /** 100 × beatCount / universeSize; null when BTC has no return or the universe is below the minimum. */
  index: number | null;
  /** BTC's return over exactly t − window … t. */
  btcReturn: number | null;
  /** Median over constituents of (coin return − BTC return over the same days). */
  medianExcessReturn: number | null;
  /** Σ w·(r − b) / Σ w, b = BTC's return over the coin's days, w = market cap at the window start (coins without one are left out of the basket). */
  capWeightedExcessReturn: number | null;
}

/**
 * `returns`, `benchmarkReturns` (BTC over each coin's days) and `startCaps` hold `size` values
 * (startCaps NaN where unknown); `scratch` is a buffer at least `size` long that this function may
 * overwrite.
 */
export function summarizeWindow(
  returns: Float64Array,
  benchmarkReturns: Float64Array,
  startCaps: Float64Array,
  size: number,
  btcReturn: number | null,
  minUniverse: number,
  scratch: Float64Array,
): WindowSummary {
  if (btcReturn === null || size === 0 || size < minUniverse) {
    return { universeSize: size, beatCount: 0, index: null, btcReturn, medianExcessReturn: null, capWeightedExcessReturn: null };
  }
  let beat = 0;
  let weighted = 0;
  let weights = 0;
  for (let i = 0; i < size; i++) {
    const excess = returns[i]! - benchmarkReturns[i]!;
    if (excess > 0) beat++;
    scratch[i] = excess;
    const w = startCaps[i]!;
    if (w === w && w > 0) {
      weighted += w * excess;
      weights += w;
    }
  }
  const sorted = prefixOf(scratch, size).sort();
  const mid = size >> 1;
  const median = size % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    universeSize: size,
    beatCount: beat,
    index: (100 * beat) / size,
    btcReturn,
    medianExcessReturn: median,
    capWeightedExcessReturn: weights > 0 ? weighted / weights : null,
  };
}

// The index summarises one window per day with the same scratch buffer: its prefix views are made
// once per length, not once per day (a view is an allocation, ~4,500 of them for a full history).
let viewsOf: Float64Array | null = null;
let views: Float64Array[] = [];

function prefixOf(buffer: Float64Array, length: number): Float64Array {
  if (viewsOf !== buffer) {
    viewsOf = buffer;
    views = [];
  }
  return (views[length] ??= buffer.subarray(0, length));
}

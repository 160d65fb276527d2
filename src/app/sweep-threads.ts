/**
 * Sweeps on several threads: the grid cut into contiguous ranges of configurations, one per worker
 * thread (sweep-worker), merged in index order; then PBO's CSCV splits cut the same way. Each
 * part computes exactly what the one-thread sweep computes for its configurations (or splits),
 * and the merges keep the first configuration on a tie, so the result is byte-identical to one
 * thread's (tested). Only the vectorised asi-regime evaluation goes to workers: its
 * precomputation (the ASI per window, one run per basket size) is a few typed arrays, cloned to
 * each worker, and the panel stays here.
 *
 * How many threads: `threads` given → that many; 'auto' → more than one only when more than one
 * core is free (cores − the 1-minute load average > 1) and the grid is large enough to repay
 * starting the workers.
 */
import { availableParallelism, loadavg } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { AsiRegimePrecomputed } from '../analytics/backtest/asi-regime-sweep.ts';
import type { ParameterValue } from '../analytics/backtest/strategy.ts';
import type { SweepAxis } from '../analytics/backtest/parameter-grid.ts';
import { mergeSweepParts, sweepRanges, type SweepLayout, type SweepPart, type SweepSummary } from '../analytics/backtest/sweep.ts';
import type { FoldChoices, FoldSelector, WalkForwardPlan } from '../analytics/backtest/walk-forward.ts';
import { overfittingFromSplits, splitCount, type BacktestOverfitting, type CscvBlocks, type OverfittingSplits } from '../analytics/stats/backtest-overfitting.ts';
import type { DayNumber } from '../domain/dates.ts';
import { AltseasonError, InvalidInputError } from '../domain/errors.ts';
import { startWorker } from './worker-entry.ts';

export type ThreadsOption = number | 'auto';

/** Most threads a sweep may be given. */
export const MAX_SWEEP_THREADS = 64;
/** Below this many configurations, 'auto' stays on one thread (a vectorised configuration takes ≈ 25 µs; two workers start and answer in ≈ 90 ms from the CLI bundle). */
export const AUTO_MIN_CONFIGURATIONS = 20_000;
/** Below this many PBO configurations, 'auto' ranks the CSCV splits on one thread (≈ 0.35 s at 200). */
export const AUTO_MIN_PBO_CONFIGURATIONS = 200;

export interface ThreadDecision {
  threads: number;
  /** Why this many, in words (the report shows it). */
  reason: string;
}

export interface MachineLoad {
  cores: number;
  load: number;
}

function machineLoad(): MachineLoad {
  return { cores: availableParallelism(), load: loadavg()[0] ?? 0 };
}

/** Checks a --threads value: a whole number 1 … MAX_SWEEP_THREADS, or 'auto'. */
export function parseThreads(text: string, flag = '--threads'): ThreadsOption {
  if (text.trim().toLowerCase() === 'auto') return 'auto';
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_SWEEP_THREADS) throw new InvalidInputError(`${flag}: expected auto or a whole number 1 … ${MAX_SWEEP_THREADS}, got ${JSON.stringify(text)}`);
  return n;
}

/** How many threads a sweep of `configurations` runs on (`minimum`: the smallest work 'auto' spreads). */
export function decideThreads(requested: ThreadsOption | undefined, configurations: number, minimum: number, machine: MachineLoad = machineLoad()): ThreadDecision {
  if (typeof requested === 'number') {
    const threads = Math.max(1, Math.min(requested, configurations));
    return { threads, reason: threads === requested ? `${threads} thread${threads === 1 ? '' : 's'} as asked` : `${threads} thread${threads === 1 ? '' : 's'} (${requested} asked, one configuration each at most)` };
  }
  const free = machine.cores - machine.load;
  const situation = `${machine.cores} core${machine.cores === 1 ? '' : 's'}, load average ${machine.load.toFixed(2)}`;
  if (configurations < minimum) return { threads: 1, reason: `1 thread: ${configurations.toLocaleString('en-US')} configurations are too few to repay starting workers (from ${minimum.toLocaleString('en-US')}; --threads N, or threads=N in the API, chooses)` };
  if (!(free > 1)) return { threads: 1, reason: `1 thread: not more than one core is free (${situation}; --threads N, or threads=N in the API, chooses)` };
  const threads = Math.min(machine.cores, Math.ceil(free));
  return { threads, reason: `${threads} threads: ${free.toFixed(1)} cores free (${situation})` };
}

/** What a worker evaluates: the vectorised asi-regime grid over a precomputation. */
export interface AsiRegimeSweepSpec {
  pre: AsiRegimePrecomputed;
  fixed: Readonly<Record<string, ParameterValue>>;
  axes: readonly SweepAxis[];
}

export interface WalkForwardSpec {
  from: DayNumber;
  plan: WalkForwardPlan;
  length: number;
}

export type SweepWorkerTask =
  | { job: 'sweep'; spec: AsiRegimeSweepSpec; layout: SweepLayout; start: number; end: number; walkForward: WalkForwardSpec | null }
  | { job: 'overfitting'; blocks: CscvBlocks; first: number; last: number };

export type SweepWorkerOutput =
  | { ok: true; job: 'sweep'; part: SweepPart; choices: FoldChoices | null }
  | { ok: true; job: 'overfitting'; splits: OverfittingSplits }
  | { ok: false; name: string; message: string };

/** Worker threads that take one task at a time (they stay up between the sweep and PBO). */
export class SweepThreads {
  private readonly workers: Worker[];

  constructor(readonly size: number) {
    this.workers = Array.from({ length: size }, () => startWorker('sweep-worker', import.meta.url, null));
  }

  private run(worker: Worker, task: SweepWorkerTask): Promise<SweepWorkerOutput & { ok: true }> {
    return new Promise((resolve, reject) => {
      const onMessage = (output: SweepWorkerOutput) => {
        cleanup();
        if (output.ok) resolve(output);
        else reject(output.name === 'InvalidInputError' ? new InvalidInputError(output.message) : new AltseasonError(`a sweep worker failed: ${output.message}`));
      };
      const onError = (error: Error) => {
        cleanup();
        reject(new AltseasonError(`a sweep worker failed: ${error.message}`, { cause: error }));
      };
      const onExit = (code: number) => {
        cleanup();
        reject(new AltseasonError(`a sweep worker exited with code ${code} before answering`));
      };
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(task);
    });
  }

  /** Every task's answer; waits for all (so no worker is still busy when one failed), then throws the first failure. */
  private async all(tasks: SweepWorkerTask[]): Promise<Array<SweepWorkerOutput & { ok: true }>> {
    const settled = await Promise.allSettled(tasks.map((task, k) => this.run(this.workers[k]!, task)));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.map((s) => (s as PromiseFulfilledResult<SweepWorkerOutput & { ok: true }>).value);
  }

  /** The sweep in `size` parts; a walk-forward selector absorbs each part's fold choices in index order. */
  async sweep(spec: AsiRegimeSweepSpec, layout: SweepLayout, selector: FoldSelector | null, walkForward: WalkForwardSpec | null): Promise<SweepSummary> {
    const ranges = sweepRanges(layout.configurations, this.size);
    const outputs = await this.all(ranges.map(([start, end]) => ({ job: 'sweep', spec, layout, start, end, walkForward: selector ? walkForward : null })));
    const parts: SweepPart[] = [];
    for (const output of outputs) {
      if (output.job !== 'sweep') throw new AltseasonError('a sweep worker answered another job');
      parts.push(output.part);
      if (selector && output.choices) selector.absorb(output.choices);
    }
    return mergeSweepParts(layout, parts);
  }

  /** PBO with the CSCV splits in `size` ranges. */
  async overfitting(blocks: CscvBlocks): Promise<BacktestOverfitting> {
    const ranges = sweepRanges(splitCount(blocks), this.size);
    const outputs = await this.all(ranges.map(([first, last]) => ({ job: 'overfitting', blocks, first, last })));
    return overfittingFromSplits(blocks, outputs.map((o) => {
      if (o.job !== 'overfitting') throw new AltseasonError('a sweep worker answered another job');
      return o.splits;
    }));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

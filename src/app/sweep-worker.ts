/**
 * A sweep worker thread (started by sweep-threads.ts): evaluates a range of an asi-regime grid's
 * configurations, or ranks a range of PBO's CSCV splits, and posts the result back (its typed
 * arrays transferred, not copied). It takes tasks until it is terminated.
 */
import { parentPort } from 'node:worker_threads';
import { asiRegimeGridEvaluator } from '../analytics/backtest/asi-regime-sweep.ts';
import { ASI_REGIME } from '../analytics/backtest/builtin-strategies.ts';
import { ParameterGrid } from '../analytics/backtest/parameter-grid.ts';
import { sweepPart } from '../analytics/backtest/sweep.ts';
import { FoldSelector } from '../analytics/backtest/walk-forward.ts';
import { overfittingSplits } from '../analytics/stats/backtest-overfitting.ts';
import type { SweepWorkerOutput, SweepWorkerTask } from './sweep-threads.ts';

function answer(task: SweepWorkerTask): { output: SweepWorkerOutput; transfer: ArrayBuffer[] } {
  if (task.job === 'overfitting') {
    const splits = overfittingSplits(task.blocks, 'sharpe', task.first, task.last);
    return { output: { ok: true, job: 'overfitting', splits }, transfer: [splits.logits, splits.relativeRanks, splits.selected, splits.inSampleMetric, splits.outOfSampleMetric].map((a) => a.buffer as ArrayBuffer) };
  }
  const grid = new ParameterGrid(ASI_REGIME, task.spec.fixed, task.spec.axes);
  const evaluator = asiRegimeGridEvaluator(task.spec.pre, grid);
  const selector = task.walkForward ? new FoldSelector(task.walkForward.from, task.walkForward.plan, task.walkForward.length) : null;
  const part = sweepPart(evaluator, task.layout, task.start, task.end, selector?.onConfiguration);
  const arrays = [part.sharpe, part.mean, part.totalReturn, part.maxDrawdown, ...part.kept];
  if (part.cscv) arrays.push(part.cscv.centers, part.cscv.blockSum, part.cscv.blockSquares, part.cscv.blockCount);
  return { output: { ok: true, job: 'sweep', part, choices: selector ? selector.choices() : null }, transfer: arrays.map((a) => a.buffer as ArrayBuffer) };
}

parentPort!.on('message', (task: SweepWorkerTask) => {
  try {
    const { output, transfer } = answer(task);
    parentPort!.postMessage(output, transfer);
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    parentPort!.postMessage({ ok: false, name: failure.constructor.name, message: failure.message } satisfies SweepWorkerOutput);
  }
});

/**
 * Hierarchical risk parity (López de Prado, "Building Diversified Portfolios that Outperform Out of
 * Sample", Journal of Portfolio Management 42(4), 2016), as METHODS.md states it:
 *
 * 1. Σ and ρ from the same window (ρ derived from Σ here).
 * 2. dᵢⱼ = √(½(1 − ρᵢⱼ)).  3. d̃ᵢⱼ = Euclidean distance between columns i and j of d.
 * 4. Single-linkage agglomerative clustering on d̃ (ml-hclust `agnes`).
 * 5. Quasi-diagonalisation: the dendrogram's leaf order. The two children of a node are ordered as
 *    SciPy's `linkage` numbers them (the paper's code): a leaf (id = its index) before a merged
 *    cluster (id = n + its merge step), two leaves by index, two merged clusters by merge step
 *    (lower height first; equal heights by their first asset) — so the order is the paper's.
 * 6. Recursive bisection: split every ordered sub-list in halves BY POSITION (first half
 *    ⌊len/2⌋ long); Vⱼ = ŵⱼᵀΣⱼŵⱼ with inverse-variance ŵⱼ inside each half;
 *    α = 1 − V₀/(V₀ + V₁); w(L₀) ×= α, w(L₁) ×= 1 − α.
 * 7. Optional cap: clip at w_max, hand the excess pro rata to uncapped assets, repeat.
 *
 * Zero-variance (or non-finite variance) assets are excluded with weight 0; one asset → weight 1.
 */
import { agnes } from 'ml-hclust';
import type { Cluster } from 'ml-hclust';
import { InvalidInputError } from '../../domain/errors.ts';

export interface HierarchicalRiskParity {
  /** Weights in the input order (0 for excluded assets), positive, summing to 1. */
  weights: number[];
  /** Included assets (input indices) in quasi-diagonal (dendrogram leaf) order. */
  order: number[];
  /** Assets excluded for zero variance. */
  excluded: number[];
  /** Assets held at the cap. */
  capped: number[];
}

/**
 * HRP weights from a covariance matrix of per-period returns (n × n, symmetric).
 * `maxWeight` (optional, in (0, 1]) caps each weight; throws when n·maxWeight < 1.
 */
export function hierarchicalRiskParity(covariance: readonly (readonly number[])[], options: { maxWeight?: number } = {}): HierarchicalRiskParity {
  const n = covariance.length;
  covariance.forEach((row, i) => {
    if (row.length !== n) throw new InvalidInputError(`hierarchical risk parity: covariance row ${i} has ${row.length} entries, expected ${n}`);
  });
  const included: number[] = [];
  const excluded: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = covariance[i]![i]!;
    if (Number.isFinite(v) && v > 0) included.push(i);
    else excluded.push(i);
  }
  const weights = new Array<number>(n).fill(0);
  if (included.length === 0) return { weights, order: [], excluded, capped: [] };
  const order = quasiDiagonalOrder(covariance, included);
  const w = new Map<number, number>(order.map((i) => [i, 1]));
  let lists: number[][] = [order];
  while (lists.length > 0) {
    const next: number[][] = [];
    for (const list of lists) {
      if (list.length < 2) continue;
      const middle = Math.floor(list.length / 2);
      const left = list.slice(0, middle);
      const right = list.slice(middle);
      const v0 = inverseVarianceClusterVariance(covariance, left);
      const v1 = inverseVarianceClusterVariance(covariance, right);
      const alpha = 1 - v0 / (v0 + v1);
      for (const i of left) w.set(i, w.get(i)! * alpha);
      for (const i of right) w.set(i, w.get(i)! * (1 - alpha));
      next.push(left, right);
    }
    lists = next;
  }
  for (const [i, value] of w) weights[i] = value;
  const capped = options.maxWeight === undefined ? [] : applyCap(weights, included, options.maxWeight);
  return { weights, order, excluded, capped };
}

/** Leaf order of the single-linkage dendrogram on d̃ over `included` (input indices). */
export function quasiDiagonalOrder(covariance: readonly (readonly number[])[], included: readonly number[]): number[] {
  const k = included.length;
  if (k <= 2) return [...included];
  const d = included.map((i) =>
    included.map((j) => {
      const rho = covariance[i]![j]! / Math.sqrt(covariance[i]![i]! * covariance[j]![j]!);
      return Math.sqrt(Math.max(0, 0.5 * (1 - Math.max(-1, Math.min(1, rho)))));
    }),
  );
  const dTilde = d.map((_, a) =>
    d.map((__, b) => {
      let sum = 0;
      for (let m = 0; m < k; m++) sum += (d[m]![a]! - d[m]![b]!) ** 2;
      return Math.sqrt(sum);
    }),
  );
  const tree = agnes(dTilde, { method: 'single', isDistanceMatrix: true });
  const order: number[] = [];
  const firstLeaf = (node: Cluster): number => (node.isLeaf ? node.index : Math.min(...node.indices()));
  const visit = (node: Cluster): void => {
    if (node.isLeaf) {
      order.push(included[node.index]!);
      return;
    }
    const children = [...node.children].sort((a, b) => {
      if (a.isLeaf !== b.isLeaf) return a.isLeaf ? -1 : 1;
      if (a.isLeaf) return a.index - b.index;
      return a.height - b.height || firstLeaf(a) - firstLeaf(b);
    });
    children.forEach(visit);
  };
  visit(tree);
  return order;
}

/** ŵᵀΣŵ with ŵ ∝ 1/Σᵢᵢ over `members`, Σŵ = 1. */
function inverseVarianceClusterVariance(covariance: readonly (readonly number[])[], members: readonly number[]): number {
  const inverse = members.map((i) => 1 / covariance[i]![i]!);
  const total = inverse.reduce((a, b) => a + b, 0);
  const w = inverse.map((v) => v / total);
  let variance = 0;
  members.forEach((i, a) => members.forEach((j, b) => (variance += w[a]! * w[b]! * covariance[i]![j]!)));
  return variance;
}

/** Clips at `cap`, hands the excess pro rata to the uncapped assets, repeats; returns the capped assets. */
function applyCap(weights: number[], included: readonly number[], cap: number): number[] {
  if (!(cap > 0 && cap <= 1)) throw new InvalidInputError(`hierarchical risk parity: maxWeight must be in (0, 1], got ${cap}`);
  if (cap * included.length < 1 - 1e-12) {
    throw new InvalidInputError(`hierarchical risk parity: maxWeight ${cap} × ${included.length} assets is below 100 %`);
  }
  const capped = new Set<number>();
  for (let round = 0; round <= included.length; round++) {
    let excess = 0;
    for (const i of included) {
      if (weights[i]! > cap + 1e-15) {
        excess += weights[i]! - cap;
        weights[i] = cap;
        capped.add(i);
      }
    }
    if (excess <= 0) break;
    const free = included.filter((i) => !capped.has(i));
    const freeTotal = free.reduce((sum, i) => sum + weights[i]!, 0);
    if (free.length === 0 || freeTotal <= 0) break;
    for (const i of free) weights[i] = weights[i]! + (excess * weights[i]!) / freeTotal;
  }
  return [...capped].sort((a, b) => a - b);
}

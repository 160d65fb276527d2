/**
 * Concentration of a portfolio (METHODS.md "Portfolio risk and concentration"). Weights w are signed
 * fractions of equity; Σ is the covariance of per-period returns.
 *
 * - HHI = Σ ŵᵢ², ŵᵢ = |wᵢ|/Σⱼ|wⱼ|; effective N = 1/HHI ∈ [1, n] (Herfindahl–Hirschman); per sector,
 *   ŵ is summed by sector first.
 * - Risk contributions RCᵢ = wᵢ·(Σw)ᵢ/σ_p, Σ RCᵢ = σ_p = √(wᵀΣw) (Maillard, Roncalli & Teïletche,
 *   JPM 36(4), 2010).
 * - Effective number of bets (Meucci, "Managing Diversification", Risk 22(5), 2009): Σ = EΛEᵀ
 *   (ml-matrix symmetric eigendecomposition), v = Eᵀw, p_k = v_k²λ_k/(wᵀΣw),
 *   ENB = exp(−Σ p_k ln p_k) over p_k > 0.
 * - Findings: a position with |w| above the position cap (default 5 %) and a sector whose gross
 *   exposure Σ|w| is above the sector cap (default 30 %) are breaches, each with its number and limit;
 *   an ENB below `minimumBetsShare` (default ½) of the number of positions is a warning.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface Herfindahl {
  /** Σ ŵᵢ² ∈ [1/n, 1]. */
  hhi: number;
  /** 1/HHI. */
  effectiveN: number;
}

/** HHI and effective N of the absolute weights; null when all weights are 0 or missing. */
export function herfindahlIndex(weights: ArrayLike<number>): Herfindahl | null {
  let gross = 0;
  for (let i = 0; i < weights.length; i++) if (Number.isFinite(weights[i]!)) gross += Math.abs(weights[i]!);
  if (!(gross > 0)) return null;
  let hhi = 0;
  for (let i = 0; i < weights.length; i++) if (Number.isFinite(weights[i]!)) hhi += (Math.abs(weights[i]!) / gross) ** 2;
  return { hhi, effectiveN: 1 / hhi };
}

/** Gross exposure Σ|wᵢ| per sector, in order of first appearance. */
export function sectorExposures(weights: ArrayLike<number>, sectors: readonly string[]): Map<string, number> {
  const exposures = new Map<string, number>();
  for (let i = 0; i < weights.length; i++) {
    if (!Number.isFinite(weights[i]!)) continue;
    const sector = sectors[i]!;
    exposures.set(sector, (exposures.get(sector) ?? 0) + Math.abs(weights[i]!));
  }
  return exposures;
}

/** HHI over sectors (ŵ summed by sector first); null when all weights are 0. */
export function sectorHerfindahlIndex(weights: ArrayLike<number>, sectors: readonly string[]): Herfindahl | null {
  return herfindahlIndex([...sectorExposures(weights, sectors).values()]);
}

export interface RiskContributions {
  /** σ_p = √(wᵀΣw), per period. */
  portfolioVolatility: number;
  /** RCᵢ = wᵢ(Σw)ᵢ/σ_p; they sum to σ_p. */
  contributions: number[];
  /** RCᵢ/σ_p; they sum to 1. */
  shares: number[];
}

/** Risk contributions of each position; null when wᵀΣw ≤ 0. */
export function riskContributions(weights: readonly number[], covariance: readonly (readonly number[])[]): RiskContributions | null {
  const sigmaW = covariance.map((row) => row.reduce((sum, value, j) => sum + value * weights[j]!, 0));
  const variance = weights.reduce((sum, w, i) => sum + w * sigmaW[i]!, 0);
  if (!(variance > 0)) return null;
  const portfolioVolatility = Math.sqrt(variance);
  const contributions = weights.map((w, i) => (w * sigmaW[i]!) / portfolioVolatility);
  return { portfolioVolatility, contributions, shares: contributions.map((c) => c / portfolioVolatility) };
}

export interface EffectiveBets {
  /** ENB ∈ [1, n]. */
  effectiveBets: number;
  /** p_k per principal component, eigenvalues descending. */
  componentShares: number[];
  /** λ_k descending (tiny negative round-off clipped to 0). */
  eigenvalues: number[];
}

/** Meucci's effective number of (uncorrelated) bets; null when wᵀΣw ≤ 0. */
export function effectiveNumberOfBets(weights: readonly number[], covariance: readonly (readonly number[])[]): EffectiveBets | null {
  const n = weights.length;
  if (n === 0 || covariance.length !== n) return null;
  const decomposition = new EigenvalueDecomposition(new Matrix(covariance.map((row) => [...row])), { assumeSymmetric: true });
  const values = decomposition.realEigenvalues;
  const vectors = decomposition.eigenvectorMatrix;
  const components = values.map((lambda, k) => {
    let v = 0;
    for (let i = 0; i < n; i++) v += vectors.get(i, k) * weights[i]!;
    return { lambda: Math.max(0, lambda), v };
  });
  components.sort((a, b) => b.lambda - a.lambda);
  const variance = components.reduce((sum, c) => sum + c.v * c.v * c.lambda, 0);
  if (!(variance > 0)) return null;
  const shares = components.map((c) => (c.v * c.v * c.lambda) / variance);
  let entropy = 0;
  for (const p of shares) if (p > 0) entropy -= p * Math.log(p);
  return { effectiveBets: Math.exp(entropy), componentShares: shares, eigenvalues: components.map((c) => c.lambda) };
}

export interface ConcentrationPosition {
  id: string;
  /** Signed fraction of equity. */
  weight: number;
  sector?: string;
}

export interface ConcentrationFinding {
  kind: 'position-cap' | 'sector-cap' | 'few-bets';
  severity: 'breach' | 'warning';
  /** The position id or the sector name ('portfolio' for few-bets). */
  subject: string;
  /** |w|, the sector's Σ|w|, or the ENB. */
  value: number;
  /** The cap (fraction of equity) or, for few-bets, the ENB below which it warns. */
  limit: number;
  message: string;
}

export interface ConcentrationLimits {
  /** Per-position cap on |w| (default 0.05). */
  positionCap?: number;
  /** Per-sector cap on Σ|w| (default 0.30). */
  sectorCap?: number;
  /** ENB of the portfolio, when known, to warn about few independent bets. */
  effectiveBets?: number;
  /** Warn when ENB < this share of the number of positions (default 0.5). */
  minimumBetsShare?: number;
}

const percent = (value: number): string => `${(value * 100).toFixed(1)} %`;

/** Every breach of the position and sector caps (and a few-bets warning), largest first within a kind. */
export function concentrationFindings(positions: readonly ConcentrationPosition[], limits: ConcentrationLimits = {}): ConcentrationFinding[] {
  const positionCap = limits.positionCap ?? 0.05;
  const sectorCap = limits.sectorCap ?? 0.3;
  const tolerance = 1e-12;
  const findings: ConcentrationFinding[] = [];
  const byPosition = positions
    .filter((p) => Number.isFinite(p.weight) && Math.abs(p.weight) > positionCap + tolerance)
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  for (const p of byPosition) {
    const value = Math.abs(p.weight);
    findings.push({
      kind: 'position-cap',
      severity: 'breach',
      subject: p.id,
      value,
      limit: positionCap,
      message: `${p.id} is ${percent(value)} of equity, above the ${percent(positionCap)} position cap`,
    });
  }
  const classified = positions.filter((p) => p.sector !== undefined);
  const exposures = sectorExposures(
    classified.map((p) => p.weight),
    classified.map((p) => p.sector!),
  );
  const bySector = [...exposures].filter(([, value]) => value > sectorCap + tolerance).sort((a, b) => b[1] - a[1]);
  for (const [sector, value] of bySector) {
    findings.push({
      kind: 'sector-cap',
      severity: 'breach',
      subject: sector,
      value,
      limit: sectorCap,
      message: `sector ${sector} is ${percent(value)} of equity, above the ${percent(sectorCap)} sector cap`,
    });
  }
  const held = positions.filter((p) => Number.isFinite(p.weight) && p.weight !== 0).length;
  if (limits.effectiveBets !== undefined && held > 1) {
    const limit = (limits.minimumBetsShare ?? 0.5) * held;
    if (limits.effectiveBets < limit) {
      findings.push({
        kind: 'few-bets',
        severity: 'warning',
        subject: 'portfolio',
        value: limits.effectiveBets,
        limit,
        message: `${held} positions amount to ${limits.effectiveBets.toFixed(2)} effective independent bets (below ${limit.toFixed(2)})`,
      });
    }
  }
  return findings;
}

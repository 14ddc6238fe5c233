/**
 * The retry-load equilibrium — one formula for the replay (engine/load.ts) and the audit's
 * retry-storm rule (analysis/retry-storm.ts), so the rule fires exactly when the replay stays
 * overloaded.
 */
import { EPS } from './numbers.js';

/**
 * A capacity fleet's offered load with retries: base L0, retry potential R (what retries add while
 * nothing is served), capacity K. Served share s = min(1, K/L) and L = L0 + R·(1 − s). With L > K:
 * L² − (L0 + R)·L + R·K = 0. Above capacity without retries (L0 > K) the larger root is the one
 * above K. Otherwise both roots lie on one side of K: above it when (L0 + R)/2 > K and the
 * discriminant is ≥ 0 — two equilibria, and an overloaded fleet (`overloaded`) stays on the high one
 * (the metastable failure); else the load is L0 and every call is served.
 */
export function retryLoad(base: number, potential: number, capacity: number, overloaded: boolean): number {
  if (capacity <= EPS) return base + potential;
  const m = base + potential;
  const disc = m * m - 4 * potential * capacity;
  if (base > capacity + EPS) return (m + Math.sqrt(Math.max(0, disc))) / 2;
  // At disc = 0 (capacity M²/4R: engine/fleet.ts capacityFor) the high equilibrium ends: tolerance for rounding.
  if (overloaded && disc > EPS * m * m && m / 2 > capacity + EPS) return (m + Math.sqrt(disc)) / 2;
  return base;
}

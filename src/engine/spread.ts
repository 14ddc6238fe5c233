/**
 * A bad state spreading through a mesh, in closed form: the SI epidemic (logistic growth)
 *   dI/dt = β · I · (1 − I/N),   I(t) = N / (1 + (N/I₀ − 1) · e^(−β·t)),
 * where I counts nodes holding the bad state, N the fleet's nodes and β `mesh.spreadPerMinute`.
 * Whole nodes are affected (⌊I⌋), so the instant the healthy share falls below a threshold is
 * solved exactly from the curve: t = ln(I*(N − I₀) / (I₀(N − I*))) / β for I* affected nodes.
 */
import { EPS } from '../model/numbers.js';

/** Tolerance for ⌊I⌋ at a solved crossing instant (the curve lands on I* up to rounding). */
const ROUND = 1e-7;
/** A spread slower than this (about two years) is not part of an incident: it is never reached. */
const HORIZON_MIN = 1e6;

export function affectedCount(bad: number, notFailed: number): number {
  return Math.max(0, Math.min(notFailed, Math.floor(bad + ROUND)));
}

/** I after `dt` minutes from `bad` (no spread without a rate). */
export function spreadAfter(bad: number, beta: number | undefined, n: number, dt: number): number {
  if (beta === undefined || dt <= 0 || bad <= 0 || n <= 0) return bad;
  if (bad >= n) return n;
  return n / (1 + (n / bad - 1) * Math.exp(-beta * dt));
}

/** Minutes from I₀ = `bad` until I = `target` (< n), Infinity when it is never reached. */
export function minutesUntil(bad: number, beta: number, n: number, target: number): number {
  if (target <= bad) return 0;
  if (target >= n || bad <= 0 || beta <= 0) return Infinity;
  return Math.log((target * (n - bad)) / (bad * (n - target))) / beta;
}

/**
 * The next instant after `t` at which the healthy share (n − failed − ⌊I⌋)/n falls below one of
 * `thresholds` (ascending shares in (0, 1]): the highest threshold still met is the next one crossed.
 */
export function nextSpreadCrossing(t: number, bad: number, beta: number, n: number, failed: number, thresholds: readonly number[]): number {
  const now = affectedCount(bad, n - failed);
  for (let i = thresholds.length - 1; i >= 0; i--) {
    const theta = thresholds[i]!;
    if ((n - failed - now) / n < theta - EPS) continue;
    // Smallest whole count a with (n − failed − a)/n < θ.
    const target = Math.floor(n - failed - theta * n + 1e-6) + 1;
    if (target > n - failed) continue;
    if (target <= now) continue;
    const dt = minutesUntil(bad, beta, n, target);
    return dt <= HORIZON_MIN ? t + dt : Infinity;
  }
  return Infinity;
}

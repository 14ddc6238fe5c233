/**
 * How long a rolling restart of a whole fleet takes — one formula for the replay and the audit:
 * the first node is back at the restart's instant, each next one 60/perHour minutes later, so
 * N nodes take (N − 1)/perHour hours (the replay brings node k back at start + (k − 1)·60/perHour).
 */
export function fullRestartHours(nodes: number, perHour: number): number {
  return Math.max(0, nodes - 1) / perHour;
}

import type { Replay } from '../engine/types.js';

/**
 * The chain behind one transition, as timeline indexes: the walk the engine's `explain` does along
 * `cause.parent`, started from a given transition rather than from "a service at a time", since
 * one service can change state twice in the same minute.
 */
export function causeChain(r: Replay, index: number): number[] {
  const chain: number[] = [];
  const seen = new Set<number>();
  for (let i: number | undefined = index; i !== undefined && i >= 0 && !seen.has(i); i = r.timeline[i]?.cause.parent) {
    seen.add(i);
    chain.push(i);
  }
  return chain;
}

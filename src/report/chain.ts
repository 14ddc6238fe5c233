import { chainHead, type ChainHead, type Replay } from '../engine/index.js';

/**
 * The chain behind one transition, as timeline indexes: the walk the engine's `explain` does along
 * `cause.parent`, started from a given transition rather than from "a service at a time", since
 * one service can change state twice in the same minute. Only its first links are kept, with its
 * length and root: chains share their tails, so keeping every chain whole would make a report on
 * a 5,000-service dependency chain quadratic (the rest is read along `parent`).
 */
export function causeChain(r: Replay, index: number): ChainHead {
  return chainHead(r, index);
}

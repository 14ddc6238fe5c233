/**
 * The engine's public API. The CLI, the TUI and the reports import only from here:
 * `replay` runs a scenario, the query functions read a Replay, `fidelity` scores it against the
 * observed timeline, `whatIfs` ranks remediations, `toReplayJson` is the JSON of docs/outputs.md#replay.
 */
export type {
  AsyncLoss, Cause, CauseKind, Deadlock, Fidelity, FleetSample, ObservationMatch, Replay, Transition, WhatIfOutcome, WhatIfResult,
} from './types.js';
export { replay } from './simulate.js';
export { CHAIN_LINKS, chainHead, eventTimes, explain, fleetAt, stateAt, statesAt, transitionAt, type ChainHead } from './query.js';
export { fidelity, fidelityFails } from './fidelity.js';
export { targetPeers } from './fleet-size.js';
export { whatIfs } from './whatif.js';
export { replayChecks, type ReplayCheck, type Remedy } from './remediate-replay.js';
export { toReplayJson, type ReplayJson } from './json.js';
export { ADHOC_ID, adhocScenario, withScenario } from './adhoc.js';

/**
 * The report's data: everything every format shows, computed once from the engine's and the audit's
 * results (report/data.ts), so each format is a pure `(data) → string` function. The JSON report is
 * this object as is; change it additively and bump FORMAT_VERSION on anything else.
 */
import type { Audit, BlastRadius, Finding, RuntimeCycle, SinglePointsOfFailure, ToolingCycle } from '../analysis/types.js';
import type { Priority } from '../analysis/priorities.js';
import type { CauseKind, Fidelity, Replay, WhatIfOutcome } from '../engine/types.js';
import type { ChainHead } from '../engine/query.js';
import type { Model, Role, ScenarioAction, State, Tier } from '../model/types.js';

export const FORMAT_VERSION = 2;

/** What report/inputs.ts gathers from the engine and the audit: their results, untouched. */
export interface ReportInputs {
  readonly model: Model;
  /** The graph file as the user named it (shown in the report and in finding locations). */
  readonly file: string;
  readonly audit?: Audit;
  /** The audit's fix-first problems (with the audit). */
  readonly priorities?: readonly Priority[];
  readonly run?: ScenarioRun;
}

export interface ScenarioRun {
  readonly replay: Replay;
  readonly fidelity: Fidelity;
  /** For each timeline index, the first links of the engine's cause chain (the transition first), its length and root. */
  readonly chains: readonly ChainHead[];
  readonly baseline?: { readonly serviceMinutesLost: number; readonly allOkMin?: number };
  readonly whatIfs: readonly WhatIfOutcome[];
}

export interface ServiceView {
  readonly id: string;
  readonly title: string;
  readonly role: Role;
  readonly tier: Tier;
  readonly team?: string;
  /** The service's `x-system` value: the larger system it belongs to (reports can group by it). */
  readonly system?: string;
  readonly description?: string;
  readonly entrypoint: boolean;
  /** Incident tooling (a tooling role or `supports`). */
  readonly tooling: boolean;
  readonly fleetNodes?: number;
  /** Worst state during the replay ('ok' without a scenario). */
  readonly worst: State;
  readonly final: State;
  /** Indexes into `timeline` of this service's own transitions, in time order. */
  readonly transitions: readonly number[];
}

export interface EdgeView {
  readonly from: string;
  readonly to: string;
  readonly type: 'hard' | 'soft' | 'buffered' | 'async';
  /** Set when the edge is one alternative of an `anyOf` dependency: the alternatives' count. */
  readonly anyOf?: number;
  readonly for?: string;
  /** The edge lies on an incident-tooling cycle path found by the audit. */
  readonly toolingCycle: boolean;
  /** In a grouped diagram: how many service edges this group edge stands for. */
  readonly count?: number;
}

export interface CauseView {
  readonly kind: CauseKind;
  readonly text: string;
  readonly via?: string;
}

export interface TimelineRow {
  readonly atMin: number;
  /** ISO 8601 in the scenario start's offset. */
  readonly at: string;
  /** `05:15`, `+1d 02:00`: the notation the graph file uses. */
  readonly clock: string;
  readonly service: string;
  readonly from: State;
  readonly state: State;
  readonly cause: CauseView;
  /**
   * Indexes into `timeline`: this transition's cause chain back to the root, starting with itself —
   * at most its first CHAIN_LINKS links; a longer chain also has `chainLength` and `root`, and goes
   * on along `parent`.
   */
  readonly chain: readonly number[];
  /** Index into `timeline` of the transition this one's cause rests on (the chain's next link). */
  readonly parent?: number;
  /** The whole chain's length, when `chain` shows only its first links. */
  readonly chainLength?: number;
  /** Index into `timeline` of the chain's root, when `chain` shows only its first links. */
  readonly root?: number;
  /** Index into `observations` of the observation this transition was matched to. */
  readonly observation?: number;
}

/** A scenario event: what happened to the system or what operators did (milestones included). */
export interface EventRow {
  readonly atMin: number;
  readonly at: string;
  readonly clock: string;
  readonly kind: ScenarioAction['kind'];
  /** The service the event acts on (every kind but patch and milestone). */
  readonly service?: string;
  /** In words, e.g. `scale api by +400 nodes over 1h3m`. */
  readonly text: string;
}

export interface ObservationRow {
  readonly atMin: number;
  readonly at: string;
  readonly clock: string;
  readonly service: string;
  readonly state: State;
  readonly note?: string;
  /** The assumed (x-assumed) numbers the prediction rests on, computed by moving each (engine). */
  readonly restsOn?: readonly string[];
  readonly predictedMin?: number;
  readonly predictedClock?: string;
  /** Predicted minus observed, minutes (negative = the replay is early). */
  readonly errorMin?: number;
  /** Caused directly by a scenario event at that instant: not scored. */
  readonly input: boolean;
  /** Matched, and in the same order relative to every other matched observation. */
  readonly inOrder?: boolean;
  /** A milestone observation (detection, first status-page post): `service` is its label. */
  readonly milestone?: 'detected' | 'communicated';
}

export interface Summary {
  readonly rootCause?: { readonly service: string; readonly clock: string; readonly text: string };
  readonly firstImpact?: { readonly service: string; readonly state: State; readonly clock: string; readonly atMin: number };
  /** Minutes from the first impact until every service is ok and stays so; null = not within the replay. */
  readonly timeToAllOkMin: number | null;
  readonly allOkClock: string | null;
  /** Services that were not ok at some point, by id. */
  readonly servicesHit: readonly string[];
  readonly servicesDown: readonly string[];
  readonly findings: { readonly error: number; readonly warn: number; readonly info: number };
}

export interface WhatIfRow {
  readonly rank: number;
  readonly id: string;
  readonly title: string;
  readonly prevented: boolean;
  readonly affected: readonly string[];
  /** Minutes after the scenario start when every service is ok again and stays so; null = never. */
  readonly allOkMin: number | null;
  readonly allOkClock: string | null;
  /** Tier-weighted minutes not ok. */
  readonly serviceMinutesLost: number;
  readonly toolingUsable: boolean;
  /** Predicted detection and first status-page post (clock), null = never. */
  readonly detectedClock: string | null;
  readonly toldClock: string | null;
}

/** A predicted incident milestone (detection, first status-page post), with its observation if the scenario has one. */
export interface MilestoneView {
  readonly milestone: 'detected' | 'communicated';
  readonly predictedMin: number | null;
  readonly predictedClock: string | null;
  readonly observedClock?: string;
  /** Predicted minus observed, minutes. */
  readonly errorMin?: number;
}

export interface ReportData {
  readonly formatVersion: number;
  /** Set by `--focus`: the report shows only this neighbourhood (the analyses ran on the whole graph). */
  readonly focus?: { readonly service: string; readonly depth: number; readonly services: number; readonly of: number };
  /** Set by `--group` on the diagrams (Mermaid, DOT): each service stands for a team or system. */
  readonly grouped?: { readonly by: 'team' | 'system'; readonly services: number };
  readonly graph: { readonly name: string; readonly title: string; readonly file: string; readonly sources: readonly string[] };
  readonly scenario: { readonly id: string; readonly title: string; readonly start: string; readonly endMin: number; readonly endClock: string } | null;
  readonly summary: Summary;
  /** In file order. */
  readonly services: readonly ServiceView[];
  /** Sorted by from, then to. */
  readonly edges: readonly EdgeView[];
  /** Fix-first problems, best first; `findings` index into the list below. */
  readonly priorities: readonly Priority[];
  readonly findings: readonly Finding[];
  /** Every entrypoint with every service whose single failure takes it down. */
  readonly spof: readonly SinglePointsOfFailure[];
  readonly timeline: readonly TimelineRow[];
  /** The scenario's events in time order (empty without a scenario). */
  readonly events: readonly EventRow[];
  readonly observations: readonly ObservationRow[];
  /** Detection and first status-page post of the replay (empty without a scenario). */
  readonly milestones: readonly MilestoneView[];
  readonly fidelity: {
    readonly matched: number; readonly total: number; readonly inputs: number;
    readonly maxErrorMinutes: number; readonly meanErrorMinutes: number; readonly orderAgrees: boolean;
    readonly unmatched: number;
  } | null;
  /** Services that went down, each with the chain at its first `down`. */
  readonly causeChains: readonly { readonly service: string; readonly transition: number }[];
  /** `number`: the deadlock's number in the replay (cause texts of long cycles refer to it). */
  readonly deadlocks: readonly { readonly number: number; readonly clock: string; readonly cycle: readonly string[] }[];
  readonly blastRadius: readonly BlastRadius[];
  readonly cycles: readonly RuntimeCycle[];
  readonly toolingCycles: readonly ToolingCycle[];
  /** The baseline (no what-if), then the ranking. */
  readonly baseline: {
    readonly serviceMinutesLost: number; readonly allOkMin: number | null; readonly allOkClock: string | null;
    readonly detectedClock: string | null; readonly toldClock: string | null;
  } | null;
  readonly whatIfs: readonly WhatIfRow[];
}

/**
 * The only place the TUI touches the engine and the audit. Everything else in tui/ reads the
 * `ExploreData` below: results computed by those stages, never recomputed here.
 */
import type { Audit } from '../analysis/types.js';
import { eventTimes, explain, fidelity, fleetAt, replay as runReplay, stateAt, statesAt, targetPeers, whatIfs, type Fidelity, type Replay, type WhatIfOutcome, type WhatIfResult } from '../engine/index.js';
import type { Model, Scenario, Service, State } from '../model/types.js';
import { patchModel } from '../model/check.js';
import { adjacency, audit, neighbourhood, priorities, type Adjacency, type Neighbourhood, type Priority } from '../analysis/index.js';

/** One link of a cause chain: this service entered this state at this time, because of `text`. */
export interface Link {
  readonly atMin: number;
  readonly service: string;
  readonly state: State;
  readonly kind: string;
  readonly text: string;
}

/**
 * The two costly parts of a view. Each is computed on first use; on big graphs the UI asks for them
 * one per turn of the event loop after its first frame (`computeNext`), and checks `has` before it
 * reads anything that needs one, showing "computing…" in its place meanwhile.
 */
export type Part = 'replay' | 'audit';

/** A replay (baseline or under one what-if) with the queries the panes need. */
export interface ReplayView {
  readonly model: Model;
  /** Whether `part` is computed (reading what needs it computes it on the spot otherwise). */
  has(part: Part): boolean;
  /** Computes the next missing part (replay first: the list's states need it); undefined when none is left. */
  computeNext(): Part | undefined;
  /** The audit part: */
  readonly audit: Audit;
  /** The audit's fix-first problems, best first. */
  readonly priorities: readonly Priority[];
  /** The replay part (without a scenario: one instant, 0, everyone ok): */
  /** Sorted instants worth stepping to: scenario events and state transitions. */
  readonly eventTimes: readonly number[];
  readonly endMin: number;
  readonly replay?: Replay;
  readonly fidelity?: Fidelity;
  statesAt(atMin: number): ReadonlyMap<string, State>;
  /** The cause chain of the service's state at that time, newest first; empty when ok. */
  explain(service: string, atMin: number): readonly Link[];
  /** Healthy-node fraction of a fleet service at that time (undefined: not a fleet or unknown). */
  capacityAt(service: string, atMin: number): number | undefined;
  /**
   * A fleet's node count and connected peers per node at that time as the replay has them
   * (`live`), or at its configured size when there is no replay; undefined: not a fleet.
   */
  fleetAt(service: string, atMin: number): { nodes: number; peers: number; live: boolean } | undefined;
  /** The sorted instants at which this service's state changed in the replay. */
  changesOf(service: string): readonly number[];
}

export interface ExploreData {
  readonly model: Model;
  readonly scenario?: Scenario;
  /** Ranked outcomes of the scenario's what-ifs (empty without a scenario). */
  readonly whatIfs: readonly WhatIfOutcome[];
  /** The unpatched replay's figures, to compare the what-ifs with. */
  readonly whatIfBaseline?: WhatIfOutcome;
  /** Services that depend on each id (reverse edges), for the dependents tree. */
  readonly dependents: ReadonlyMap<string, readonly Service[]>;
  /** The baseline view, or the view under one what-if (cached). */
  view(whatIf?: string): ReplayView;
  /** `--focus`: the service list starts on this neighbourhood (analyses still see the whole graph). */
  readonly focus?: Neighbourhood;
  /** The neighbourhood of a service (`f`), undefined for an unknown id. */
  near(id: string, depth: number): Neighbourhood | undefined;
}

export function exploreData(model: Model, scenarioId?: string, focus?: Neighbourhood): ExploreData {
  const scenario = scenarioId === undefined ? model.scenarios[0] : model.scenarios.find((s) => s.id === scenarioId);
  const cache = new Map<string, ReplayView>();
  const view = (whatIf?: string): ReplayView => {
    const key = whatIf ?? '';
    let v = cache.get(key);
    if (!v) {
      v = makeView(whatIf === undefined ? model : patched(model, scenario, whatIf), scenario?.id);
      cache.set(key, v);
    }
    return v;
  };
  let ranked: WhatIfResult | undefined;
  // Computed on first use: each what-if is a full replay.
  // The baseline view's replay is the what-ifs' baseline: not replayed twice.
  const rank = () => (ranked ??= scenario && scenario.whatIfs.length > 0 ? whatIfs(model, scenario.id, undefined, view().replay) : undefined);
  let adj: Adjacency | undefined;
  let dependents: ReadonlyMap<string, readonly Service[]> | undefined;
  return {
    model,
    ...(scenario ? { scenario } : {}),
    near: (id, depth) => neighbourhood(model, id, depth, (adj ??= adjacency(model))),
    get whatIfs() { return rank()?.outcomes ?? []; },
    get whatIfBaseline() { return rank()?.baseline; },
    // On first use: only the dependents tab reads it, and the first frame should not wait for it.
    get dependents() { return (dependents ??= dependentsOf(model)); },
    view,
    ...(focus ? { focus } : {}),
  };
}

function patched(model: Model, scenario: Scenario | undefined, whatIf: string): Model {
  const w = scenario?.whatIfs.find((x) => x.id === whatIf);
  if (!w) return model;
  return patchModel(model, w.patch, w.loc).value ?? model;
}

interface ReplayPart {
  readonly replay?: Replay;
  readonly fidelity?: Fidelity;
  readonly eventTimes: readonly number[];
  readonly endMin: number;
}

function makeView(model: Model, scenarioId: string | undefined): ReplayView {
  let auditPart: { audit: Audit; priorities: readonly Priority[] } | undefined;
  let replayPart: ReplayPart | undefined;
  let changes: Map<string, number[]> | undefined;
  const getAudit = () => (auditPart ??= auditOf(model));
  const getReplay = () => (replayPart ??= replayOf(model, scenarioId));
  const everyoneOk: ReadonlyMap<string, State> = new Map(model.services.map((x) => [x.id, 'ok']));
  const states = new Map<number, ReadonlyMap<string, State>>();
  return {
    model,
    has: (part) => (part === 'audit' ? auditPart !== undefined : replayPart !== undefined),
    computeNext() {
      if (!replayPart) { getReplay(); return 'replay'; }
      if (!auditPart) { getAudit(); return 'audit'; }
      return undefined;
    },
    get audit() { return getAudit().audit; },
    get priorities() { return getAudit().priorities; },
    get replay() { return getReplay().replay; },
    get fidelity() { return getReplay().fidelity; },
    get eventTimes() { return getReplay().eventTimes; },
    get endMin() { return getReplay().endMin; },
    statesAt(atMin) {
      const replay = getReplay().replay;
      if (!replay) return everyoneOk;
      let s = states.get(atMin);
      if (!s) {
        s = statesAt(replay, atMin);
        if (states.size > 64) states.clear();
        states.set(atMin, s);
      }
      return s;
    },
    explain(service, atMin) {
      const replay = getReplay().replay;
      return replay ? explain(replay, service, atMin).map((t) => ({ atMin: t.atMin, service: t.service, state: t.state, kind: t.cause.kind, text: t.cause.text })) : [];
    },
    capacityAt(service, atMin) {
      const replay = getReplay().replay;
      if (!replay || !model.byId.get(service)?.fleet) return undefined;
      return stateAt(replay, service, atMin).since?.capacity;
    },
    fleetAt(service, atMin) {
      const f = model.byId.get(service)?.fleet;
      if (!f) return undefined;
      const replay = getReplay().replay;
      const live = replay ? fleetAt(replay, service, atMin) : undefined;
      return live ? { ...live, live: true } : { nodes: f.nodes, peers: targetPeers(f, f.nodes), live: false };
    },
    changesOf(service) {
      changes ??= changesByService(getReplay().replay);
      return changes.get(service) ?? [];
    },
  };
}

function auditOf(model: Model): { audit: Audit; priorities: readonly Priority[] } {
  const a = audit(model);
  return { audit: a, priorities: priorities(a, model) };
}

function replayOf(model: Model, scenarioId: string | undefined): ReplayPart {
  const replay = scenarioId === undefined ? undefined : runReplay(model, scenarioId);
  // The explorer does not show what predictions rest on: skip its replays.
  return replay ? { replay, fidelity: fidelity(replay, { restsOn: false }), eventTimes: steps(replay), endMin: replay.endMin } : { eventTimes: [0], endMin: 0 };
}

/** Each service's transition instants, in time order (the timeline is sorted by time). */
function changesByService(replay: Replay | undefined): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const t of replay?.timeline ?? []) {
    const list = out.get(t.service);
    if (!list) out.set(t.service, [t.atMin]);
    else if (list[list.length - 1] !== t.atMin) list.push(t.atMin);
  }
  return out;
}

/** Scenario events and every instant a state changed: where ←/→ stop. */
function steps(replay: Replay): number[] {
  return [...new Set([0, ...eventTimes(replay), ...replay.timeline.map((t) => t.atMin), replay.endMin])].sort((a, b) => a - b);
}

function dependentsOf(model: Model): ReadonlyMap<string, readonly Service[]> {
  const out = new Map<string, Service[]>();
  for (const s of model.services) {
    for (const d of s.dependsOn) {
      for (const t of d.targets) {
        const list = out.get(t) ?? [];
        if (list[list.length - 1] !== s) list.push(s);
        out.set(t, list);
      }
    }
  }
  return out;
}

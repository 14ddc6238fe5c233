/**
 * The only place the TUI touches the engine and the audit. Everything else in tui/ reads the
 * `ExploreData` below: results computed by those stages, never recomputed here.
 */
import type { Neighbourhood } from '../analysis/neighbourhood.js';
import type { Audit } from '../analysis/types.js';
import { eventTimes, explain, fidelity, fleetAt, replay as runReplay, stateAt, statesAt, targetPeers, whatIfs, type Fidelity, type Replay, type WhatIfOutcome, type WhatIfResult } from '../engine/index.js';
import type { Model, Scenario, Service, State } from '../model/types.js';
import { patchModel } from '../model/check.js';
import { audit, priorities, type Priority } from '../analysis/index.js';

/** One link of a cause chain: this service entered this state at this time, because of `text`. */
export interface Link {
  readonly atMin: number;
  readonly service: string;
  readonly state: State;
  readonly kind: string;
  readonly text: string;
}

/** A replay (baseline or under one what-if) with the queries the panes need. */
export interface ReplayView {
  readonly model: Model;
  readonly audit: Audit;
  /** The audit's fix-first problems, best first. */
  readonly priorities: readonly Priority[];
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
  /** `--focus`: the service list shows only this neighbourhood (analyses still see the whole graph). */
  readonly focus?: Neighbourhood;
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
  return {
    model,
    ...(scenario ? { scenario } : {}),
    get whatIfs() { return rank()?.outcomes ?? []; },
    get whatIfBaseline() { return rank()?.baseline; },
    dependents: dependentsOf(model),
    view,
    ...(focus ? { focus } : {}),
  };
}

function patched(model: Model, scenario: Scenario | undefined, whatIf: string): Model {
  const w = scenario?.whatIfs.find((x) => x.id === whatIf);
  if (!w) return model;
  return patchModel(model, w.patch, w.loc).value ?? model;
}

function makeView(model: Model, scenarioId: string | undefined): ReplayView {
  const auditResult = audit(model);
  const replay = scenarioId === undefined ? undefined : runReplay(model, scenarioId);
  const everyoneOk: ReadonlyMap<string, State> = new Map(model.services.map((x) => [x.id, 'ok']));
  const states = new Map<number, ReadonlyMap<string, State>>();
  return {
    model,
    audit: auditResult,
    priorities: priorities(auditResult, model),
    // The explorer does not show what predictions rest on: skip its replays.
    ...(replay ? { replay, fidelity: fidelity(replay, { restsOn: false }) } : {}),
    eventTimes: replay ? steps(replay) : [0],
    endMin: replay?.endMin ?? 0,
    statesAt(atMin) {
      if (!replay) return everyoneOk;
      let s = states.get(atMin);
      if (!s) {
        s = statesAt(replay, atMin);
        if (states.size > 64) states.clear();
        states.set(atMin, s);
      }
      return s;
    },
    explain: (service, atMin) => (replay ? explain(replay, service, atMin).map((t) => ({
      atMin: t.atMin, service: t.service, state: t.state, kind: t.cause.kind, text: t.cause.text,
    })) : []),
    capacityAt(service, atMin) {
      if (!replay || !model.byId.get(service)?.fleet) return undefined;
      return stateAt(replay, service, atMin).since?.capacity;
    },
    fleetAt(service, atMin) {
      const f = model.byId.get(service)?.fleet;
      if (!f) return undefined;
      const live = replay ? fleetAt(replay, service, atMin) : undefined;
      return live ? { ...live, live: true } : { nodes: f.nodes, peers: targetPeers(f, f.nodes), live: false };
    },
  };
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

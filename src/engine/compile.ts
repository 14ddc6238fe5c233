/**
 * The Model compiled for the replay loop: services as integer slots, each dependency group with its
 * target slots and per-target `needs`, the reverse adjacency (who reads whom), and for each fleet
 * the capacity thresholds at which a state can change. Slots outlive patches: a service keeps its
 * slot (and its state) when a mid-replay `patch` rebuilds the graph.
 */
import type { Dependency, EdgeType, Model, Service } from '../model/types.js';
import type { Level } from './levels.js';
import { cmp } from '../model/order.js';

export interface Group {
  readonly dep: Dependency;
  readonly type: EdgeType;
  readonly targets: readonly number[];
  /** Per target: the capacity share this edge needs (fleet targets of hard edges), else NaN. */
  readonly needs: readonly number[];
  readonly fillsAfterMin: number;
  readonly whenFull: Level;
}

export interface Graph {
  readonly model: Model;
  /** Slot → service, undefined for slots of services a patch removed. */
  readonly services: readonly (Service | undefined)[];
  /** Live slots in service-id order. */
  readonly live: readonly number[];
  readonly groups: readonly (readonly Group[])[];
  /** Slot → slots that read it, each once, in slot order. */
  readonly dependents: readonly (readonly number[])[];
  /** Fleet slot → capacity thresholds that matter (serving, every edge's needs, 1), ascending. */
  readonly thresholds: ReadonlyMap<number, readonly number[]>;
  /**
   * Fleet slot → services whose `needs` reads its share through services without fleets (hard
   * edges): they are re-evaluated when the fleet's share changes.
   */
  readonly shareReaders: ReadonlyMap<number, readonly number[]>;
}

/** Maps ids to stable slots; new ids get the next slot. */
export class Slots {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();

  slot(id: string): number {
    let s = this.index.get(id);
    if (s === undefined) {
      s = this.ids.length;
      this.index.set(id, s);
      this.ids.push(id);
    }
    return s;
  }

  find(id: string): number | undefined {
    return this.index.get(id);
  }
}

export function compile(model: Model, slots: Slots): Graph {
  for (const s of model.services) slots.slot(s.id);
  const size = slots.ids.length;
  const services: (Service | undefined)[] = new Array(size).fill(undefined);
  for (const s of model.services) services[slots.slot(s.id)] = s;
  const groups: Group[][] = Array.from({ length: size }, () => []);
  const dependentSets: Set<number>[] = Array.from({ length: size }, () => new Set());
  const thresholds = new Map<number, Set<number>>();
  const readers = new Map<number, Set<number>>();
  for (const s of model.services) {
    if (s.fleet) thresholds.set(slots.slot(s.id), new Set([s.fleet.serving, 1]));
  }
  for (const s of model.services) {
    const me = slots.slot(s.id);
    for (const dep of s.dependsOn) {
      const targets = dep.targets.map((t) => slots.slot(t));
      const needs = dep.targets.map((t) => {
        if (dep.type !== 'hard') return NaN;
        const fleet = model.byId.get(t)?.fleet;
        // Without a fleet, an explicit `needs` reads the share that flows through it (World.shareOf).
        return fleet ? dep.needs ?? fleet.serving : dep.needs ?? NaN;
      });
      targets.forEach((t, i) => {
        dependentSets[t]!.add(me);
        const need = needs[i]!;
        if (Number.isNaN(need)) return;
        const at = Math.min(1, Math.max(0, need));
        if (model.byId.get(dep.targets[i]!)?.fleet) { thresholds.get(t)?.add(at); return; }
        for (const f of fleetsBehind(model, dep.targets[i]!)) {
          const fs = slots.slot(f);
          thresholds.get(fs)?.add(at);
          let list = readers.get(fs);
          if (!list) readers.set(fs, (list = new Set()));
          list.add(me);
        }
      });
      groups[me]!.push({
        dep, type: dep.type, targets, needs,
        fillsAfterMin: dep.buffer?.fillsAfterMin ?? 0,
        whenFull: dep.buffer?.whenFull === 'down' ? 2 : 1,
      });
    }
  }
  const live = model.services.map((s) => slots.slot(s.id)).sort((a, b) => cmp(slots.ids[a]!, slots.ids[b]!));
  return {
    model, services, live, groups,
    dependents: dependentSets.map((set) => [...set].sort((a, b) => a - b)),
    thresholds: new Map([...thresholds].map(([k, v]) => [k, [...v].filter((x) => x > 0).sort((a, b) => a - b)])),
    shareReaders: new Map([...readers].map(([k, v]) => [k, [...v].sort((a, b) => a - b)])),
  };
}

/** The fleets whose share reaches `id` through hard edges and services without fleets (id order). */
export function fleetsBehind(model: Model, id: string): string[] {
  const out = new Set<string>();
  const seen = new Set<string>([id]);
  const stack = [id];
  while (stack.length > 0) {
    const s = model.byId.get(stack.pop()!);
    for (const d of s?.dependsOn ?? []) {
      if (d.type !== 'hard') continue;
      for (const t of d.targets) {
        if (seen.has(t)) continue;
        seen.add(t);
        if (model.byId.get(t)?.fleet) out.add(t); else stack.push(t);
      }
    }
  }
  return [...out].sort(cmp);
}


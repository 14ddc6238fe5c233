/**
 * Mesh hazards, the structures behind a fault that reaches every node of a fleet at once:
 * - request path on a full mesh: entrypoints that wait (hard edges) on a fleet whose nodes all talk
 *   to each other (`peers: all`, no cells smaller than the fleet) — one fault in its mesh reaches all;
 * - unchecked state spread: a mesh where a bad state spreads (`spreadPerMinute`) and state messages
 *   carry no checksum; the time one corrupted node takes the fleet below `serving` comes from the
 *   logistic curve the engine replays (engine/spread.ts): t = ln(I*(N − 1) / (N − I*)) / β;
 * - rebuild time ∝ fleet size: a fleet exposed to a fleet-wide failure (it is such a mesh, or waits
 *   on one) that is restored one node at a time takes (nodes − 1) / perHour, linear in its size.
 */
import type { Fleet, Model, Service } from '../model/types.js';
import { fullRestartHours } from '../model/restart.js';
import { KIND, type Index } from './graph.js';
import type { MeshPathHazard, RebuildHazard, SpreadHazard } from './types.js';

export interface MeshHazards {
  readonly requestPath: readonly MeshPathHazard[];
  readonly unchecked: readonly SpreadHazard[];
  readonly rebuild: readonly RebuildHazard[];
}

/** Every node meshes with every other: one fault in the mesh can reach the whole fleet. */
export function fullMesh(f: Fleet | undefined): boolean {
  return f?.mesh !== undefined && f.mesh.peers === 'all' && (f.cells === undefined || f.cells >= f.nodes);
}

export function meshHazards(model: Model, ix: Index): MeshHazards {
  const meshes = model.services.filter((s) => fullMesh(s.fleet));
  return {
    requestPath: meshes.flatMap((s) => requestPath(model, ix, s)),
    unchecked: model.services.flatMap((s) => unchecked(s)),
    rebuild: rebuild(model, ix, new Set(meshes.map((s) => s.id))),
  };
}

/** Entrypoints whose single-target hard edges reach `mesh`, with a shortest path from the nearest. */
function requestPath(model: Model, ix: Index, mesh: Service): MeshPathHazard[] {
  const start = ix.pos.get(mesh.id)!;
  const next = new Int32Array(ix.n).fill(-2);
  next[start] = -1;
  const queue = [start];
  const entrypoints: number[] = [];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    if (ix.entry[v] === 1) entrypoints.push(v);
    for (let r = ix.revStart[v]!; r < ix.revStart[v + 1]!; r++) {
      const c = ix.revClauses[r]!;
      if (ix.clauseKind[c] !== KIND.hard || ix.targetStart[c + 1]! - ix.targetStart[c]! !== 1) continue;
      const owner = ix.clauseOwner[c]!;
      if (next[owner] !== -2) continue;
      next[owner] = v;
      queue.push(owner);
    }
  }
  if (entrypoints.length === 0) return [];
  // The path from the nearest entrypoint other than the mesh itself (BFS order: nearest first).
  const path: string[] = [];
  for (let v = entrypoints.find((e) => e !== start) ?? start; v >= 0; v = next[v]!) path.push(ix.ids[v]!);
  const ids = entrypoints.map((v) => ix.ids[v]!).sort();
  return [{ service: mesh.id, nodes: mesh.fleet!.nodes, entrypoints: ids, path, loc: mesh.fleet!.loc }];
}

function unchecked(s: Service): SpreadHazard[] {
  const f = s.fleet;
  const beta = f?.mesh?.spreadPerMinute;
  if (!f || beta === undefined || f.mesh?.checksums === true) return [];
  // Smallest whole number of affected nodes that leaves fewer than `serving` healthy.
  const target = Math.floor(f.nodes - f.serving * f.nodes + 1e-6) + 1;
  const minutes = target >= f.nodes ? undefined : Math.log((target * (f.nodes - 1)) / (f.nodes - target)) / beta;
  return [{
    service: s.id, nodes: f.nodes, spreadPerMinute: beta, serving: f.serving,
    ...(minutes !== undefined ? { minutesToDown: Math.round(minutes * 10) / 10 } : {}), loc: f.loc,
  }];
}

/** Fleets restored one node at a time that a full mesh — their own or one they wait on — can take down whole. */
function rebuild(model: Model, ix: Index, meshes: ReadonlySet<string>): RebuildHazard[] {
  const out: RebuildHazard[] = [];
  for (const s of model.services) {
    const f = s.fleet;
    if (!f?.restartPerHour) continue;
    let via: string | undefined;
    if (!meshes.has(s.id)) {
      const v = ix.pos.get(s.id)!;
      for (let c = ix.clauseStart[v]!; c < ix.clauseStart[v + 1]! && via === undefined; c++) {
        if (ix.clauseKind[c] !== KIND.hard || ix.targetStart[c + 1]! - ix.targetStart[c]! !== 1) continue;
        const t = ix.ids[ix.targets[ix.targetStart[c]!]!]!;
        if (meshes.has(t)) via = t;
      }
      if (via === undefined) continue;
    }
    out.push({
      service: s.id, nodes: f.nodes, perHour: f.restartPerHour,
      hours: Math.round(fullRestartHours(f.nodes, f.restartPerHour) * 100) / 100, ...(via !== undefined ? { via } : {}), loc: f.loc,
    });
  }
  return out;
}

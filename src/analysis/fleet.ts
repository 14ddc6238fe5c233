/**
 * Scaling hazards: with a mesh, each node holds a connection (and pays `perPeer` of a resource) to
 * every other node — or to the other nodes of its cell, or to k peers — so per-node usage grows
 * with fleet size until a limit. peers(N) = min(N, cells ?? N) − 1, or min(k, N − 1); usage =
 * base + perPeer · peers ≤ limit; a fleet whose usage is over a limit at its own size (base alone, or
 * no mesh) is reported too. Restart hazards: a full-fleet restart takes (nodes − 1) / perHour.
 * Scale events are replayed per scenario in order (`to` sets, `by` adds); patches are ignored.
 */
import type { Model, Resource, Fleet } from '../model/types.js';
import type { RestartHazard, ScalingHazard } from './types.js';
import { fullRestartHours } from '../model/restart.js';

function peerCap(fleet: Fleet): number {
  if (!fleet.mesh) return 0;
  if (typeof fleet.mesh.peers === 'number') return fleet.mesh.peers;
  return fleet.cells !== undefined ? fleet.cells - 1 : Infinity;
}

/** Largest N with usage ≤ limit; Infinity when the peer cap keeps usage under it for any N. */
export function maxNodes(fleet: Fleet, r: Resource): number {
  const cap = peerCap(fleet);
  if (r.perPeer <= 0) return r.base <= r.limit ? Infinity : 0;
  const peers = Math.floor((r.limit - r.base) / r.perPeer);
  if (peers < 0) return 0;
  if (peers >= cap) return Infinity;
  return peers + 1;
}

export function scalingHazards(model: Model): ScalingHazard[] {
  const out: ScalingHazard[] = [];
  for (const s of model.services) {
    const f = s.fleet;
    if (!f) continue;
    for (const r of f.perNode) {
      const usage = r.base + r.perPeer * Math.min(Math.max(0, f.nodes - 1), peerCap(f));
      // Usage that grows with the fleet is a hazard; usage that does not only when it is over already.
      if (!(f.mesh && r.perPeer > 0) && usage <= r.limit) continue;
      const max = maxNodes(f, r);
      const bounded = Number.isFinite(max);
      let crossedBy: ScalingHazard['crossedBy'];
      if (bounded) {
        for (const sc of model.scenarios) {
          let n = f.nodes;
          for (const e of sc.events) {
            if (e.action.kind !== 'scale' || e.action.service !== s.id) continue;
            const before = n;
            n = e.action.to ?? n + (e.action.by ?? 0);
            if (before <= max && n > max && !crossedBy) {
              crossedBy = { scenario: sc.id, atMin: e.atMin, toNodes: n, fromNodes: before, overMin: e.action.overMin, loc: e.loc };
            }
          }
        }
      }
      out.push({
        service: s.id, resource: r.name, nodes: f.nodes, base: r.base, perPeer: r.perPeer, limit: r.limit,
        usage,
        ...(bounded ? { maxNodes: max, headroomNodes: max - f.nodes, headroomPercent: round2((100 * (max - f.nodes)) / f.nodes) } : {}),
        ...(crossedBy ? { crossedBy } : {}),
        loc: r.loc,
      });
    }
  }
  return out;
}

export function restartHazards(model: Model): RestartHazard[] {
  return model.services
    .filter((s) => s.fleet?.restartPerHour !== undefined && s.fleet.restartPerHour > 0)
    .map((s) => ({
      service: s.id, nodes: s.fleet!.nodes, perHour: s.fleet!.restartPerHour!,
      fullRestartHours: round2(fullRestartHours(s.fleet!.nodes, s.fleet!.restartPerHour!)), loc: s.fleet!.loc,
    }));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

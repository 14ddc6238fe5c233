/**
 * A fleet's size over time in closed form: its node count during and after a scale, and the peers
 * each node is connected to as the mesh connects at `connectPerMinute`. The simulation (fleet.ts)
 * advances by these; `fleetAt` reads on from a recorded sample with the same formulas.
 */
import type { Fleet } from '../model/types.js';
import type { FleetSample, Scale } from './types.js';
import { EPS } from '../model/numbers.js';

/** Peers each node connects to in a fleet of `n` nodes: N−1, the cell size −1, or k. */
export function targetPeers(spec: Fleet, n: number): number {
  const mesh = spec.mesh;
  if (!mesh) return 0;
  const group = spec.cells !== undefined ? Math.min(spec.cells, n) : n;
  const all = Math.max(0, group - 1);
  return mesh.peers === 'all' ? all : Math.min(mesh.peers, all);
}

/** Nodes at `t`: linear during a scale in progress, else `n`. */
export function nodesOn(scale: Scale | undefined, n: number, t: number): number {
  if (!scale) return n;
  if (t >= scale.t1 || scale.t1 <= scale.t0) return scale.to;
  return scale.from + ((scale.to - scale.from) * (t - scale.t0)) / (scale.t1 - scale.t0);
}

/** Nodes and connected peers per node at `t` ≥ the sample's time, as `advance` would compute them. */
export function sampleAt(sample: FleetSample, t: number): { nodes: number; peers: number } {
  const nodes = nodesOn(sample.scale, sample.nodes, t);
  const rate = sample.spec.mesh?.connectPerMinute ?? Infinity;
  const grown = rate === Infinity ? Infinity : sample.peers + rate * Math.max(0, t - sample.atMin);
  return { nodes, peers: Math.floor(Math.min(grown, targetPeers(sample.spec, nodes)) + EPS) };
}

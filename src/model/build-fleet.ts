/** A service's fleet (nodes, mesh, per-node resources, restart rate) and its demand curve. */
import { asArray, entries, type BuildContext, type Obj } from './build-context.js';
import type { JsonPath } from './locate.js';
import type { Demand, Fleet, Resource } from './types.js';

export function buildFleet(ctx: BuildContext, f: Obj, path: JsonPath): Fleet {
  const nodes = Number(f.nodes);
  const mesh = f.mesh as Obj | undefined;
  const restart = f.restart as Obj | undefined;
  if (typeof f.cells === 'number' && f.cells > nodes) {
    ctx.fail([...path, 'cells'], `cells of ${f.cells} nodes exceed the fleet's ${nodes} nodes`, 'a cell cannot be larger than the fleet');
  }
  const perNode = entries(f.perNode).map(([name, r]): Resource => {
    const res = r as Obj;
    return { name, base: Number(res.base ?? 0), perPeer: Number(res.perPeer ?? 0), limit: Number(res.limit), perLoad: Number(res.perLoad ?? 0), loc: ctx.locate([...path, 'perNode', name], 'key') };
  });
  return {
    nodes,
    ...(mesh ? {
      mesh: {
        peers: mesh.peers === 'all' || mesh.peers === undefined ? 'all' : Number(mesh.peers),
        connectPerMinute: Number(mesh.connectPerMinute ?? Infinity),
        ...(typeof mesh.spreadPerMinute === 'number' ? { spreadPerMinute: mesh.spreadPerMinute } : {}),
        checksums: mesh.checksums === true,
      },
    } : {}),
    ...(typeof f.cells === 'number' ? { cells: f.cells } : {}),
    perNode,
    ...(restart && typeof restart.perHour === 'number' ? { restartPerHour: restart.perHour } : {}),
    serving: typeof f.serving === 'number' ? f.serving : 0.5,
    ...(typeof f.capacity === 'number' ? { capacity: f.capacity } : {}),
    admission: f.admission === true,
    loc: ctx.locate(path),
  };
}

export function buildDemand(d: Obj): Demand {
  const daily = asArray(d.daily).map((p) => {
    const [h, m] = String((p as Obj).at).split(':').map(Number);
    return { minuteOfDay: (h ?? 0) * 60 + (m ?? 0), add: Number((p as Obj).add) };
  }).sort((a, b) => a.minuteOfDay - b.minuteOfDay);
  return { base: typeof d.base === 'number' ? d.base : 0, daily };
}

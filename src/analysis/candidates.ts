/**
 * Candidate changes for one fix-first problem, each an RFC 7386 merge patch of the graph document
 * (lists are replaced whole, so an edited `dependsOn` is the service's full list with the change).
 * Nothing here decides whether a candidate works: remediate.ts re-audits every one.
 */
import type { JsonObject, JsonValue, Model, Service } from '../model/types.js';
import { maxNodes } from './fleet.js';
import type { Index } from './graph.js';
import { minCut } from './min-cut.js';
import type { Priority } from './priorities.js';
import type { Rules } from './rules.js';
import type { Audit } from './types.js';
import { minOf, pushAll } from '../model/arrays.js';

export interface Candidate {
  readonly id: string;
  readonly title: string;
  readonly patch: JsonObject;
  /** Dependency entries changed + services added + settings changed: smaller is preferred. */
  readonly cost: number;
}

export type EdgeChange = 'async' | 'soft' | 'fallback';

export function candidatesFor(p: Priority, a: Audit, model: Model, ix: Index, rules: Rules): Candidate[] {
  if (p.kind === 'cycle') return cycleCandidates(p, a, model, ix);
  const root = p.subject;
  const out: Candidate[] = [];
  const impact = a.toolImpact?.find((t) => t.root === root);
  const tools = impact ? [...impact.down, ...impact.degraded] : [];
  const r = ix.pos.get(root)!;
  const cuts = tools.map((t) => ({ tool: t, clauses: minCut(ix, ix.pos.get(t)!, [r]) }));
  for (const cut of cuts) pushAll(out, edgeVariants(model, ix, cut.clauses, `${cut.tool} from ${root}`));
  if (cuts.length > 1) pushAll(out, edgeVariants(model, ix, [...new Set(cuts.flatMap((c) => c.clauses))], `every tool from ${root}`));
  // Whole-tool cuts: every root of each tool at once (the minimum cut breaks all of its cycles).
  for (const t of tools) {
    const roots = (a.toolImpact ?? []).filter((x) => x.down.includes(t) || x.degraded.includes(t)).map((x) => ix.pos.get(x.root)!);
    if (roots.length > 1) pushAll(out, edgeVariants(model, ix, minCut(ix, ix.pos.get(t)!, roots), `every root of ${t}`));
  }
  pushAll(out, redundancy(model, ix, root));
  pushAll(out, fleetCandidates(p, a, model, rules));
  return out;
}

function cycleCandidates(p: Priority, a: Audit, model: Model, ix: Index): Candidate[] {
  const f = a.findings[p.findings[0]!]!;
  const path = f.path ?? [];
  const out: Candidate[] = [];
  for (let i = 0; i + 1 < path.length; i++) {
    const u = ix.pos.get(path[i]!)!;
    const clauses: number[] = [];
    for (let c = ix.clauseStart[u]!; c < ix.clauseStart[u + 1]!; c++) {
      for (let k = ix.targetStart[c]!; k < ix.targetStart[c + 1]!; k++) if (ix.ids[ix.targets[k]!] === path[i + 1]) clauses.push(c);
    }
    pushAll(out, edgeVariants(model, ix, clauses, '').filter((x) => !x.id.startsWith('fallback-')));
  }
  return out;
}

/** One candidate per kind of change applied to every clause of a cut. */
export function edgeVariants(model: Model, ix: Index, clauses: readonly number[], what: string): Candidate[] {
  if (clauses.length === 0) return [];
  const edges = [...clauses].sort((x, y) => x - y).map((c) => ({ owner: ix.ids[ix.clauseOwner[c]!]!, entry: ix.clauseEntry[c]!, targets: targetsOf(ix, c) }));
  const label = edges.map((e) => `${e.owner} → ${e.targets.join('|')}`).join(', ');
  // Named by the edges changed, so the same change found for two problems has one id.
  const idOf = (change: EdgeChange) => `${change}-${edges[0]!.owner}-${edges[0]!.targets.join('-')}${edges.length > 1 ? `-and-${edges.length - 1}-more` : ''}`;
  const single = edges.length === 1;
  return (['async', 'soft', 'fallback'] as const).map((change) => {
    const added: JsonObject = {};
    const byOwner = new Map<string, Map<number, (raw: JsonValue) => JsonValue>>();
    for (const e of edges) {
      let m = byOwner.get(e.owner);
      if (!m) byOwner.set(e.owner, m = new Map());
      if (change === 'fallback') {
        const id = freshId(model, added, `${e.owner}-${model.byId.get(e.targets[0]!)!.role === 'auth' ? 'break-glass-login' : `fallback-${e.targets[0]}`}`);
        added[id] = fallbackService(model.byId.get(e.targets[0]!)!, e.owner);
        m.set(e.entry, (raw) => withFallback(raw, id));
      } else m.set(e.entry, (raw) => withType(raw, change));
    }
    const services: JsonObject = { ...added };
    for (const [owner, edits] of byOwner) services[owner] = { dependsOn: editList(model, owner, edits) };
    const title = change === 'async' ? `Make ${label} async: it keeps working without ${single ? 'it' : 'them'}`
      : change === 'soft' ? `Make ${label} soft: losing ${single ? 'it' : 'them'} only degrades`
        : `Give ${label} ${single ? 'an independent fallback' : 'independent fallbacks'} (new service${single ? '' : 's'} ${Object.keys(added).join(', ')}, with no dependencies)`;
    return { id: idOf(change), title: what ? `${title} — cuts ${what}` : title, patch: { services }, cost: edges.length + Object.keys(added).length };
  });
}

function targetsOf(ix: Index, c: number): string[] {
  const out: string[] = [];
  for (let k = ix.targetStart[c]!; k < ix.targetStart[c + 1]!; k++) out.push(ix.ids[ix.targets[k]!]!);
  return out;
}

function editList(model: Model, owner: string, edits: ReadonlyMap<number, (raw: JsonValue) => JsonValue>): JsonValue[] {
  const raw = (((model.doc.services as JsonObject)[owner] as JsonObject).dependsOn ?? []) as JsonValue[];
  return raw.map((d, i) => edits.get(i)?.(d) ?? d);
}

function asEdge(raw: JsonValue): JsonObject {
  return typeof raw === 'string' ? { on: raw } : { ...(raw as JsonObject) };
}

function withType(raw: JsonValue, type: 'async' | 'soft'): JsonValue {
  const e = asEdge(raw);
  delete e.buffer;
  delete e.needs;
  return { ...e, type };
}

function withFallback(raw: JsonValue, id: string): JsonValue {
  const e = asEdge(raw);
  const alternatives = typeof e.on === 'string' ? [e.on] : (e.anyOf as JsonValue[]);
  delete e.on;
  return { anyOf: [...alternatives, id], ...e };
}

function fallbackService(target: Service, owner: string): JsonObject {
  const what = target.role === 'auth' ? 'Break-glass login' : `Independent fallback for ${target.id}`;
  return { title: `${what} for ${owner}, with no dependency of its own`, role: target.role, tier: target.tier };
}

function freshId(model: Model, taken: JsonObject, base: string): string {
  let id = base;
  for (let k = 2; model.byId.has(id) || Object.hasOwn(taken, id); k++) id = `${base}-${k}`;
  return id;
}

/** A standby copy of the root (same dependencies, no fleet) as an `anyOf` alternative wherever it is named. */
function redundancy(model: Model, ix: Index, root: string): Candidate[] {
  const r = ix.pos.get(root)!;
  const standby = freshId(model, {}, `${root}-standby`);
  const svc = model.byId.get(root)!;
  const raw = (model.doc.services as JsonObject)[root] as JsonObject;
  const services: JsonObject = {
    [standby]: { title: `Standby for ${root} (independent failure domain)`, role: svc.role, tier: svc.tier, ...(raw.dependsOn ? { dependsOn: raw.dependsOn } : {}) },
  };
  const byOwner = new Map<string, Map<number, (raw: JsonValue) => JsonValue>>();
  let edges = 0;
  for (let k = ix.revStart[r]!; k < ix.revStart[r + 1]!; k++) {
    const c = ix.revClauses[k]!;
    const owner = ix.ids[ix.clauseOwner[c]!]!;
    let m = byOwner.get(owner);
    if (!m) byOwner.set(owner, m = new Map());
    m.set(ix.clauseEntry[c]!, (d) => withFallback(d, standby));
    edges++;
  }
  if (edges === 0) return [];
  for (const [owner, edits] of byOwner) services[owner] = { dependsOn: editList(model, owner, edits) };
  return [{ id: `standby-${root}`, title: `Run a standby of ${root} in an independent failure domain; its ${edges} dependents use either`, patch: { services }, cost: edges + 1 }];
}

function fleetCandidates(p: Priority, a: Audit, model: Model, rules: Rules): Candidate[] {
  const id = p.subject;
  const f = model.byId.get(id)!.fleet;
  if (!f) return [];
  const rulesHit = new Set(p.findings.map((i) => a.findings[i]!.rule));
  const out: Candidate[] = [];
  const fleet = (patch: JsonObject): JsonObject => ({ services: { [id]: { fleet: patch } } });
  if (rulesHit.has('scaling-headroom') || rulesHit.has('fleet-over-limit') || rulesHit.has('scale-crosses-limit') || rulesHit.has('request-path-mesh')) {
    for (const r of f.perNode.filter((x) => x.perPeer > 0)) {
      const h = a.scaling.find((x) => x.service === id && x.resource === r.name);
      const size = Math.max(f.nodes, h?.crossedBy?.toNodes ?? 0) * (1 + rules.thresholds.minHeadroomPercent / 100);
      const limit = roundUp(r.base + r.perPeer * Math.ceil(size));
      if (limit > r.limit) out.push({ id: `raise-limit-${id}-${r.name}`, title: `Raise the ${r.name} limit of ${id} to ${limit}`, patch: fleet({ perNode: { [r.name]: { limit } } }), cost: 1 });
    }
    if (f.mesh) {
      const fits = minOf(f.perNode.filter((x) => x.perPeer > 0).map((x) => maxNodes({ ...f, cells: undefined }, x)));
      const cells = roundDown(Math.max(1, Math.min(Math.floor(f.nodes / 2), Number.isFinite(fits) ? Math.floor(fits / (1 + rules.thresholds.minHeadroomPercent / 100)) : f.nodes)));
      out.push({ id: `cellularize-${id}`, title: `Cellularize ${id}: nodes mesh only inside cells of ${cells}`, patch: fleet({ cells }), cost: 1 });
    }
  }
  if ((rulesHit.has('restart-time') || rulesHit.has('restart-scales-with-fleet')) && f.restartPerHour) {
    const hours = rulesHit.has('restart-scales-with-fleet') ? rules.thresholds.minRebuildHours : rules.thresholds.maxRestartHours;
    const perHour = roundUp(f.nodes / hours * 1.01);
    out.push({ id: `faster-restart-${id}`, title: `Restart ${id} at ${perHour} nodes/h (whole fleet within ${hours} h)`, patch: fleet({ restart: { perHour } }), cost: 1 });
  }
  if (rulesHit.has('unchecked-state-spread') && f.mesh) out.push({ id: `checksums-${id}`, title: `Checksum ${id}'s state messages`, patch: fleet({ mesh: { checksums: true } }), cost: 1 });
  return out;
}

/** Two significant digits, up / down: numbers a person would write in a config. */
function roundUp(x: number): number {
  const m = 10 ** Math.max(0, Math.floor(Math.log10(x)) - 1);
  return Math.ceil(x / m) * m;
}
function roundDown(x: number): number {
  const m = 10 ** Math.max(0, Math.floor(Math.log10(x)) - 1);
  return Math.max(1, Math.floor(x / m) * m);
}

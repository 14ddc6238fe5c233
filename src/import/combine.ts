/**
 * Joins the readings of every input into one graph of service ids, consistently:
 * - ids: names are normalised; within one format, two different things with the same id are a
 *   collision (warning; the later key, in sorted order, takes a qualified id); across formats the
 *   same id is the same service — that is how compose + jaeger combine.
 * - duplicates: edges between the same services merge into one with every source and the strongest
 *   type (hard > buffered > soft > async); the same evidence stated twice in a file is warned about.
 * - self-loops: dropped with a warning and a comment on the service (the format forbids them).
 * - dangling references: a name no input (and no --merge base) defines is dropped with a warning
 *   and a comment on the service that names it.
 * - the same service under another name in a later format: matched by `--alias` or the naming rule
 *   (same-service.ts); inputs of several formats that share no id at all are warned about.
 * - cycles made only of guessed edges are warned about (guessed-cycles.ts).
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { EdgeType, JsonValue, Location } from '../model/types.js';
import { normaliseId } from './ids.js';
import type { GraphEdge, GraphService, ImportedEdge, ImportedGraph, ImportedService, Reading } from './types.js';
import { cmp } from '../model/order.js';
import { guessedCycles } from './guessed-cycles.js';
import { matchEarlier } from './same-service.js';
import { pushAll } from '../model/arrays.js';

export interface CombineOptions {
  /** `--alias a=b`: normalised name → id. */
  readonly aliases?: ReadonlyMap<string, string>;
}

const RANK: Record<EdgeType, number> = { async: 0, soft: 1, buffered: 2, hard: 3 };

interface ServiceAcc { first: ImportedService; x: Record<string, JsonValue>; notes: string[]; sources: Location[]; entrypoint: boolean; id: string }
interface EdgeAcc { from: string; targets: string[]; parts: { type: EdgeType; note?: string; evidence: string; loc: Location; guessed: boolean }[]; calls?: number }

type Warn = (loc: Location, message: string) => void;

export function combine(readings: readonly Reading[], knownIds: ReadonlySet<string> = new Set(), options: CombineOptions = {}): ImportedGraph {
  const diagnostics: Diagnostic[] = [];
  const warn: Warn = (loc, message) => diagnostics.push({ ...loc, severity: 'warning', message });
  const aliases = options.aliases ?? new Map<string, string>();
  const { byId, idOf, readers } = combineServices(readings, aliases, warn);
  const edges = combineEdges(readings, { byId, idOf, knownIds, aliases }, warn);
  const services: GraphService[] = [...byId.values()].sort((a, b) => cmp(a.id, b.id)).map(toService);
  const graphEdges: GraphEdge[] = [...edges.values()].map(toEdge).sort((a, b) => cmp(a.from, b.from) || cmp(a.targets.join(' '), b.targets.join(' ')));
  pushAll(diagnostics, [...sharedIds(readings, readers), ...guessedCycles(graphEdges)]);
  return { services, edges: graphEdges, diagnostics };
}

interface Services {
  readonly byId: Map<string, ServiceAcc>;
  /** `format|key` → id */
  readonly idOf: Map<string, string>;
  /** id → formats that define it */
  readonly readers: Map<string, Set<string>>;
}

/** Every reading's services under one id each, readings in order, keys in order within one. */
function combineServices(readings: readonly Reading[], aliases: ReadonlyMap<string, string>, warn: Warn): Services {
  const byId = new Map<string, ServiceAcc>();
  const owner = new Map<string, string>(); // id → `format|key` that took it
  const idOf = new Map<string, string>();
  const readers = new Map<string, Set<string>>();
  for (const r of readings) {
    const groups = new Map<string, ImportedService[]>();
    for (const s of r.services) groups.set(s.key, [...(groups.get(s.key) ?? []), s]);
    const earlier = [...readers.keys()].filter((id) => !readers.get(id)!.has(r.format)).sort();
    const own = new Set(r.services.map((s) => aliases.get(normaliseId(s.name)) ?? normaliseId(s.name)));
    for (const key of [...groups.keys()].sort()) {
      const defs = groups.get(key)!;
      const s = sameAs(defs[0]!, r.format, aliases, earlier, own, warn);
      const id = allocate(r.format, s, owner, warn);
      readers.set(id, (readers.get(id) ?? new Set()).add(r.format));
      idOf.set(`${r.format}|${key}`, id);
      const acc = byId.get(id) ?? { first: s, x: {}, notes: [], sources: [], entrypoint: false, id };
      byId.set(id, acc);
      defs.forEach((d, i) => {
        const again = defs.slice(0, i).find((p) => p.loc.file === d.loc.file);
        if (again) warn(d.loc, `"${d.name}" is defined again in this file (first at line ${again.loc.line}); merged`);
        mergeService(acc, i === 0 ? s : { ...d, name: s.name, x: { ...s.x, ...d.x }, notes: [...s.notes, ...d.notes] });
      });
    }
  }
  return { byId, idOf, readers };
}

interface EdgeContext {
  readonly byId: Map<string, ServiceAcc>;
  readonly idOf: ReadonlyMap<string, string>;
  readonly knownIds: ReadonlySet<string>;
  readonly aliases: ReadonlyMap<string, string>;
}

/** Every reading's edges between ids, the same edge from several sources folded into one. */
function combineEdges(readings: readonly Reading[], c: EdgeContext, warn: Warn): Map<string, EdgeAcc> {
  const edges = new Map<string, EdgeAcc>();
  for (const r of readings) {
    for (const e of r.edges) {
      const from = c.idOf.get(`${r.format}|${e.from}`);
      if (from === undefined) continue;
      const resolved = targetIds(e, r.format, c.idOf, (name) => resolveName(name, from, e, c.byId, c.knownIds, warn, c.aliases));
      if (resolved === undefined) continue;
      let targets = [...new Set(resolved)].sort();
      const guessed = e.guessed === true;
      if (targets.includes(from)) {
        targets = targets.filter((t) => t !== from);
        if (targets.length === 0) {
          warn(e.loc, `self-loop: ${from} calls itself (${e.evidence}); dropped, a service cannot depend on itself`);
          addNote(c.byId.get(from)!, `calls itself (${e.evidence}, ${e.loc.file}:${e.loc.line}); not modelled`);
          continue;
        }
      }
      const k = `${from}\u0000${targets.join('\u0000')}`;
      const acc = edges.get(k) ?? { from, targets, parts: [] };
      edges.set(k, acc);
      const twice = acc.parts.find((p) => p.evidence === e.evidence && p.loc.file === e.loc.file);
      if (twice) warn(e.loc, `duplicate: ${e.evidence} states ${from} → ${targets.join(' | ')} again (first at line ${twice.loc.line}); kept once`);
      acc.parts.push({ type: e.type, evidence: e.evidence, loc: e.loc, guessed, ...(e.note ? { note: e.note } : {}) });
      if (e.calls !== undefined) acc.calls = (acc.calls ?? 0) + e.calls;
    }
  }
  return edges;
}

/**
 * The service under the name it has in the graph: an `--alias`, else the one earlier id of another
 * format that the naming rule matches (and that this format does not define itself).
 */
function sameAs(s: ImportedService, format: string, aliases: ReadonlyMap<string, string>, earlier: readonly string[], own: ReadonlySet<string>, warn: (l: Location, m: string) => void): ImportedService {
  const id = normaliseId(s.name);
  const alias = aliases.get(id);
  if (alias !== undefined) return alias === id ? s : { ...s, name: alias, x: { 'x-name': s.name, ...s.x }, notes: [...s.notes, `"${s.name}" (${format}) is "${alias}" by --alias`] };
  if (earlier.length === 0 || earlier.includes(id)) return s;
  const match = matchEarlier(id, earlier, own);
  if (!match) return s;
  warn(s.loc, `"${s.name}" (${format}) is taken as "${match.id}" of another input: ${match.why}; --alias ${id}=${id} keeps them apart`);
  return { ...s, name: match.id, x: { 'x-name': s.name, ...s.x }, notes: [...s.notes, `guessed: "${s.name}" (${format}) is "${match.id}" by the naming rule (${match.why})`] };
}

/** Inputs of several formats that define no service in common describe two graphs side by side. */
function sharedIds(readings: readonly Reading[], readers: ReadonlyMap<string, ReadonlySet<string>>): Diagnostic[] {
  const withServices = readings.filter((r) => r.services.length > 0);
  if (withServices.length < 2 || [...readers.values()].some((f) => f.size > 1)) return [];
  const loc = withServices[1]!.services[0]!.loc;
  return [{ ...loc, severity: 'warning', message: `the inputs share no service ids (${withServices.map((r) => `${r.format}: ${new Set(r.services.map((s) => s.key)).size} services`).join(', ')}): they are side by side, not joined; check the names or use --alias NAME=ID` }];
}

/** The ids an edge points at: its reading's keys, or a name resolved against every input (undefined: dangling). */
function targetIds(e: ImportedEdge, format: string, idOf: ReadonlyMap<string, string>, byName: (name: string) => string | undefined): string[] | undefined {
  if ('name' in e.to) { const t = byName(e.to.name); return t === undefined ? undefined : [t]; }
  const known = e.to.keys.map((k) => idOf.get(`${format}|${k}`));
  if (known.every((k) => k === undefined) && e.to.keys.length === 1) { const t = byName(e.to.keys[0]!); return t === undefined ? undefined : [t]; }
  return known.filter((k): k is string => k !== undefined);
}

function allocate(format: string, s: ImportedService, owner: Map<string, string>, warn: (l: Location, m: string) => void): string {
  const me = `${format}|${s.key}`;
  const free = (id: string) => { const o = owner.get(id); return o === undefined || o === me || !o.startsWith(`${format}|`); };
  const base = normaliseId(s.name);
  let id = base;
  if (!free(base)) {
    const other = owner.get(base)!.slice(format.length + 1);
    id = s.qualified.map(normaliseId).find(free) ?? '';
    for (let n = 2; id === '' || !free(id); n++) id = `${base}-${n}`;
    warn(s.loc, `id collision: "${s.name}" (${s.key}) and ${other} both become "${base}"; this one is "${id}"`);
  }
  if (!owner.has(id)) owner.set(id, me);
  return id;
}

function mergeService(acc: ServiceAcc, s: ImportedService): void {
  if (s.name !== acc.id && acc.x['x-name'] === undefined) acc.x['x-name'] = s.name;
  for (const [k, v] of Object.entries(s.x)) if (acc.x[k] === undefined) acc.x[k] = v;
  for (const n of s.notes) addNote(acc, n);
  acc.sources.push(s.loc);
  acc.entrypoint ||= s.entrypoint === true;
  for (const f of ['title', 'description', 'team', 'role'] as const) {
    if (acc.first[f] === undefined && s[f] !== undefined) acc.first = { ...acc.first, [f]: s[f] };
  }
}

function resolveName(name: string, from: string, e: ImportedEdge, byId: Map<string, ServiceAcc>, knownIds: ReadonlySet<string>, warn: (l: Location, m: string) => void, aliases: ReadonlyMap<string, string>): string | undefined {
  const id = aliases.get(normaliseId(name)) ?? normaliseId(name);
  if (byId.has(id) || knownIds.has(id)) return id;
  warn(e.loc, `dangling reference: ${from} names "${name}" (${e.evidence}), which no input defines; edge dropped`);
  addNote(byId.get(from)!, `names "${name}" (${e.evidence}, ${e.loc.file}:${e.loc.line}), which no input defines; not imported`);
  return undefined;
}

function addNote(acc: ServiceAcc, note: string): void {
  if (!acc.notes.includes(note)) acc.notes.push(note);
}

function toService(acc: ServiceAcc): GraphService {
  const f = acc.first;
  return {
    id: acc.id,
    ...(f.title !== undefined ? { title: f.title } : {}),
    ...(f.description !== undefined ? { description: f.description } : {}),
    ...(f.team !== undefined ? { team: f.team } : {}),
    ...(f.role !== undefined ? { role: f.role } : {}),
    ...(acc.entrypoint ? { entrypoint: true } : {}),
    x: acc.x, notes: acc.notes, sources: sortLocs(acc.sources),
  };
}

function toEdge(acc: EdgeAcc): GraphEdge {
  const type = acc.parts.reduce<EdgeType>((t, p) => (RANK[p.type] > RANK[t] ? p.type : t), 'async');
  const notes = [...new Set(acc.parts.filter((p) => p.type === type && p.note).map((p) => p.note!))];
  const guessed = acc.parts.every((p) => p.guessed);
  return { from: acc.from, targets: acc.targets, type, sources: sortLocs(acc.parts.map((p) => p.loc)), notes, guessed, ...(acc.calls !== undefined ? { calls: acc.calls } : {}) };
}

function sortLocs(locs: readonly Location[]): Location[] {
  const seen = new Map<string, Location>();
  for (const l of locs) seen.set(`${l.file}:${l.line}`, l);
  return [...seen.values()].sort((a, b) => cmp(a.file, b.file) || a.line - b.line);
}


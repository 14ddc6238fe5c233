/**
 * Turns the analyses' tables into located findings under the rules: severity per rule (or off),
 * thresholds, ignores. Every finding points at the YAML line it is about (the edge, the resource,
 * the event) and carries a fingerprint that survives edits elsewhere in the file.
 */
import { createHash } from 'node:crypto';
import type { Location, Model, Service } from '../model/types.js';
import { num } from '../model/numbers.js';
import { formatClock, formatDuration } from '../model/time.js';
import { globMatch, type Ignore, type RuleId, type Rules } from './rules.js';
import type { MeshHazards } from './mesh.js';
import { retryStorms } from './retry-storm.js';
import type { BlastRadius, Finding, RestartHazard, RuntimeCycle, ScalingHazard, Severity, SinglePointsOfFailure, ToolImpact, ToolingCycle } from './types.js';
import { cmp } from '../model/order.js';
import { pushAll } from '../model/arrays.js';

export interface Tables {
  readonly blastRadius: readonly BlastRadius[];
  readonly cycles: readonly RuntimeCycle[];
  readonly deadlocks: readonly RuntimeCycle[];
  readonly toolingCycles: readonly ToolingCycle[];
  readonly spof: readonly SinglePointsOfFailure[];
  readonly scaling: readonly ScalingHazard[];
  readonly restart: readonly RestartHazard[];
  readonly mesh?: MeshHazards;
  readonly toolImpact?: readonly ToolImpact[];
}

const LIST = 8;
/** A SPOF finding lists at most this many services (as does `Audit.spof` on big graphs). */
export const SPOF_SERVICES = 100;
const arrow = (path: readonly string[]) => path.join(' → ');
const names = (ids: readonly string[]) => ids.slice(0, LIST).join(', ') + (ids.length > LIST ? ` (+${ids.length - LIST} more)` : '');

export function buildFindings(model: Model, t: Tables, rules: Rules): { findings: Finding[]; suppressed: number } {
  const out: Finding[] = [];
  const n = model.services.length;
  const emit = (rule: RuleId, f: Omit<Finding, 'rule' | 'severity' | 'fingerprint'>, key: string, lower = false) => {
    const set = rules.severity[rule];
    if (set === 'off') return;
    const severity: Severity = lower ? (set === 'error' ? 'warn' : 'info') : set;
    out.push({ rule, severity, ...f, fingerprint: fingerprint(`${rule}|${model.name}|${key}`) });
  };
  const svc = (id: string) => model.byId.get(id)!;

  for (const c of t.cycles) {
    emit('runtime-cycle', {
      message: `dependency loop ${arrow(c.path)}${c.members.length > c.path.length - 1 ? ` (one of ${c.members.length} services that need each other)` : ''}`
        + `${c.deadlocks ? '; it contains a recovery deadlock' : ''}`,
      services: c.members, path: c.path, location: edgeLoc(svc(c.path[0]!), c.path[1]!, (type) => type !== 'soft' && type !== 'async'),
    }, c.members.join(','));
  }
  for (const c of t.deadlocks) {
    emit('recovery-deadlock', {
      message: `recovery deadlock: ${arrow(c.path)} are hard dependencies of each other — once all are down none can start until the loop is broken by hand`,
      services: c.members, path: c.path, location: edgeLoc(svc(c.path[0]!), c.path[1]!, (type) => type === 'hard'),
    }, c.members.join(','));
  }
  for (const c of t.toolingCycles) {
    const tool = svc(c.tool);
    const kind = tool.role === 'service' ? 'incident tool' : `${tool.role} tool`;
    const buffer = c.bufferDelayMin > 0 ? ` after ${formatDuration(c.bufferDelayMin)} of buffering` : '';
    const plain = c.path.length === 2 && (tool.supports === '*' || tool.supports?.includes(c.root));
    emit('tooling-cycle', {
      message: `${kind} "${c.tool}" ${c.toolState === 'degraded' ? 'is degraded' : 'goes down'}${buffer} when "${c.root}" fails: ${arrow(c.path)}`
        + ` — ${plain ? 'it cannot be used in that service\'s own incident' : 'it fails in the very incident it is needed for'}`
        + `${(c.rootsTotal ?? 1) > 1 ? ` (${c.rootsTotal} roots share fate with this tool)` : ''}`,
      services: [c.tool, c.root], path: c.path, location: edgeLoc(tool, c.path[1] ?? c.root, (type) => type !== 'async'),
    }, `${c.tool}>${c.root}`, c.toolState === 'degraded');
  }
  const critical = criticalImpact(t);
  for (const b of t.blastRadius) {
    const share = n > 1 ? (b.downCount + b.degradedCount) / (n - 1) : 0;
    const hits = critical.get(b.service);
    if (share <= rules.thresholds.maxBlastShare && !hits) continue;
    const what = [hits?.entrypoints.length ? `entrypoint(s) ${names(hits.entrypoints)}` : '', hits?.tools.length ? `incident tool(s) ${names(hits.tools)}` : '']
      .filter(Boolean).join(' and ');
    emit('blast-radius', {
      message: `failure of "${b.service}" takes down ${num(b.downCount)} and degrades ${num(b.degradedCount)} of the ${num(n - 1)} other services`
        + (share > rules.thresholds.maxBlastShare ? ` (${Math.round(share * 100)}% > ${Math.round(rules.thresholds.maxBlastShare * 100)}%)` : ` (${Math.round(share * 100)}%)`)
        + `, ${b.entrypointsHit} entrypoint(s), score ${b.score}${what ? `; it takes down ${what}` : ''}`,
      services: [b.service], location: svc(b.service).loc,
    }, b.service);
  }
  for (const s of t.spof) {
    if (s.count === 0) continue;
    const more = s.count - Math.min(s.services.length, LIST);
    emit('single-point-of-failure', {
      message: `entrypoint "${s.entrypoint}" goes down if any one of ${s.count} service(s) fails: ${s.services.slice(0, LIST).join(', ')}${more > 0 ? ` (+${more} more)` : ''}`,
      services: [s.entrypoint, ...s.services], location: svc(s.entrypoint).loc,
    }, s.entrypoint);
  }
  for (const h of t.scaling) {
    const loc = h.loc ?? svc(h.service).loc;
    const rule = `${h.base} + ${h.perPeer} per peer ≤ ${num(h.limit ?? 0)}`;
    if (h.maxNodes !== undefined && h.headroomNodes !== undefined && h.headroomNodes < 0) {
      emit('fleet-over-limit', {
        message: h.maxNodes === 0
          ? `"${h.service}" is over its ${h.resource} limit at any size: every node is at ${num(h.usage ?? 0)} > ${num(h.limit ?? 0)} (${rule}), so the fleet is down from the start`
          : `"${h.service}" has ${num(h.nodes)} nodes, over the largest fleet of ${num(h.maxNodes)} that keeps ${h.resource} within its limit (${rule}): every node is at ${num(h.usage ?? 0)}`,
        services: [h.service], location: loc,
      }, `${h.service}/${h.resource}`);
    } else if (h.headroomPercent !== undefined && h.headroomPercent < rules.thresholds.minHeadroomPercent) {
      emit('scaling-headroom', {
        message: `"${h.service}" ${h.resource} headroom is ${num(h.headroomNodes!)} nodes (${h.headroomPercent}% < ${rules.thresholds.minHeadroomPercent}%):`
          + ` ${rule} allows at most ${num(h.maxNodes!)} nodes, the fleet has ${num(h.nodes)}`,
        services: [h.service], location: loc,
      }, `${h.service}/${h.resource}`);
    }
    if (h.crossedBy) {
      const sc = model.scenarios.find((s) => s.id === h.crossedBy!.scenario)!;
      emit('scale-crosses-limit', {
        message: `scenario "${sc.id}" at ${formatClock(h.crossedBy.atMin, sc.start)} scales "${h.service}" from ${num(h.crossedBy.fromNodes ?? h.nodes)} to ${num(h.crossedBy.toNodes)} nodes,`
          + ` past the largest fleet of ${num(h.maxNodes!)} that keeps ${h.resource} within ${num(h.limit ?? 0)} per node`
          + ` (peers connect gradually, so nodes fail some time after the addition)`,
        services: [h.service], location: h.crossedBy.loc ?? loc,
      }, `${h.service}/${h.resource}/${sc.id}`);
    }
  }
  for (const r of t.restart) {
    if (r.fullRestartHours <= rules.thresholds.maxRestartHours) continue;
    emit('restart-time', {
      message: `restarting all ${num(r.nodes)} nodes of "${r.service}" at ${num(r.perHour)}/h takes ${r.fullRestartHours} h (> ${rules.thresholds.maxRestartHours} h): a fleet-wide failure means a long outage`,
      services: [r.service], location: r.loc ?? svc(r.service).loc,
    }, r.service);
  }
  for (const h of t.mesh?.requestPath ?? []) {
    const others = h.entrypoints.filter((e) => e !== h.service);
    const self = others.length < h.entrypoints.length;
    emit('request-path-mesh', {
      message: `${self ? `requests to "${h.service}" are handled on` : `"${h.service}" is`} a full mesh of ${num(h.nodes)} nodes without cells`
        + `${others.length > 0 ? `, ${others.length} entrypoint(s) wait on it over hard edges (${arrow(h.path)}): ${names(others)}` : ''}`
        + ' — one fault that spreads through the mesh reaches every node, and every one of them',
      services: [h.service, ...h.entrypoints], path: h.path, location: h.loc ?? svc(h.service).loc,
    }, h.service);
  }
  for (const h of t.mesh?.unchecked ?? []) {
    emit('unchecked-state-spread', {
      message: `state messages in the mesh of "${h.service}" carry no checksum and a bad state spreads at ${h.spreadPerMinute}/min:`
        + (h.minutesToDown !== undefined ? ` one corrupted node takes it below serving ${Math.round(h.serving * 100)}% in ${h.minutesToDown} min (${num(h.nodes)} nodes)` : ' it spreads to every node')
        + ' — checksums would reject it',
      services: [h.service], location: h.loc ?? svc(h.service).loc,
    }, h.service);
  }
  const longRestart = new Set(t.restart.filter((r) => rules.severity['restart-time'] !== 'off' && r.fullRestartHours > rules.thresholds.maxRestartHours).map((r) => r.service));
  for (const h of t.mesh?.rebuild ?? []) {
    // restart-time already reports the long ones; this rule is about the exposure and the growth.
    if (h.hours <= rules.thresholds.minRebuildHours || longRestart.has(h.service)) continue;
    emit('restart-scales-with-fleet', {
      message: `"${h.service}" can fail whole (${h.via ? `it waits on full-mesh "${h.via}"` : 'its nodes form one full mesh'}) and is restored one node at a time:`
        + ` ${num(h.nodes)} nodes at ${num(h.perHour)}/h take ${h.hours} h (> ${rules.thresholds.minRebuildHours} h), 1 h more for every ${num(h.perHour)} nodes it grows`,
      services: h.via ? [h.service, h.via] : [h.service], location: h.loc ?? svc(h.service).loc,
    }, h.service);
  }
  for (const h of retryStorms(model)) {
    emit('retry-storm', {
      message: `"${h.service}" is retried without back-off by ${names(h.callers)}: at peak demand it carries ${num(Math.round(h.baseLoad))} against a capacity of ${num(Math.round(h.capacity))}, and retries add up to ${num(Math.round(h.retryLoad))} more while it fails`
        + ` — once overloaded it stays so at full capacity (load ${num(Math.round(h.stuckLoad))}, ${Math.round(h.stuckShare * 100)}% served: a metastable failure) until load is shed; give the callers back-off`,
      services: [h.service, ...h.callers], location: h.loc,
    }, h.service);
  }
  const kept = out.filter((f) => !rules.ignore.some((i) => ignores(i, f)));
  return { findings: sortFindings(kept), suppressed: out.length - kept.length };
}

/** Per service: the other entrypoints it takes down (it is their SPOF) and the tools it takes down in their incidents. */
function criticalImpact(t: Tables): Map<string, { entrypoints: string[]; tools: string[] }> {
  const out = new Map<string, { entrypoints: string[]; tools: string[] }>();
  const at = (id: string) => { let e = out.get(id); if (!e) out.set(id, e = { entrypoints: [], tools: [] }); return e; };
  for (const s of t.spof) for (const id of s.services) if (id !== s.entrypoint) at(id).entrypoints.push(s.entrypoint);
  for (const x of t.toolImpact ?? []) if (x.down.length > 0) pushAll(at(x.root).tools, x.down);
  return out;
}

export function sortFindings<T extends Finding>(fs: T[]): T[] {
  return fs.sort((a, b) => cmp(a.location.file, b.location.file) || a.location.line - b.location.line
    || a.location.column - b.location.column || cmp(a.rule, b.rule) || cmp(a.message, b.message));
}

function ignores(i: Ignore, f: Finding): boolean {
  if (i.rule !== undefined && !globMatch(i.rule, f.rule)) return false;
  if (i.file !== undefined && !globMatch(i.file, f.location.file)) return false;
  if (i.service !== undefined && !f.services.some((s) => globMatch(i.service!, s))) return false;
  if (i.path !== undefined) {
    const p = f.path ?? [];
    const at = (k: number) => i.path!.every((g, j) => p[k + j] !== undefined && globMatch(g, p[k + j]!));
    if (!p.some((_, k) => at(k))) return false;
  }
  return true;
}

/** The dependency entry of `from` that names `to` (first one accepted), else the service itself. */
function edgeLoc(from: Service, to: string, accept: (type: string, anyOf: boolean) => boolean): Location {
  const d = from.dependsOn.find((x) => x.targets.includes(to) && accept(x.type, x.anyOf))
    ?? from.dependsOn.find((x) => x.targets.includes(to));
  return d?.loc ?? from.loc;
}

export function fingerprint(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}


/**
 * Kubernetes manifests → services and edges. Workloads (Deployment, StatefulSet, DaemonSet, Job,
 * CronJob, Pod…) are the services; a configuration value that addresses a Service (`name:port`,
 * `name.namespace.svc.cluster.local`, URLs, a bare name in an address variable) is an edge to the
 * workloads that Service selects — `anyOf` them when it selects several. A Service selecting no
 * workload stands for itself. Values are looked for where containers get them: `env` (with `$(VAR)`),
 * `envFrom` and `configMapKeyRef` ConfigMaps, `command`/`args`, and config files in the ConfigMaps a
 * pod mounts. LoadBalancer/NodePort Services and Ingress backends mark their workloads as entrypoints.
 */
import type { Location } from '../model/types.js';
import { addressesIn } from './address.js';
import { commandValues } from './command-line.js';
import { settingsIn } from './config-file.js';
import { edgeKind } from './edge-kind.js';
import { containerEnv, expandRefs, type ConfigMapData } from './k8s-env.js';
import { readObjects, type Obj } from './k8s-objects.js';
import { asList, asMap, asText, type Plain } from './located.js';
import { roleFromImage, telemetryImage } from './roles.js';
import type { ImportedEdge, ImportedService, InputText, Reading } from './types.js';
import { pushAll } from '../model/arrays.js';

const TEMPLATED = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'Rollout', 'DeploymentConfig'];

interface Workload extends Obj { readonly key: string; readonly labels: Plain; readonly pod: Plain; readonly image?: string }
interface Svc extends Obj { readonly selector?: Plain; readonly type?: string }

export interface K8sOptions {
  /** The namespace of objects that name none (`kubectl apply -n`). */
  readonly namespace?: string;
}

/** What the edge finders need to know about the cluster. */
interface Cluster {
  readonly behind: ReadonlyMap<string, string[]>;
  readonly namespaces: ReadonlySet<string>;
  readonly telemetry: ReadonlySet<string>;
  readonly configMaps: ReadonlyMap<string, ConfigMapData>;
}

export function readK8s(inputs: readonly InputText[], options: K8sOptions = {}): Reading {
  const { objects, diagnostics } = readObjects(inputs, options.namespace);
  const workloads = objects.flatMap(workloadOf);
  const configMaps = new Map<string, ConfigMapData>();
  for (const o of objects) if (o.kind === 'ConfigMap') configMaps.set(`${o.ns}/${o.name}`, { name: o.name, data: asMap(o.doc.data) ?? {}, lines: o.lines });
  const services: ImportedService[] = [];
  const { behind, entry } = serviceTargets(objects, workloads, services);
  const telemetry = new Set(workloads.filter((w) => telemetryImage(w.image)).map((w) => w.key));
  const cluster: Cluster = { behind, namespaces: new Set(objects.map((o) => o.ns)), telemetry, configMaps };
  const edges: ImportedEdge[] = [];
  const used = new Set<string>();
  for (const w of workloads) {
    services.push(workloadService(w, entry.get(w.key)));
    pushAll(edges, workloadEdges(w, cluster, used));
  }
  pushAll(edges, unmountedConfigEdges(workloads, cluster, used));
  return { format: 'k8s', services, edges, diagnostics };
}

function workloadOf(o: Obj): Workload[] {
  const spec = asMap(o.doc.spec);
  const template = o.kind === 'Pod' ? o.doc
    : o.kind === 'CronJob' ? asMap(asMap(asMap(spec?.jobTemplate)?.spec)?.template)
    : TEMPLATED.includes(o.kind) ? asMap(spec?.template) : undefined;
  if (!template) return [];
  const pod = asMap(template.spec) ?? {};
  // the main containers say what the workload is; init containers only prepare it
  const image = [...asList(pod.containers), ...asList(pod.initContainers)].map((c) => asText(asMap(c)?.image)).find((i) => i !== undefined);
  return [{ ...o, key: `${o.kind} ${o.ns}/${o.name}`, labels: asMap(asMap(template.metadata)?.labels) ?? {}, pod, ...(image ? { image } : {}) }];
}

/** Which workload keys each Service (`ns/name`) stands for, and why workloads are entrypoints. */
function serviceTargets(objects: readonly Obj[], workloads: readonly Workload[], services: ImportedService[]) {
  const svcs = new Map<string, Svc>();
  for (const o of objects) {
    if (o.kind !== 'Service') continue;
    const spec = asMap(o.doc.spec);
    svcs.set(`${o.ns}/${o.name}`, { ...o, ...(asMap(spec?.selector) ? { selector: asMap(spec?.selector)! } : {}), ...(asText(spec?.type) ? { type: asText(spec?.type)! } : {}) });
  }
  const behind = new Map<string, string[]>();
  const entry = new Map<string, string>();
  // index by one label so a Service looks at the few workloads that can match, not all of them
  const byLabel = new Map<string, Workload[]>();
  for (const w of workloads) for (const [k, v] of Object.entries(w.labels)) push(byLabel, `${w.ns}\u0000${k}\u0000${asText(v)}`, w);
  for (const [id, svc] of [...svcs].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const first = svc.selector ? Object.entries(svc.selector)[0] : undefined;
    const selected = first
      ? (byLabel.get(`${svc.ns}\u0000${first[0]}\u0000${asText(first[1])}`) ?? [])
        .filter((w) => Object.entries(svc.selector!).every(([k, v]) => asText(w.labels[k]) === asText(v))).map((w) => w.key)
      : [];
    if (selected.length === 0) {
      const key = `Service ${id}`;
      selected.push(key);
      services.push({
        key, name: svc.name, qualified: [`${svc.name}.${svc.ns}`, `${svc.name}-service`],
        x: { 'x-kind': 'Service', ...(svc.ns !== 'default' ? { 'x-namespace': svc.ns } : {}) },
        notes: ['guessed: a Service that selects no workload in the inputs (external, or deployed elsewhere)'],
        loc: svc.lines.at(svc.doc, 'kind'),
      });
    }
    behind.set(id, selected);
    if (svc.type === 'LoadBalancer' || svc.type === 'NodePort') for (const k of selected) entry.set(k, `exposed by ${svc.type} Service ${svc.name}`);
  }
  for (const o of objects) if (o.kind === 'Ingress') for (const backend of ingressBackends(o.doc)) {
    for (const k of behind.get(`${o.ns}/${backend}`) ?? []) entry.set(k, `backend of Ingress ${o.name}`);
  }
  return { behind, entry };
}

function workloadService(w: Workload, why: string | undefined): ImportedService {
  const guess = roleFromImage(w.image);
  const replicas = asMap(w.doc.spec)?.replicas;
  return {
    key: w.key, name: w.name, qualified: [`${w.name}.${w.ns}`, `${w.name}-${w.kind.toLowerCase()}`],
    ...(guess ? { role: guess.role } : {}),
    ...(why ? { entrypoint: true } : {}),
    x: {
      'x-kind': w.kind,
      ...(w.ns !== 'default' ? { 'x-namespace': w.ns } : {}),
      ...(typeof replicas === 'number' ? { 'x-replicas': replicas } : {}),
      ...(w.image ? { 'x-image': w.image } : {}),
    },
    notes: [...(guess ? [guess.note] : []), ...(why ? [`guessed: entrypoint, ${why}`] : [])],
    loc: w.lines.at(w.doc, 'kind'),
  };
}

/** Edges stated by each container's environment and command line, and by the config files it mounts. */
function workloadEdges(w: Workload, cluster: Cluster, used: Set<string>): ImportedEdge[] {
  const edges: ImportedEdge[] = [];
  const configMap = (name: string) => { used.add(`${w.ns}/${name}`); return cluster.configMaps.get(`${w.ns}/${name}`); };
  const containers = [...asList(w.pod.initContainers), ...asList(w.pod.containers)].map(asMap).filter((c): c is Plain => c !== undefined);
  for (const c of containers) {
    const env = containerEnv(c, w.lines, configMap);
    for (const e of env) pushAll(edges, refEdges(w, cluster, e.evidence, e.name, e.value, e.loc));
    const vars = new Map(env.map((e) => [e.name, e]));
    for (const field of ['command', 'args'] as const) {
      const list = asList(c[field]);
      const items = list.map((i) => expandRefs(asText(i) ?? '', vars));
      for (const v of commandValues(items)) pushAll(edges, refEdges(w, cluster, `${field} ${v.name}`, v.name, v.value, w.lines.at(list, v.item)));
    }
  }
  for (const name of mountedConfigMaps(w.pod)) {
    const cm = configMap(name);
    if (cm) pushAll(edges, configFileEdges(w, cluster, cm));
  }
  return edges;
}

/** ConfigMaps a pod mounts as files: `volumes[].configMap`, `volumes[].projected.sources[].configMap`. */
function mountedConfigMaps(pod: Plain): string[] {
  return asList(pod.volumes).map(asMap).flatMap((v) => [
    asText(asMap(v?.configMap)?.name),
    ...asList(asMap(v?.projected)?.sources).map((s) => asText(asMap(asMap(s)?.configMap)?.name)),
  ]).filter((n): n is string => n !== undefined);
}

/** Multi-line values of a ConfigMap are config files: every setting in them may address a Service. */
function configFileEdges(w: Workload, cluster: Cluster, cm: ConfigMapData, note?: string): ImportedEdge[] {
  const edges: ImportedEdge[] = [];
  for (const [key, raw] of Object.entries(cm.data)) {
    const text = asText(raw);
    if (text === undefined || !text.includes('\n')) continue;
    const at = cm.lines.at(cm.data, key);
    for (const s of settingsIn(text, at.file, at.line + 1)) {
      const found = refEdges(w, cluster, `ConfigMap ${cm.name} ${key}: ${s.path}`, s.key, s.value, s.loc);
      pushAll(edges, (note ? found.map((e) => ({ ...e, note: `${e.note}; ${note}` })) : found));
    }
  }
  return edges;
}

/**
 * A ConfigMap nobody mounts or reads but whose name starts with a workload's name (`grafana-datasources`)
 * is usually loaded by that workload another way (a sidecar watching labels, an operator): its config
 * files count for that workload, and the edges say so.
 */
function unmountedConfigEdges(workloads: readonly Workload[], cluster: Cluster, used: ReadonlySet<string>): ImportedEdge[] {
  const edges: ImportedEdge[] = [];
  for (const [id, cm] of [...cluster.configMaps].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (used.has(id)) continue;
    const ns = id.slice(0, id.indexOf('/'));
    const owner = workloads.filter((w) => w.ns === ns && cm.name.startsWith(`${w.name}-`)).sort((a, b) => b.name.length - a.name.length)[0];
    if (owner) pushAll(edges, configFileEdges(owner, cluster, cm, `ConfigMap ${cm.name} is not mounted; taken as ${owner.name}'s by its name`));
  }
  return edges;
}

function refEdges(w: Workload, cluster: Cluster, evidence: string, name: string, value: string, loc: Location): ImportedEdge[] {
  const edges: ImportedEdge[] = [];
  for (const ref of addressesIn(name, value)) {
    const svc = serviceOf(ref.host, w.ns, cluster.namespaces);
    if (!svc || svc === 'default/kubernetes') continue; // outside the cluster, or the API server itself
    const keys = cluster.behind.get(svc);
    const kind = edgeKind(evidence, name, ref, { fromTelemetry: cluster.telemetry.has(w.key), toTelemetry: keys !== undefined && keys.every((k) => cluster.telemetry.has(k)) });
    const base = { from: w.key, evidence, loc, type: kind.type, guessed: true };
    if (keys) {
      const several = keys.length > 1 ? `; Service ${svc} selects ${keys.length} workloads, any one of them serves` : '';
      edges.push({ ...base, to: { keys }, note: kind.note + several });
    } else if (ref.explicit) {
      edges.push({ ...base, to: { name: svc.slice(svc.indexOf('/') + 1) }, note: kind.note });
    }
  }
  return edges;
}

/** `ns/name` of the Service a host names, or undefined for a host outside the cluster. */
function serviceOf(host: string, ns: string, namespaces: ReadonlySet<string>): string | undefined {
  const parts = host.split('.');
  if (parts.length === 1) return `${ns}/${parts[0]}`;
  if (parts[2] === 'svc' || (parts.length === 2 && namespaces.has(parts[1]!))) return `${parts[1]}/${parts[0]}`;
  return undefined;
}

/** Service names an Ingress routes to (networking.k8s.io/v1 and the older v1beta1 shape). */
function ingressBackends(doc: Plain): string[] {
  const spec = asMap(doc.spec);
  const backends = [spec?.defaultBackend, spec?.backend];
  for (const rule of asList(spec?.rules)) for (const path of asList(asMap(asMap(rule)?.http)?.paths)) backends.push(asMap(path)?.backend);
  return backends.map(asMap).flatMap((b) => {
    const name = asText(asMap(b?.service)?.name) ?? asText(b?.serviceName);
    return name ? [name] : [];
  });
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}


/**
 * Kubernetes manifests → services and edges. Workloads (Deployment, StatefulSet, DaemonSet, Job,
 * CronJob, Pod…) are the services; an env value that addresses a Service (`name:port`,
 * `name.namespace.svc.cluster.local`, URLs) is an edge to the workloads that Service selects —
 * `anyOf` them when it selects several. A Service selecting no workload stands for itself.
 * LoadBalancer/NodePort Services and Ingress backends mark their workloads as entrypoints.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { Location } from '../model/types.js';
import { addressesIn } from './address.js';
import { asList, asMap, asText, parseYamlDocs, type Lines, type Plain } from './located.js';
import { roleFromImage } from './roles.js';
import type { ImportedEdge, ImportedService, InputText, Reading } from './types.js';
import { pushAll } from '../model/arrays.js';

const TEMPLATED = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'Rollout', 'DeploymentConfig'];

interface Obj { readonly doc: Plain; readonly lines: Lines; readonly kind: string; readonly name: string; readonly ns: string }
interface Workload extends Obj { readonly key: string; readonly labels: Plain; readonly pod: Plain }
interface Svc extends Obj { readonly selector?: Plain; readonly type?: string }

export function readK8s(inputs: readonly InputText[]): Reading {
  const diagnostics: Diagnostic[] = [];
  const objects: Obj[] = [];
  for (const input of inputs) {
    const parsed = parseYamlDocs(input.text, input.file);
    pushAll(diagnostics, parsed.diagnostics);
    const push = (d: unknown) => {
      const doc = asMap(d);
      const kind = asText(doc?.kind);
      if (!doc || !kind) return;
      if (kind === 'List') { asList(doc.items).forEach(push); return; }
      const meta = asMap(doc.metadata);
      const name = asText(meta?.name);
      if (name) objects.push({ doc, lines: parsed.lines, kind, name, ns: asText(meta?.namespace) ?? 'default' });
    };
    parsed.docs.forEach(push);
  }
  const workloads = objects.flatMap((o): Workload[] => {
    const spec = asMap(o.doc.spec);
    const template = o.kind === 'Pod' ? o.doc
      : o.kind === 'CronJob' ? asMap(asMap(asMap(spec?.jobTemplate)?.spec)?.template)
      : TEMPLATED.includes(o.kind) ? asMap(spec?.template) : undefined;
    if (!template) return [];
    return [{ ...o, key: `${o.kind} ${o.ns}/${o.name}`, labels: asMap(asMap(template.metadata)?.labels) ?? {}, pod: asMap(template.spec) ?? {} }];
  });
  const svcs = new Map<string, Svc>();
  for (const o of objects) {
    if (o.kind !== 'Service') continue;
    const spec = asMap(o.doc.spec);
    svcs.set(`${o.ns}/${o.name}`, { ...o, ...(asMap(spec?.selector) ? { selector: asMap(spec?.selector)! } : {}), ...(asText(spec?.type) ? { type: asText(spec?.type)! } : {}) });
  }
  const namespaces = new Set(objects.map((o) => o.ns));

  const services: ImportedService[] = [];
  const edges: ImportedEdge[] = [];
  const entry = new Map<string, string>();
  /** Keys of the services a Service reference means. */
  const behind = new Map<string, string[]>();
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

  for (const w of workloads) {
    const containers = [...asList(w.pod.initContainers), ...asList(w.pod.containers)].map(asMap).filter((c): c is Plain => c !== undefined);
    // the main containers say what the workload is; init containers only prepare it
    const image = [...asList(w.pod.containers), ...asList(w.pod.initContainers)].map((c) => asText(asMap(c)?.image)).find((i) => i !== undefined);
    const guess = roleFromImage(image);
    const replicas = asMap(w.doc.spec)?.replicas;
    const why = entry.get(w.key);
    services.push({
      key: w.key, name: w.name, qualified: [`${w.name}.${w.ns}`, `${w.name}-${w.kind.toLowerCase()}`],
      ...(guess ? { role: guess.role } : {}),
      ...(why ? { entrypoint: true } : {}),
      x: {
        'x-kind': w.kind,
        ...(w.ns !== 'default' ? { 'x-namespace': w.ns } : {}),
        ...(typeof replicas === 'number' ? { 'x-replicas': replicas } : {}),
        ...(image ? { 'x-image': image } : {}),
      },
      notes: [...(guess ? [guess.note] : []), ...(why ? [`guessed: entrypoint, ${why}`] : [])],
      loc: w.lines.at(w.doc, 'kind'),
    });
    for (const c of containers) {
      const env = asList(c.env);
      env.forEach((e, i) => {
        const name = asText(asMap(e)?.name);
        const value = asText(asMap(e)?.value);
        if (!name || value === undefined) return;
        for (const ref of addressesIn(name, value)) {
          const svc = serviceOf(ref.host, w.ns, namespaces);
          if (!svc) continue;
          const loc: Location = w.lines.at(env, i);
          const keys = behind.get(svc);
          const base = { from: w.key, evidence: `env ${name}`, loc };
          if (keys) {
            edges.push({
              ...base, to: { keys }, type: ref.healthCheck ? 'soft' : 'hard',
              ...(ref.healthCheck ? { note: `guessed: ${name} is a health-check address only → soft` }
                : keys.length > 1 ? { note: `guessed: Service ${svc} selects ${keys.length} workloads; any one of them serves` } : {}),
            });
          } else if (ref.explicit) {
            edges.push({ ...base, to: { name: svc.slice(svc.indexOf('/') + 1) }, type: 'hard' });
          }
        }
      });
    }
  }
  return { format: 'k8s', services, edges, diagnostics };
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

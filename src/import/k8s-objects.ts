/**
 * Kubernetes inputs → the objects the reader works on, each with its namespace decided the way
 * `kubectl apply -n NS` decides it: an object without `metadata.namespace` goes to `--namespace`,
 * else (when the inputs name exactly one namespace) to that one, else to `default` — with a warning
 * whenever explicit and missing namespaces are mixed. Unrendered Helm templates are refused with
 * one clear message instead of a YAML syntax error.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { Location } from '../model/types.js';
import { asList, asMap, asText, parseYamlDocs, type Lines, type Plain } from './located.js';
import type { InputText } from './types.js';
import { pushAll } from '../model/arrays.js';

export interface Obj { readonly doc: Plain; readonly lines: Lines; readonly kind: string; readonly name: string; readonly ns: string }

const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'PriorityClass', 'IngressClass', 'RuntimeClass', 'APIService', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
  'ClusterIssuer', 'CSIDriver', 'VolumeSnapshotClass',
]);
/** Go-template actions Helm charts use; rendered output never contains them (dashboards' `{{instance}}` are not actions). */
const HELM_ACTION = /\{\{-?\s*(\.[A-Za-z]|include\b|if\b|else\b|end\b|range\b|with\b|template\b|define\b|toYaml\b|tpl\b|required\b|default\b)/;

export function readObjects(inputs: readonly InputText[], namespace: string | undefined): { objects: Obj[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const raw: { doc: Plain; lines: Lines; kind: string; name: string; ns?: string }[] = [];
  for (const input of inputs) {
    const helm = helmLine(input.text);
    if (helm !== undefined) {
      diagnostics.push({ file: input.file, line: helm, column: 1, severity: 'error', message: 'unrendered Helm template ({{ … }}): render the chart with `helm template RELEASE CHART > manifests.yaml` first, then import the output' });
      continue;
    }
    const parsed = parseYamlDocs(input.text, input.file);
    pushAll(diagnostics, parsed.diagnostics);
    const push = (d: unknown) => {
      const doc = asMap(d);
      const kind = asText(doc?.kind);
      if (!doc || !kind) return;
      if (kind === 'List') { asList(doc.items).forEach(push); return; }
      const meta = asMap(doc.metadata);
      const name = asText(meta?.name);
      const ns = asText(meta?.namespace);
      if (name) raw.push({ doc, lines: parsed.lines, kind, name, ...(ns !== undefined && !CLUSTER_SCOPED.has(kind) ? { ns } : {}) });
    };
    parsed.docs.forEach(push);
  }
  const namespaced = raw.filter((o) => !CLUSTER_SCOPED.has(o.kind));
  const named = [...new Set(namespaced.flatMap((o) => (o.ns !== undefined ? [o.ns] : [])))].sort();
  const missing = namespaced.filter((o) => o.ns === undefined);
  const fallback = namespace ?? (named.length === 1 ? named[0]! : 'default');
  if (missing.length > 0 && named.length > 0) {
    const first = missing[0]!;
    const why = namespace !== undefined ? 'as --namespace says'
      : named.length === 1 ? `as \`kubectl apply -n ${fallback}\` would place them; pass --namespace to choose another`
        : 'pass --namespace to choose another';
    diagnostics.push({ ...where(first), severity: 'warning', message: `the inputs mix objects with a namespace (${named.join(', ')}) and ${missing.length} without one; those are taken as in "${fallback}", ${why}` });
  }
  return { objects: raw.map((o) => ({ doc: o.doc, lines: o.lines, kind: o.kind, name: o.name, ns: o.ns ?? fallback })), diagnostics };
}

function where(o: { doc: Plain; lines: Lines }): Location {
  return o.lines.at(o.doc, 'metadata');
}

function helmLine(text: string): number | undefined {
  if (!text.includes('{{')) return undefined;
  const rows = text.split('\n');
  const i = rows.findIndex((r) => !r.trimStart().startsWith('#') && HELM_ACTION.test(r));
  return i < 0 ? undefined : i + 1;
}

/**
 * A container's environment as Kubernetes builds it: `envFrom` sources first (ConfigMaps; Secrets
 * contribute key names only, their values are never read), then `env` entries, which override them;
 * `valueFrom.configMapKeyRef` reads one ConfigMap key; `$(VAR)` in a value expands to a variable
 * defined before it (`$$(VAR)` is a literal). Each value keeps the line that states it: for a
 * ConfigMap value, the line in the ConfigMap.
 */
import type { Location } from '../model/types.js';
import { UNRESOLVED } from './address.js';
import { asList, asMap, asText, type Lines, type Plain } from './located.js';

export interface EnvValue {
  readonly name: string;
  readonly value: string;
  readonly loc: Location;
  /** `env NAME`, or `env NAME (ConfigMap cm)` when the value comes from a ConfigMap. */
  readonly evidence: string;
}

export interface ConfigMapData { readonly name: string; readonly data: Plain; readonly lines: Lines }

export function containerEnv(c: Plain, lines: Lines, configMap: (name: string) => ConfigMapData | undefined): EnvValue[] {
  const vars = new Map<string, EnvValue>();
  const envFrom = asList(c.envFrom);
  for (const source of envFrom.map(asMap)) {
    const prefix = asText(source?.prefix) ?? '';
    const cm = configMap(asText(asMap(source?.configMapRef)?.name) ?? '');
    if (!cm) continue; // a Secret, or a ConfigMap not in the inputs: names without values
    for (const [key, raw] of Object.entries(cm.data)) {
      const value = asText(raw);
      if (value !== undefined) vars.set(prefix + key, { name: prefix + key, value, loc: cm.lines.at(cm.data, key), evidence: `env ${prefix + key} (ConfigMap ${cm.name})` });
    }
  }
  const env = asList(c.env);
  env.forEach((e, i) => {
    const entry = asMap(e);
    const name = asText(entry?.name);
    if (!name) return;
    const ref = asMap(asMap(entry?.valueFrom)?.configMapKeyRef);
    if (ref) {
      const cm = configMap(asText(ref.name) ?? '');
      const key = asText(ref.key) ?? '';
      const value = cm ? asText(cm.data[key]) : undefined;
      if (cm && value !== undefined) vars.set(name, { name, value, loc: cm.lines.at(cm.data, key), evidence: `env ${name} (ConfigMap ${cm.name})` });
      else vars.delete(name);
      return;
    }
    const value = asText(entry?.value);
    if (value === undefined) { vars.delete(name); return; } // secretKeyRef, fieldRef…: not known here
    vars.set(name, { name, value: expandRefs(value, vars), loc: lines.at(env, i), evidence: `env ${name}` });
  });
  return [...vars.values()];
}

/** `$(VAR)` → the value of VAR defined earlier; an undefined one can never be an address. */
export function expandRefs(value: string, vars: ReadonlyMap<string, { readonly value: string }>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => {
    if (name === undefined) return '$';
    return vars.get(name)?.value ?? UNRESOLVED;
  });
}

/**
 * Settings inside configuration files carried as text (a ConfigMap's `relay: |` collector config,
 * Grafana datasources, `application.properties`, INI): every leaf as `key path = value` with its line,
 * so an address in `exporters.otlp.endpoint` is found like one in an env var. YAML (and JSON, a YAML
 * subset) first; text that is not a YAML map is read as `key = value` / `key: value` lines.
 */
import type { Location } from '../model/types.js';
import { asMap, asText, isObject, parseYamlDocs, type Lines } from './located.js';

export interface Setting {
  /** The leaf's own key (`endpoint`), which judges a bare value; for list items, the list's key. */
  readonly key: string;
  /** `exporters.otlp.endpoint`, for the evidence. */
  readonly path: string;
  readonly value: string;
  readonly loc: Location;
}

const MAX_SETTINGS = 20_000;

/** `firstLine`: the line the text's first line is on (a block scalar starts below its key). */
export function settingsIn(text: string, file: string, firstLine: number): Setting[] {
  const parsed = parseYamlDocs(text, file, firstLine - 1);
  const maps = parsed.diagnostics.some((d) => d.severity === 'error') ? [] : parsed.docs.filter((d) => isObject(d));
  if (maps.length === 0) return lineSettings(text, file, firstLine);
  const out: Setting[] = [];
  const walk = (node: unknown, key: string, path: string, lines: Lines, owner: unknown, at: string | number) => {
    if (out.length >= MAX_SETTINGS) return;
    const text = asText(node);
    if (text !== undefined) { out.push({ key, path, value: text, loc: lines.at(owner, at) }); return; }
    if (Array.isArray(node)) { node.forEach((item, i) => walk(item, key, path, lines, node, i)); return; }
    for (const [k, v] of Object.entries(asMap(node) ?? {})) walk(v, k, path === '' ? k : `${path}.${k}`, lines, node, k);
  };
  for (const doc of maps) walk(doc, '', '', parsed.lines, doc, '');
  return out;
}

function lineSettings(text: string, file: string, firstLine: number): Setting[] {
  const out: Setting[] = [];
  let section = '';
  text.split('\n').forEach((row, i) => {
    const line = row.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) { section = header[1]!.trim(); return; }
    const kv = /^([A-Za-z0-9_.\-/]+)\s*[=:]\s*(.*)$/.exec(line);
    if (!kv || out.length >= MAX_SETTINGS) return;
    const key = kv[1]!;
    out.push({ key, path: section === '' ? key : `${section}.${key}`, value: kv[2]!.trim().replace(/^["']|["']$/g, ''), loc: { file, line: firstLine + i, column: row.indexOf(key) + 1 } });
  });
  return out;
}

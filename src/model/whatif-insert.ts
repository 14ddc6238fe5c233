/**
 * Adds what-ifs to one scenario of a graph file's text, keeping every other byte: the new entries
 * are spliced in at the end of the scenario's `whatIfs` map (or a new `whatIfs:` key at the end of
 * the scenario), found through the YAML library's node ranges, so comments and formatting stay.
 * Ids already present are left as they are (running it twice changes nothing).
 */
import type { YAMLMap } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import type { JsonValue } from './types.js';

export interface NewWhatIf {
  readonly id: string;
  readonly title: string;
  readonly patch: JsonValue;
}

export type InsertResult = { readonly text: string; readonly added: readonly string[]; readonly kept: readonly string[] } | { readonly error: string };

export function insertWhatIfs(text: string, scenario: string, items: readonly NewWhatIf[]): InsertResult {
  // The yaml library only when what-ifs are written: every audit imports this module (yaml-lib.ts).
  const { isMap, parseDocument, stringify } = yamlLib();
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) return { error: doc.errors[0]!.message };
  const scen = doc.getIn(['scenarios', scenario], true);
  if (!isMap(scen) || !scen.range) return { error: `no scenario "${scenario}" in this file` };
  const existing = scen.get('whatIfs', true);
  const present = isMap(existing) ? new Set(existing.items.map((p) => String((p.key as { value?: unknown }).value ?? p.key))) : new Set<string>();
  const fresh = items.filter((w) => !present.has(w.id));
  const kept = items.filter((w) => present.has(w.id)).map((w) => w.id);
  if (fresh.length === 0) return { text, added: [], kept };
  const body = (indent: number) => indentLines(stringify(Object.fromEntries(fresh.map((w) => [w.id, { title: w.title, patch: w.patch }])), { lineWidth: 0 }), indent);
  const scenIndent = keyColumn(text, scen);
  if (existing === undefined || existing === null) {
    return { text: spliceAfter(text, scen.range[1], `${' '.repeat(scenIndent)}whatIfs:\n${body(scenIndent + 2)}`), added: fresh.map((w) => w.id), kept };
  }
  if (!isMap(existing) || !existing.range) return { error: `"whatIfs" of scenario "${scenario}" is not a map` };
  if (existing.flow) {
    if (existing.items.length > 0) return { error: `"whatIfs" of scenario "${scenario}" is written in flow style ({ … }); add the what-ifs by hand` };
    const [a, b] = existing.range;
    return { text: `${text.slice(0, a)}\n${body(scenIndent + 2).replace(/\n$/, '')}${text.slice(b)}`, added: fresh.map((w) => w.id), kept };
  }
  return { text: spliceAfter(text, existing.range[1], body(keyColumn(text, existing))), added: fresh.map((w) => w.id), kept };
}

/** Column of the first key of a block map. */
function keyColumn(text: string, map: YAMLMap): number {
  const key = map.items[0]?.key as { range?: [number, number, number] } | undefined;
  const at = key?.range?.[0] ?? map.range![0];
  return at - (text.lastIndexOf('\n', at - 1) + 1);
}

function indentLines(block: string, indent: number): string {
  return block.split('\n').map((l) => (l === '' ? l : ' '.repeat(indent) + l)).join('\n');
}

/** Inserts `block` at the start of the line after offset `end`. */
function spliceAfter(text: string, end: number, block: string): string {
  if (end > 0 && text[end - 1] === '\n') return text.slice(0, end) + block + text.slice(end);
  const nl = text.indexOf('\n', end);
  return nl < 0 ? `${text}\n${block}` : text.slice(0, nl + 1) + block + text.slice(nl + 1);
}

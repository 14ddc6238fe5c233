/** Small graphs for the engine tests: YAML in, Model out, and a compact view of a timeline. */
import { loadText } from '../../src/model/load.js';
import type { Model } from '../../src/model/types.js';
import type { Replay } from '../../src/engine/index.js';

/** A graph with `services` (YAML, indented 2) and one scenario `s` starting at midnight UTC. */
export function graph(services: string, events: string, extra = ''): Model {
  const text = `faultline: 1\nname: t\nservices:\n${services}\nscenarios:\n  s:\n    start: 2020-01-01T00:00:00Z\n    events:\n${events}\n${extra}`;
  const { value: model, errors } = loadText(text, 'test.yaml');
  if (!model) throw new Error(errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n') + '\n' + text);
  return model;
}

/** `"12 b down edge"` per transition (minutes rounded to 0.01). */
export function lines(r: Replay): string[] {
  return r.timeline.map((t) => `${Math.round(t.atMin * 100) / 100} ${t.service} ${t.from === t.state ? `stays ${t.state}` : t.state} ${t.cause.kind}`);
}

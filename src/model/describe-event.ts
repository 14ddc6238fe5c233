/**
 * A scenario event in words, e.g. `scale api by +400 nodes over 1h3m`: one wording for
 * the reports, the replay text and the terminal UI. Numbers come from the parsed event, so
 * `over: 63m` reads `over 1h3m` whatever the file wrote.
 */
import { num } from './numbers.js';
import { formatDuration } from './time.js';
import type { JsonValue, ScenarioAction } from './types.js';

export function describeEvent(a: ScenarioAction): string {
  switch (a.kind) {
    case 'scale': {
      const size = a.to !== undefined ? `to ${num(a.to)} nodes` : `by ${(a.by ?? 0) > 0 ? '+' : ''}${num(a.by ?? 0)} nodes`;
      return `scale ${a.service} ${size}${a.overMin > 0 ? ` over ${formatDuration(a.overMin)}` : ''}`;
    }
    case 'fail': return `${a.service} fails (${a.state})`;
    case 'recover': return `${a.service} recovers (the fail is cleared)`;
    case 'restart':
      return `rolling restart of ${a.service}${a.perHour !== undefined ? ` at ${num(a.perHour)}/h` : ''}${a.after ? `, once ${a.after.join(', ')} ${a.after.length === 1 ? 'is' : 'are'} ok` : ''}`;
    case 'patch': return `graph changed: ${patchSummary(a.patch)}`;
    case 'corrupt': return `a bad state reaches ${num(a.nodes)} node${a.nodes === 1 ? '' : 's'} of ${a.service}`;
    case 'stop': return `global stop of ${a.service}`;
    case 'milestone': return a.text;
  }
}

/** `auth (dependsOn)`, `old-db removed`: which services a merge patch touches, and how. */
function patchSummary(patch: JsonValue): string {
  const services = isObject(patch) ? patch.services : undefined;
  if (!isObject(services)) return 'merge patch';
  const parts = Object.keys(services).sort().map((id) => {
    const v = services[id];
    if (v === null) return `${id} removed`;
    return isObject(v) && Object.keys(v).length > 0 ? `${id} (${Object.keys(v).sort().join(', ')})` : id;
  });
  return parts.length > 0 ? parts.join('; ') : 'merge patch';
}

function isObject(v: JsonValue | undefined): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

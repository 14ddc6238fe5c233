/**
 * Compose variables: `.env` / `env_file:` files (`KEY=VALUE`, `export`, quotes, ` #` comments) and
 * `${VAR}` interpolation with every form Compose accepts (`${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR:+alt}`, `$VAR`, `$$`). Only files are read, never the shell's environment,
 * so an import gives the same graph on every machine; a variable nobody defines stays unresolved
 * and a value containing it is never taken as an address.
 */
import type { Location } from '../model/types.js';
import { UNRESOLVED } from './address.js';

export interface Variable { readonly value: string; readonly loc: Location }
export type Variables = ReadonlyMap<string, Variable>;

/** Parses an env file; values may use variables defined above them (or in `outer`). */
export function parseEnvFile(text: string, file: string, outer: Variables = new Map()): Map<string, Variable> {
  const vars = new Map<string, Variable>(outer);
  text.split('\n').forEach((row, i) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$/.exec(row.replace(/\r$/, ''));
    if (!m) return;
    const raw = m[2]!;
    let value: string;
    if (raw.startsWith("'")) value = raw.slice(1, raw.lastIndexOf("'") > 0 ? raw.lastIndexOf("'") : undefined);
    else if (raw.startsWith('"')) {
      const body = raw.slice(1, raw.lastIndexOf('"') > 0 ? raw.lastIndexOf('"') : undefined);
      value = interpolate(body.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1'), vars);
    } else value = interpolate(raw.replace(/\s+#.*$/, ''), vars);
    vars.set(m[1]!, { value, loc: { file, line: i + 1, column: 1 } });
  });
  return vars;
}

const DOLLAR = '\u0001';

/** Compose interpolation; an undefined variable without a default becomes UNRESOLVED. */
export function interpolate(value: string, vars: Variables): string {
  let text = value.replace(/\$\$/g, DOLLAR);
  const get = (name: string) => vars.get(name)?.value;
  for (let round = 0; round < 8 && text.includes('$'); round++) {
    const next = text
      .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^${}]*))?\}/g, (_m, name: string, op: string | undefined, arg: string) => {
        const v = get(name);
        const empty = v === undefined || (op?.startsWith(':') === true && v === '');
        if (op === undefined) return v ?? UNRESOLVED;
        if (op.endsWith('-')) return empty ? arg : v;
        if (op.endsWith('+')) return empty ? '' : arg;
        return empty ? UNRESOLVED : v; // `?`: required; the error is Compose's to report
      })
      .replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => get(name) ?? UNRESOLVED);
    if (next === text) break;
    text = next;
  }
  return text.replace(/\$\{[^}]*\}/g, UNRESOLVED).replace(new RegExp(DOLLAR, 'g'), '$');
}

/**
 * `npm ci` on Node 20 must print no EBADENGINE warning: a newcomer reads one as "broken". Every package in
 * the lockfile that states `engines.node` must admit the oldest Node the project supports.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const NODE = [20, 0, 0] as const;

type Version = readonly number[];

function parse(v: string): Version | undefined {
  const m = /^v?(\d+|x|\*)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(v.trim());
  if (!m) return undefined;
  return [m[1], m[2], m[3]].map((p) => (p === undefined || p === 'x' || p === '*' ? 0 : Number(p)));
}

function cmp(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** One comparator (`>=18`, `^20.1`, `~20`, `20.x`, `<23`) against a version. */
function admits(comparator: string, v: Version): boolean {
  const m = /^(>=|<=|>|<|\^|~|=)?\s*(.+)$/.exec(comparator.trim());
  if (!m) return false;
  const op = m[1] ?? '';
  const want = parse(m[2]!);
  if (!want) return comparator.trim() === '*';
  const c = cmp(v, want);
  switch (op) {
    case '>=': return c >= 0;
    case '>': return c > 0;
    case '<=': return c <= 0;
    case '<': return c < 0;
    case '^': return c >= 0 && v[0] === want[0];
    case '~': return c >= 0 && v[0] === want[0] && v[1] === want[1];
    default: {
      const parts = m[2]!.split('.').length;
      return v.slice(0, parts).every((p, i) => p === want[i] || /x|\*/.test(m[2]!.split('.')[i] ?? ''));
    }
  }
}

/** A range: `||` alternatives of space-separated comparators; hyphen ranges `a - b`. */
export function satisfies(range: string, v: Version): boolean {
  return range.split('||').some((alt) => {
    const hy = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(alt);
    if (hy) return admits(`>=${hy[1]}`, v) && admits(`<=${hy[2]}`, v);
    const comps = alt.trim().replace(/(>=|<=|>|<|\^|~|=)\s+/g, '$1').split(/\s+/).filter(Boolean);
    return comps.length === 0 || comps.every((c) => admits(c, v));
  });
}

describe('dependencies support Node 20', () => {
  it('the range checker reads the usual forms', () => {
    expect(satisfies('>=18', [...NODE])).toBe(true);
    expect(satisfies('>=22.12.0', [...NODE])).toBe(false);
    expect(satisfies('^18 || ^20 || >=22', [...NODE])).toBe(true);
    expect(satisfies('^18.18.0 || ^20.9.0 || >=21.1.0', [20, 20, 2])).toBe(true);
    expect(satisfies('>= 14.17', [...NODE])).toBe(true);
    expect(satisfies('20.x', [20, 5, 0])).toBe(true);
    expect(satisfies('<20', [...NODE])).toBe(false);
  });

  it('every locked package with engines.node admits the Node this machine runs (>= 20)', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { engines?: { node?: string } | string[] }>;
    };
    const here = parse(process.versions.node)!;
    const refused = Object.entries(lock.packages)
      .filter(([name]) => name !== '')
      .flatMap(([name, p]) => {
        const range = !Array.isArray(p.engines) ? p.engines?.node : undefined;
        return range !== undefined && !satisfies(range, here) ? [`${name}: node ${range}`] : [];
      });
    expect(refused).toEqual([]);
  });
});

/**
 * `audit --focus SERVICE --depth N`: the audit of the whole graph, cut down to what touches the
 * neighbourhood (analysis/neighbourhood.ts) — findings naming a service in it, its members' blast
 * radii, cycles and hazards through it. Nothing is re-analysed: a cycle or a blast radius that
 * reaches outside the neighbourhood is reported whole.
 */
import type { Neighbourhood } from './neighbourhood.js';
import type { Audit } from './types.js';

export function focusAudit(a: Audit, nb: Neighbourhood): Audit {
  const inside = new Set(nb.members);
  const touches = (ids: readonly string[]) => ids.some((id) => inside.has(id));
  const byService = <T extends { readonly service: string }>(xs: readonly T[]) => xs.filter((x) => inside.has(x.service));
  return {
    ...a,
    findings: a.findings.filter((f) => touches(f.services) || touches(f.path ?? [])),
    blastRadius: byService(a.blastRadius),
    cycles: a.cycles.filter((c) => touches(c.members)),
    ...(a.deadlocks ? { deadlocks: a.deadlocks.filter((c) => touches(c.members)) } : {}),
    toolingCycles: a.toolingCycles.filter((c) => touches(c.path)),
    spof: a.spof.filter((s) => inside.has(s.entrypoint) || touches(s.services)),
    scaling: byService(a.scaling),
    restart: byService(a.restart),
    ...(a.mesh ? { mesh: { requestPath: byService(a.mesh.requestPath), unchecked: byService(a.mesh.unchecked), rebuild: byService(a.mesh.rebuild) } } : {}),
  };
}

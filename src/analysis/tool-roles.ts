/**
 * Which tool-to-tool dependencies count as incident-tooling cycles. The notification pipeline —
 * monitoring, alerting and chat tools — exists to reach its next tool: Prometheus needs
 * Alertmanager to send an alert, Alertmanager needs the pager to page, the pager may post to chat.
 * That one of them goes down with another is how every alerting pipeline looks, not a cycle. So
 * `supports: "*"` (the default for tooling roles) of a pipeline tool covers every service except
 * the pipeline's tools; status-page, deploy and access tools cover everything, other tools
 * included. An explicit `supports` list is taken as written.
 */
import type { Model, Role } from '../model/types.js';
import type { Index } from './graph.js';
import { Propagator } from './propagate.js';
import type { ToolImpact } from './types.js';
import { cmp } from '../model/order.js';

/** The notification pipeline's roles. */
const PIPELINE: ReadonlySet<Role> = new Set(['monitoring', 'alerting', 'chat']);

/** Does a tool of role `tool` with `supports: "*"` support (need to survive the incidents of) tool role `other`? */
export function starCovers(tool: Role, other: Role): boolean {
  return !(PIPELINE.has(tool) && PIPELINE.has(other));
}

/**
 * Drops, in place, the roots of `*` tools that fall entirely inside the tool's own pipeline: a
 * root the tool does not cover whose failure hits no service the tool covers. Only tools can be
 * such roots, so this runs one exact propagation per (tool, uncovered tool root): a handful.
 */
export function dropPipelineRoots(model: Model, ix: Index, tools: readonly number[], roots: readonly Uint8Array[]): void {
  let propagator: Propagator | undefined;
  const hitCache = new Map<number, readonly number[]>();
  tools.forEach((t, i) => {
    const tool = model.services[t]!;
    if (tool.supports !== '*' || !PIPELINE.has(tool.role)) return;
    const covers = (v: number) => { const s = model.services[v]!; return s.supports === undefined || starCovers(tool.role, s.role); };
    const mine = roots[i]!;
    for (let r = 0; r < ix.n; r++) {
      if (!mine[r] || covers(r)) continue;
      propagator ??= new Propagator(ix);
      if (!hitCache.has(r)) hitCache.set(r, propagator.run(r).hit);
      if (!hitCache.get(r)!.some(covers)) mine[r] = 0;
    }
  });
}

/** Per root, the tools it takes down or degrades in an incident they are needed for, from the pass's root bits. */
export function toolImpact(ix: Index, tools: readonly number[], roots: readonly Uint8Array[]): ToolImpact[] {
  const byRoot = new Map<number, { down: string[]; degraded: string[] }>();
  tools.forEach((t, i) => {
    const mine = roots[i]!;
    for (let r = 0; r < ix.n; r++) {
      if (!mine[r]) continue;
      let e = byRoot.get(r);
      if (!e) byRoot.set(r, e = { down: [], degraded: [] });
      (mine[r] === 2 ? e.down : e.degraded).push(ix.ids[t]!);
    }
  });
  return [...byRoot].map(([r, e]) => ({ root: ix.ids[r]!, down: e.down.sort(cmp), degraded: e.degraded.sort(cmp) }))
    .sort((a, b) => cmp(a.root, b.root));
}

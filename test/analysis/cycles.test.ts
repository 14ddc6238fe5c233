import cytoscape from 'cytoscape';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { audit } from '../../src/analysis/index.js';
import { findCycles } from '../../src/analysis/cycles.js';
import { dependencyCsr, buildIndex, KIND } from '../../src/analysis/graph.js';
import { stronglyConnected } from '../../src/analysis/scc.js';
import { prng } from '../../src/bench/synthetic.js';
import { modelOf, randomDoc } from './helpers.js';

describe('runtime cycles', () => {
  const m = modelOf({
    a: { dependsOn: ['b'] },
    b: { dependsOn: [{ on: 'c', type: 'hard' }] },
    c: { dependsOn: ['a', { on: 'd', type: 'buffered', buffer: { fillsAfter: '5m' } }] },
    d: { dependsOn: [{ on: 'b', type: 'buffered', buffer: { fillsAfter: '5m' } }] },
    e: { dependsOn: [{ on: 'f', type: 'soft' }] },
    f: { dependsOn: ['e'] },
    g: { dependsOn: [{ anyOf: ['h', 'x'], type: 'hard' }] },
    h: { dependsOn: ['g'] },
    x: {},
  });
  const { cycles, deadlocks } = findCycles(buildIndex(m));

  test('every SCC over hard + buffered edges, with a shortest concrete cycle; soft loops are not runtime cycles', () => {
    expect(cycles.map((c) => c.members)).toEqual([['a', 'b', 'c', 'd'], ['g', 'h']]);
    expect(cycles[0]!.path).toEqual(['a', 'b', 'c', 'a']);
    expect(cycles[1]!.path).toEqual(['g', 'h', 'g']);
  });

  test('recovery deadlocks: only all-hard, non-anyOf loops', () => {
    expect(deadlocks.map((c) => c.path)).toEqual([['a', 'b', 'c', 'a']]);
    expect(cycles.map((c) => c.deadlocks)).toEqual([true, false]);
  });

  test('findings are located on the first edge of the cycle', () => {
    const f = audit(m).findings.filter((x) => x.rule === 'runtime-cycle' || x.rule === 'recovery-deadlock');
    expect(f.map((x) => [x.rule, x.severity, x.services.length, x.path?.join('>')])).toEqual([
      ['recovery-deadlock', 'error', 3, 'a>b>c>a'],
      ['runtime-cycle', 'warn', 4, 'a>b>c>a'],
      ['runtime-cycle', 'warn', 2, 'g>h>g'],
    ]);
  });

  test('the shortest cycle is the shortest through the component', () => {
    const g = modelOf({ a: { dependsOn: ['b'] }, b: { dependsOn: ['c'] }, c: { dependsOn: ['d'] }, d: { dependsOn: ['a', 'c'] } });
    expect(findCycles(buildIndex(g)).cycles[0]!.path).toEqual(['c', 'd', 'c']);
  });
});

test('SCCs equal cytoscape tarjanStronglyConnected on random graphs', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer(), (n, seed) => {
    const m = modelOf(randomDoc(n, prng(seed), 2));
    const ix = buildIndex(m);
    const g = dependencyCsr(ix, (c) => ix.clauseKind[c] !== KIND.soft);
    const ours = stronglyConnected(g);
    const mine = new Set<string>();
    for (let k = 0; k < ours.count; k++) {
      mine.add(Array.from(ours.members.subarray(ours.memberStart[k], ours.memberStart[k + 1]), (v) => ix.ids[v]).sort().join(','));
    }
    const elements: cytoscape.ElementDefinition[] = ix.ids.map((id) => ({ data: { id } }));
    for (let v = 0; v < g.n; v++) {
      for (let e = g.start[v]!; e < g.start[v + 1]!; e++) elements.push({ data: { id: `${v}-${g.adj[e]}`, source: ix.ids[v]!, target: ix.ids[g.adj[e]!]! } });
    }
    const cy = cytoscape({ headless: true, elements });
    // Returns { cut, components } in 3.35 (typed differently; an array in some versions).
    const r = cy.elements().tarjanStronglyConnected() as unknown as { components?: cytoscape.Collection[] } | cytoscape.Collection[];
    const comps = Array.isArray(r) ? r : r.components!;
    const theirs = new Set(comps.map((c) => c.nodes().map((x) => x.id()).sort().join(',')));
    expect(mine).toEqual(theirs);
    // Every reported cycle path is a real cycle of the graph, inside its component.
    for (const c of findCycles(ix).cycles) {
      expect(c.path[0]).toBe(c.path[c.path.length - 1]);
      for (let i = 0; i + 1 < c.path.length; i++) {
        const from = ix.pos.get(c.path[i]!)!;
        expect(Array.from(g.adj.subarray(g.start[from], g.start[from + 1]))).toContain(ix.pos.get(c.path[i + 1]!));
        expect(c.members).toContain(c.path[i]);
      }
    }
  }), { numRuns: 150 });
});

test('self-loops (rejected by the loader, but the analysis stands on its own) are cycles and deadlocks', () => {
  const loc = { file: 't', line: 1, column: 1 };
  const svc = (id: string, deps: string[]) => ({
    id, title: id, role: 'service', tier: 2, entrypoint: false, recoversAfterMin: 0, loc,
    dependsOn: deps.map((t) => ({ targets: [t], anyOf: false, type: 'hard', loc })),
  });
  const services = [svc('a', ['a']), svc('b', ['a'])];
  const m = { file: 't', name: 't', title: 't', sources: [], services, byId: new Map(services.map((s) => [s.id, s])), scenarios: [], doc: {} };
  const r = findCycles(buildIndex(m as never));
  expect(r.cycles).toEqual([{ members: ['a'], path: ['a', 'a'], deadlocks: true }]);
  expect(r.deadlocks.map((c) => c.path)).toEqual([['a', 'a']]);
  expect(audit(m as never).blastRadius.find((b) => b.service === 'a')).toMatchObject({ down: ['b'] });
});

/** Orders that make fixpoint sweeps inside strongly connected components converge fast. */
import type { Index } from './graph.js';
import type { Sccs } from './scc.js';

/**
 * Members of every component in DFS postorder along dependency edges inside the component
 * (iterative), so dependencies tend to come before their dependents; same layout as `members`.
 */
export function postorderWithin(ix: Index, sccs: Sccs): Int32Array {
  const out = sccs.members.slice();
  const done = new Uint8Array(ix.n);
  const stackV: number[] = [];
  const stackC: number[] = [];
  for (let k = 0; k < sccs.count; k++) {
    const a = sccs.memberStart[k]!;
    const b = sccs.memberStart[k + 1]!;
    if (b - a === 1) continue;
    let at = a;
    for (let m = a; m < b; m++) {
      const root = sccs.members[m]!;
      if (done[root]) continue;
      done[root] = 1;
      stackV.push(root);
      stackC.push(ix.clauseStart[root]!);
      while (stackV.length > 0) {
        const v = stackV[stackV.length - 1]!;
        const c = stackC[stackC.length - 1]!;
        if (c >= ix.clauseStart[v + 1]!) {
          out[at++] = v;
          stackV.pop();
          stackC.pop();
          continue;
        }
        stackC[stackC.length - 1] = c + 1;
        for (let t = ix.targetStart[c]!; t < ix.targetStart[c + 1]!; t++) {
          const w = ix.targets[t]!;
          if (done[w] || sccs.comp[w] !== k) continue;
          done[w] = 1;
          stackV.push(w);
          stackC.push(ix.clauseStart[w]!);
        }
      }
    }
  }
  return out;
}

/** Whether v names itself in a clause (impossible in a valid graph, handled anyway). */
export function selfLoop(ix: Index, v: number): boolean {
  for (let c = ix.clauseStart[v]!; c < ix.clauseStart[v + 1]!; c++) {
    for (let k = ix.targetStart[c]!; k < ix.targetStart[c + 1]!; k++) if (ix.targets[k] === v) return true;
  }
  return false;
}

/**
 * The import graph of src/, read with the TypeScript parser (no type check, so it is fast): every
 * `import`/`export … from` and every `import('…')` of a relative path, resolved to the file it
 * names. Used by the architecture test; the cycle finder is plain Tarjan over that graph.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';

export interface Import {
  /** Path of the imported file relative to the repository, `src/…/x.ts`. */
  readonly to: string;
  /** `import type`, or every named binding marked `type`: erased at run time. */
  readonly typeOnly: boolean;
  /** `import('…')`: loaded on demand. */
  readonly dynamic: boolean;
}

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(f) ? [p.split('\\').join('/')] : [];
  });
}

/** The relative imports of one file; `exists` maps `./x.js` to `x.ts` or `x.tsx`. */
export function importsOf(file: string, text: string, exists: (path: string) => boolean): Import[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Import[] = [];
  const add = (spec: string, typeOnly: boolean, dynamic: boolean): void => {
    if (!spec.startsWith('.')) return;
    const base = posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.js$/, '');
    const to = [`${base}.ts`, `${base}.tsx`, base].find(exists) ?? `${base}.ts`;
    found.push({ to, typeOnly, dynamic });
  };
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      add(n.moduleSpecifier.text, typeOnlyImport(n.importClause), false);
    } else if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      const named = n.exportClause && ts.isNamedExports(n.exportClause) ? n.exportClause.elements : undefined;
      add(n.moduleSpecifier.text, n.isTypeOnly || (named !== undefined && named.length > 0 && named.every((e) => e.isTypeOnly)), false);
    } else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = n.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) add(arg.text, false, true);
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return found;
}

function typeOnlyImport(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false; // `import './x.js'` runs x
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/** file → its imports, for every .ts/.tsx file under `root`. */
export function importGraph(root: string): Map<string, Import[]> {
  const files = sourceFiles(root);
  const known = new Set(files);
  return new Map(files.map((f) => [f, importsOf(f, readFileSync(f, 'utf8'), (p) => known.has(p))]));
}

/**
 * Every import cycle, as the strongly connected components of more than one file (or a file that
 * imports itself), each listed from its smallest file name and sorted. Iterative Tarjan.
 */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  for (const start of [...graph.keys()].sort()) {
    if (index.has(start)) continue;
    const work: { v: string; next: number }[] = [{ v: start, next: 0 }];
    index.set(start, index.size); low.set(start, index.get(start)!); stack.push(start); onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const out = graph.get(top.v) ?? [];
      if (top.next < out.length) {
        const w = out[top.next++]!;
        if (!index.has(w)) {
          index.set(w, index.size); low.set(w, index.get(w)!); stack.push(w); onStack.add(w);
          work.push({ v: w, next: 0 });
        } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(top.v)!));
      if (low.get(top.v) !== index.get(top.v)) continue;
      const scc: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); scc.push(w); } while (w !== top.v);
      if (scc.length > 1 || out.includes(top.v)) cycles.push(scc.sort());
    }
  }
  return cycles.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

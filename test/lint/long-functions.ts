/**
 * Functions longer than a limit, found with the TypeScript parser: every function declaration,
 * method, constructor, accessor, function expression and arrow function, measured from its first
 * line to its last (nested functions count towards the function that holds them, and on their own).
 */
import ts from 'typescript';
import { sourceFiles } from './imports.js';

export interface LongFunction {
  readonly file: string;
  readonly name: string;
  readonly line: number;
  readonly lines: number;
}

/** The TypeScript files under `dir`, generated code left out (nobody writes it by hand). */
export function sources(dir: string): string[] {
  return sourceFiles(dir).filter((f) => !f.endsWith('.generated.ts'));
}

export function longFunctions(file: string, text: string, limit: number): LongFunction[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: LongFunction[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) && 'body' in n && n.body) {
      const first = src.getLineAndCharacterOfPosition(n.getStart(src)).line;
      const last = src.getLineAndCharacterOfPosition(n.getEnd()).line;
      if (last - first + 1 > limit) found.push({ file, name: nameOf(n), line: first + 1, lines: last - first + 1 });
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return found;
}

/** The function's own name, else the variable, property or class member it is assigned to. */
function nameOf(n: ts.Node): string {
  const named = n as ts.Node & { name?: ts.Node };
  if (named.name && (ts.isIdentifier(named.name) || ts.isStringLiteral(named.name))) return named.name.text;
  const p = n.parent;
  if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return p.name.text;
  if (p && ts.isCallExpression(p)) return `(callback of ${p.expression.getText().slice(0, 40)})`;
  return '(anonymous)';
}

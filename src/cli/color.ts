
import { pushAll } from '../model/arrays.js';/**
 * Whether output may carry colour. `--color always|never` wins; `auto` (the default) follows the
 * conventions other tools share: NO_COLOR (any non-empty value) turns colour off, FORCE_COLOR
 * (anything but "0" or "false") turns it on without a terminal, otherwise colour only on a terminal.
 */
export const COLOR_CHOICES = ['auto', 'always', 'never'] as const;
export type ColorChoice = (typeof COLOR_CHOICES)[number];

export function isColorChoice(s: string): s is ColorChoice {
  return (COLOR_CHOICES as readonly string[]).includes(s);
}

export function colorWanted(choice: ColorChoice, isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (choice !== 'auto') return choice === 'always';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  return isTTY;
}

/** Takes `--color X` / `--color=X` out of the arguments (it is accepted after any command). */
export function takeColorFlag(args: readonly string[]): { args: string[]; choice?: string } {
  const rest: string[] = [];
  let choice: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') { pushAll(rest, args.slice(i)); break; }
    if (a === '--color') { choice = args[i + 1] ?? ''; i++; continue; }
    if (a.startsWith('--color=')) { choice = a.slice('--color='.length); continue; }
    rest.push(a);
  }
  return choice === undefined ? { args: rest } : { args: rest, choice };
}

/**
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

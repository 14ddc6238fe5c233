/**
 * The shape every CLI command shares: its options (for node:util parseArgs), help text with
 * examples, and a run function that returns the exit code (0 fine, 1 findings/check failed,
 * 2 bad input or usage). Commands write through `Io`, never to process.stdout directly, so
 * tests can run them in-process too.
 */
import type { ParseArgsConfig } from 'node:util';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** stdout is a terminal (progress, colours and the TUI only then). */
  readonly isTTY: boolean;
  /** Colours allowed: a TTY and no NO_COLOR. */
  readonly color: boolean;
  /** stderr is a terminal: progress goes there, also when stdout is redirected (`> out.json`). */
  readonly errIsTTY?: boolean;
  /** `--max-file-size`: the largest graph file read (default MAX_FILE_BYTES). */
  readonly maxFileBytes?: number;
}

export interface Command {
  readonly name: string;
  /** e.g. `faultline validate FILE… [--format text|json]` */
  readonly usage: string;
  readonly options: Options;
  /** Lines describing each option, already aligned. */
  readonly optionHelp: readonly string[];
  readonly examples: readonly string[];
  /**
   * Its positionals are graph files: `-` reads standard input and a directory expands to the graphs
   * under it (cli/inputs.ts) before `run` sees them.
   */
  readonly graphArgs?: boolean;
  run(values: Values, positionals: readonly string[], io: Io): Promise<number> | number;
}

export const EXIT = { ok: 0, findings: 1, badInput: 2 } as const;

/** A usage mistake: printed as one line plus the command's usage, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

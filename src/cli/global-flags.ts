/**
 * Options accepted after any command (`--color`, `--max-file-size`): taken out of the arguments
 * before the command's own options are parsed, so every command has them without listing them.
 */
import { pushAll } from '../model/arrays.js';

/** Takes `FLAG X` / `FLAG=X` out of `args` (the last one wins); nothing after `--` is an option. */
export function takeGlobalFlag(args: readonly string[], flag: string): { args: string[]; value?: string } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') { pushAll(rest, args.slice(i)); break; }
    if (a === flag) { value = args[i + 1] ?? ''; i++; continue; }
    if (a.startsWith(`${flag}=`)) { value = a.slice(flag.length + 1); continue; }
    rest.push(a);
  }
  return value === undefined ? { args: rest } : { args: rest, value };
}

const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/**
 * `--max-file-size`: bytes as a number with an optional unit (`300MB`, `0.5GB`, `256MiB`), or
 * undefined when it is not one. Capped below what one JavaScript string can hold.
 */
export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) return undefined;
  const bytes = Math.floor(Number(m[1]) * unit);
  return bytes >= 1 && bytes <= MAX_STRING_BYTES ? bytes : undefined;
}

/** V8's longest string (2^29 − 24 characters): a larger file could not be decoded at all. */
export const MAX_STRING_BYTES = 2 ** 29 - 24;

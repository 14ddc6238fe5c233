/**
 * Node's default heap (about 4 GB here) holds graphs up to a few hundred thousand services; a graph
 * file over the default size limit can need several times that. For such a file the binary runs
 * itself again with a heap of three quarters of the machine's memory, instead of dying with
 * "JavaScript heap out of memory" after minutes of work.
 */
import { MAX_FILE_BYTES } from '../model/load.js';

/** Set in the re-run process, so it never runs itself again. */
export const HEAP_RAISED = 'FAULTLINE_HEAP_RAISED';

export interface HeapFacts {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** V8's current heap limit and the machine's memory, in bytes. */
  readonly heapLimit: number;
  readonly totalMemory: number;
  /** The largest graph an argument holds (inputs.ts graphBytes: files, directories, `-`). */
  readonly sizeOf: (arg: string) => number;
}

/** The `--max-old-space-size` (MB) to run again with, or undefined to go on in this process. */
export function raisedHeapMb(facts: HeapFacts): number | undefined {
  if (facts.env[HEAP_RAISED] !== undefined) return undefined;
  const wanted = Math.floor((facts.totalMemory * 0.75) / 2 ** 20);
  if (wanted * 2 ** 20 <= facts.heapLimit) return undefined;
  const big = facts.argv.some((a) => (a === '-' || !a.startsWith('-')) && facts.sizeOf(a) > MAX_FILE_BYTES);
  return big ? wanted : undefined;
}

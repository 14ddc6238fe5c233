/**
 * The yaml library, loaded on first use. Loading it costs ~0.1–0.2 s of start-up, which files the
 * fast reader takes (yaml-subset.ts: the usual graph files, and JSON) never need: only the fallback
 * for other YAML and for locating syntax errors calls this.
 */
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
let lib: Yaml | undefined;

export function yamlLib(): Yaml {
  lib ??= createRequire(import.meta.url)('yaml') as Yaml;
  return lib;
}

/** A flow collection (`{`/`[`) that the text never closes, by the offset of its opening bracket. */
export interface UnclosedFlow {
  readonly offset: number;
  readonly kind: 'map' | 'seq';
}

/**
 * Flow collections left open (no matching `}`/`]` before the block went on): the yaml library
 * reports those where it notices, at the next line; this finds where each was opened. Called only
 * on that error (it keeps the source tokens, which the usual reading does not need).
 */
export function unclosedFlows(text: string): UnclosedFlow[] {
  const { parseDocument, visit } = yamlLib();
  const out: UnclosedFlow[] = [];
  visit(parseDocument(text, { keepSourceTokens: true, uniqueKeys: false }), {
    Collection(_, node) {
      const token = node.srcToken;
      if (!node.flow || token?.type !== 'flow-collection') return;
      const close = token.start.source === '{' ? '}' : ']';
      if (!token.end.some((e) => e.source === close)) out.push({ offset: token.start.offset, kind: close === '}' ? 'map' : 'seq' });
    },
  });
  return out.sort((a, b) => a.offset - b.offset);
}

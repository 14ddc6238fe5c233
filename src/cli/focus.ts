/** `--focus SERVICE [--depth N]`, shared by audit, report and explore: the neighbourhood, or a usage error. */
import { neighbourhood, parseDepth, type Neighbourhood } from '../analysis/index.js';
import { sanitize } from '../model/sanitize.js';
import { didYouMean } from '../model/suggest.js';
import type { Model } from '../model/types.js';
import { UsageError, type Values } from './command.js';

export const FOCUS_OPTIONS = { focus: { type: 'string' }, depth: { type: 'string' } } as const;
export const FOCUS_HELP = [
  '--focus SERVICE        show only SERVICE\'s dependencies and dependents within N hops (analyses still see the whole graph)',
  '--depth N              hops for --focus (default 2)',
];

export function focusOf(model: Model, file: string, values: Values): Neighbourhood | undefined {
  if (values.focus === undefined) {
    if (values.depth !== undefined) throw new UsageError('--depth needs --focus SERVICE');
    return undefined;
  }
  const depth = parseDepth(values.depth === undefined ? undefined : String(values.depth));
  if (typeof depth === 'string') throw new UsageError(sanitize(depth));
  const id = String(values.focus);
  const nb = neighbourhood(model, id, depth);
  if (!nb) {
    const hint = didYouMean(id, model.services.map((s) => s.id));
    throw new UsageError(`${sanitize(file)}: no service "${sanitize(id)}"${hint ? ` (${sanitize(hint)})` : ''}`);
  }
  return nb;
}

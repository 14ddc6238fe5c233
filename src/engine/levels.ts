/** States as small integers for the hot loop (ok 0 < degraded 1 < down 2). */
import type { State } from '../model/types.js';

export type Level = 0 | 1 | 2;

export const STATE_OF: readonly State[] = ['ok', 'degraded', 'down'];

export function level(state: State): Level {
  return state === 'down' ? 2 : state === 'degraded' ? 1 : 0;
}

/**
 * Text from a graph file is untrusted: a title could carry ANSI escapes or control characters that
 * move the cursor or recolour the screen. Everything the TUI shows from the model passes through
 * `clean`, which uses the project's shared sanitiser (escapes become visible `\u001b` text).
 */
import { sanitize } from '../model/sanitize.js';

export function clean(text: string | undefined): string {
  return text ? sanitize(text) : '';
}

/** The help overlay and the key-hint line, both generated from the keymap. */
import { wrap } from './context.js';
import { KEYMAP, hintsFor, type Mode } from './keymap.js';
import { blank, fit, line, seg, text, type Line } from './lines.js';

const GLYPH: Readonly<Record<string, string>> = {
  down: '↓', up: '↑', left: '←', right: '→', enter: '⏎', esc: 'esc', backspace: '⌫', pageup: 'PgUp', pagedown: 'PgDn',
};

export function keyLabel(keys: readonly string[]): string {
  if (keys.length > 4) return `${keys[0]}–${keys[keys.length - 1]}`;
  return keys.map((k) => GLYPH[k] ?? k).join(' ');
}

export function helpLines(width: number): Line[] {
  const sections = [...new Set(KEYMAP.map((b) => b.section))];
  const keyW = 12;
  const out: Line[] = [text('Every key (the same table drives the input).  ? or esc closes.', 'title')];
  for (const sec of sections) {
    out.push(blank, text(sec, 'accent'));
    for (const b of KEYMAP.filter((x) => x.section === sec)) {
      out.push(line([seg(fit(keyLabel(b.keys), keyW), undefined, true), seg(fit(b.modes.length === 1 && b.modes[0] === 'filter' ? `while filtering: ${b.help}` : b.help, Math.max(10, width - keyW - 1)))]));
    }
  }
  out.push(blank, line([seg('States: '), seg('● ok', 'ok'), seg('  '), seg('▲ degraded', 'degraded'), seg('  '), seg('✖ down', 'down'),
    seg('   list columns: state, id, tier, blast-radius size', 'muted')]));
  const tip = 'Why did a service fail? Select it (j/k, or / to filter), step the replay with ←/→ to the time, read tab 1why; ⏎ then ⏎ on a cause follows it, esc comes back.';
  for (const w of wrap(tip, width)) out.push(text(w, 'muted'));
  return out;
}

/** The hint line(s): as many hints as fit in `rows` lines of `width` columns. */
export function hintRows(mode: Mode, width: number, rows: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const h of hintsFor(mode)) {
    const next = cur ? `${cur}  ${h}` : h;
    if (next.length <= width) { cur = next; continue; }
    out.push(cur);
    cur = h;
    if (out.length === rows) return out;
  }
  if (cur) out.push(cur);
  return out.slice(0, rows);
}

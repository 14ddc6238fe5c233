/**
 * The keymap, declared once: it drives input handling, the key-hint line and the help overlay,
 * so what the UI says a key does is what it does.
 */
import type { Key } from 'ink';

export type Command =
  | 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom'
  | 'open' | 'accept' | 'back' | 'filter' | 'sort' | 'nextTab' | 'prevTab' | 'tab'
  | 'play' | 'faster' | 'slower' | 'prevEvent' | 'nextEvent' | 'prevChange' | 'nextChange' | 'start' | 'end'
  | 'group' | 'collapseAll' | 'focusNear' | 'nearer' | 'farther'
  | 'cycles' | 'blast' | 'whatifs' | 'toggle' | 'help' | 'quit';

/**
 * Where a binding applies. `list`/`detail`: the main screen with that pane focused; `view`: the
 * cycles or blast view; `whatifs`: the what-if view.
 */
export type Mode = 'list' | 'detail' | 'view' | 'whatifs' | 'help' | 'filter';

export interface Binding {
  readonly keys: readonly string[];
  readonly command: Command;
  readonly help: string;
  readonly modes: readonly Mode[];
  /** Shown on the key-hint line in these modes (short label). */
  readonly hint?: { readonly label: string; readonly modes: readonly Mode[] };
  readonly section: 'Move' | 'List' | 'Replay' | 'Views' | 'Other';
}

const MAIN: readonly Mode[] = ['list', 'detail', 'view', 'whatifs'];
const ANY: readonly Mode[] = [...MAIN, 'help'];

export const KEYMAP: readonly Binding[] = [
  { keys: ['j', 'down'], command: 'down', help: 'move down', modes: [...ANY, 'filter'], section: 'Move' },
  { keys: ['k', 'up'], command: 'up', help: 'move up', modes: [...ANY, 'filter'], section: 'Move', hint: { label: 'j/k move', modes: [...MAIN, 'help'] } },
  { keys: ['pagedown', 'ctrl-d'], command: 'pageDown', help: 'page down', modes: [...ANY, 'filter'], section: 'Move' },
  { keys: ['pageup', 'ctrl-u'], command: 'pageUp', help: 'page up', modes: [...ANY, 'filter'], section: 'Move' },
  { keys: ['home'], command: 'top', help: 'first row', modes: ANY, section: 'Move' },
  { keys: ['end'], command: 'bottom', help: 'last row', modes: ANY, section: 'Move' },
  { keys: ['enter'], command: 'accept', help: 'keep the filter and go back to the list', modes: ['filter'], section: 'Move', hint: { label: '⏎ keep', modes: ['filter'] } },
  { keys: ['enter'], command: 'open', help: 'open: service → its details; team → expand/collapse; dependency → drill into it', modes: MAIN, section: 'Move', hint: { label: '⏎ open', modes: MAIN } },
  { keys: ['esc', 'backspace'], command: 'back', help: 'back (history), close view, clear filter', modes: [...ANY, 'filter'], section: 'Move', hint: { label: 'esc back', modes: ['detail', 'view', 'whatifs', 'help', 'filter'] } },
  { keys: ['/'], command: 'filter', help: 'filter services by id or title as you type (⏎ keeps it)', modes: ['list', 'detail'], section: 'Move', hint: { label: '/ filter', modes: ['list'] } },
  { keys: ['tab'], command: 'nextTab', help: 'next detail tab', modes: ['list', 'detail'], section: 'Move', hint: { label: 'tab why/deps…', modes: ['list', 'detail'] } },
  { keys: ['shift-tab'], command: 'prevTab', help: 'previous detail tab', modes: ['list', 'detail'], section: 'Move' },
  { keys: ['1', '2', '3', '4', '5', '6'], command: 'tab', help: 'tab: 1 why 2 deps 3 dependents 4 blast 5 cycles 6 fleet', modes: ['list', 'detail'], section: 'Move' },
  { keys: ['s'], command: 'sort', help: 'sort by name / state / blast radius', modes: ['list', 'detail'], section: 'List', hint: { label: 's sort', modes: ['list'] } },
  { keys: ['t'], command: 'group', help: 'group the list by team (aggregated state per team) / flat list', modes: ['list', 'detail'], section: 'List', hint: { label: 't teams', modes: ['list'] } },
  { keys: ['z'], command: 'collapseAll', help: 'grouped by team: collapse / expand every team', modes: ['list', 'detail'], section: 'List' },
  { keys: ['f'], command: 'focusNear', help: "focus: list only the selected service's dependencies and dependents (f again: all)", modes: ['list', 'detail'], section: 'List', hint: { label: 'f focus', modes: ['list'] } },
  { keys: [']'], command: 'farther', help: 'focus one hop wider', modes: ['list', 'detail'], section: 'List' },
  { keys: ['['], command: 'nearer', help: 'focus one hop narrower', modes: ['list', 'detail'], section: 'List' },
  { keys: ['space'], command: 'play', help: 'play / pause the replay', modes: ['list', 'detail'], section: 'Replay', hint: { label: 'spc play', modes: ['list', 'detail'] } },
  { keys: ['right', 'n'], command: 'nextEvent', help: 'next event or state change', modes: MAIN, section: 'Replay', hint: { label: '←→ event', modes: ['list', 'detail'] } },
  { keys: ['left', 'p'], command: 'prevEvent', help: 'previous event or state change', modes: MAIN, section: 'Replay' },
  { keys: ['N'], command: 'nextChange', help: "next state change of the selected service", modes: ['list', 'detail'], section: 'Replay', hint: { label: 'N/P its changes', modes: ['list', 'detail'] } },
  { keys: ['P'], command: 'prevChange', help: 'previous state change of the selected service', modes: ['list', 'detail'], section: 'Replay' },
  { keys: ['+', '='], command: 'faster', help: 'play faster', modes: MAIN, section: 'Replay' },
  { keys: ['-', '_'], command: 'slower', help: 'play slower', modes: MAIN, section: 'Replay' },
  { keys: ['g'], command: 'start', help: 'jump to the start', modes: MAIN, section: 'Replay' },
  { keys: ['G'], command: 'end', help: 'jump to the end', modes: MAIN, section: 'Replay' },
  { keys: ['c'], command: 'cycles', help: 'view: fix-first problems, runtime and incident-tooling cycles', modes: MAIN, section: 'Views', hint: { label: 'c cycles', modes: MAIN } },
  { keys: ['b'], command: 'blast', help: 'view: blast-radius ranking', modes: MAIN, section: 'Views', hint: { label: 'b blast', modes: MAIN } },
  { keys: ['w'], command: 'whatifs', help: 'view: what-ifs (space/⏎ toggles one)', modes: MAIN, section: 'Views', hint: { label: 'w what-ifs', modes: MAIN } },
  { keys: ['space'], command: 'toggle', help: 'in the what-if view: apply / remove the what-if', modes: ['whatifs'], section: 'Views', hint: { label: 'spc apply/remove', modes: ['whatifs'] } },
  { keys: ['?'], command: 'help', help: 'this help', modes: ANY, section: 'Other', hint: { label: '? help', modes: [...MAIN, 'help'] } },
  { keys: ['q'], command: 'quit', help: 'quit', modes: ANY, section: 'Other', hint: { label: 'q quit', modes: [...MAIN, 'help'] } },
];

/** ink's key report as one name: `j`, `down`, `enter`, `esc`, `ctrl-d`, `shift-tab`, … */
export function keyName(input: string, key: Key): string | undefined {
  // A lone Esc also sets `meta`: check escape first. Backspace arrives as `delete` in ink 6.
  if (key.escape) return 'esc';
  if (key.backspace || key.delete) return 'backspace';
  if (key.return) return 'enter';
  if (key.tab) return key.shift ? 'shift-tab' : 'tab';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.ctrl && input) return `ctrl-${input}`;
  if (input === ' ') return 'space';
  return input || undefined;
}

/** The first binding of `name` in `mode` (order of KEYMAP decides between `play` and `toggle`). */
export function lookup(name: string, mode: Mode): Binding | undefined {
  // While filtering, every printable character is typed into the filter.
  if (mode === 'filter' && [...name].length === 1) return undefined;
  return KEYMAP.find((b) => b.modes.includes(mode) && b.keys.includes(name));
}

export function hintsFor(mode: Mode): string[] {
  return KEYMAP.filter((b) => b.hint?.modes.includes(mode)).map((b) => b.hint!.label);
}

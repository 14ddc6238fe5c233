/**
 * All UI state in one reducer: the keymap turns a key into a Command, and `reduce` turns a Command
 * into the next state. Pure: the derived data a command needs (visible rows, lines with targets,
 * event times) arrives in `Env`, computed by the App from the current state.
 */
import { lookup, type Command, type Mode } from './keymap.js';
import type { Part } from './data.js';
import type { Line } from './lines.js';
import { SORTS, type SortKey } from './rows.js';
import { isCollapsed, isTeamKey, teamOfKey } from './teams.js';
import { EPS } from '../model/numbers.js';

/** Hops of a focus started with `f` (the same default as `--depth`). */
export const FOCUS_DEPTH = 2;
const MAX_FOCUS_DEPTH = 9;

export const TABS = ['why', 'deps', 'dependents', 'blast', 'cycles', 'fleet'] as const;
export type Tab = (typeof TABS)[number];
/** The parts of a view (data.ts) each tab shows: until they are computed it says "computing…". */
export const TAB_NEEDS: Readonly<Record<Tab, readonly Part[]>> = {
  why: ['replay'], deps: ['replay'], dependents: ['replay'], blast: ['audit'], cycles: ['audit'], fleet: ['replay', 'audit'],
};
export type View = 'main' | 'cycles' | 'blast' | 'whatifs';
/** Replay speed in replay minutes per wall-clock second. */
export const SPEEDS = [1, 2, 5, 10, 15, 30, 60, 120] as const;

/** Where the user was: what `back` returns to. */
interface Place {
  readonly view: View;
  readonly focus: 'list' | 'detail';
  readonly selected?: string;
  readonly tab: Tab;
  readonly detailCursor: number;
  readonly filter: string;
}

export interface UiState extends Place {
  readonly help: boolean;
  readonly helpScroll: number;
  readonly filtering: boolean;
  readonly viewCursor: number;
  readonly sort: SortKey;
  readonly timeMin: number;
  readonly playing: boolean;
  readonly speed: number;
  readonly history: readonly Place[];
  readonly whatIf?: string;
  readonly quit: boolean;
  /** The list grouped by team (`t`), which teams are collapsed (`z` flips all, ⏎ one). */
  readonly group: boolean;
  readonly collapsedAll: boolean;
  readonly toggled: readonly string[];
  /** `f` / `--focus`: the list shows only this service's neighbourhood within `depth` hops. */
  readonly near?: { readonly id: string; readonly depth: number };
  /** A one-key notice ("no later change of …"), cleared by the next key. */
  readonly message?: string;
}

export interface Env {
  /** Visible service ids, in list order. */
  readonly rows: readonly string[];
  /** Lines of the current detail tab, or of the current view. */
  readonly detail: readonly Line[];
  readonly viewLines: readonly Line[];
  readonly eventTimes: readonly number[];
  readonly endMin: number;
  /** Rows a page-up/down moves. */
  readonly page: number;
  readonly helpLines: number;
  /** The row shown selected: `selected`, or its team's row when its team is collapsed, or the first row. */
  readonly row?: string;
  /** The selected row's service (undefined on a team row), and the instants its state changed. */
  readonly service?: string;
  readonly changes?: readonly number[];
  /** Whether a service passes the filter and the focus (collapsed teams aside); its team. */
  readonly listed?: (id: string) => boolean;
  readonly teamOf?: (id: string) => string;
}

export type Action =
  | { readonly type: 'key'; readonly name: string; readonly env: Env }
  | { readonly type: 'command'; readonly command: Command; readonly key: string; readonly env: Env }
  | { readonly type: 'type'; readonly text: string }
  | { readonly type: 'tick'; readonly minutes: number; readonly endMin: number };

export function initialState(timeMin = 0, near?: UiState['near']): UiState {
  return {
    view: 'main', focus: 'list', tab: 'why', detailCursor: 0, filter: '', help: false, helpScroll: 0, filtering: false,
    viewCursor: 0, sort: 'name', timeMin, playing: false, speed: 4, history: [], quit: false,
    group: false, collapsedAll: true, toggled: [], ...(near ? { near } : {}),
  };
}

export function modeOf(s: UiState): Mode {
  if (s.help) return 'help';
  if (s.filtering) return 'filter';
  if (s.view !== 'main') return s.view === 'whatifs' ? 'whatifs' : 'view';
  return s.focus;
}

/** Key names that are never typed into the filter. */
const NAMED = new Set(['esc', 'backspace', 'enter', 'tab', 'up', 'down', 'left', 'right', 'pageup', 'pagedown', 'home', 'end']);

export function reduce(prev: UiState, a: Action): UiState {
  const s = prev.message === undefined || a.type === 'tick' ? prev : { ...prev, message: undefined };
  if (a.type === 'key') {
    // The mode is read here, from the current state, so keys arriving faster than renders
    // (typing a filter, pasting) are still interpreted in the right mode.
    const mode = modeOf(s);
    const b = lookup(a.name, mode);
    if (b) return command(s, b.command, a.name, a.env);
    if (mode !== 'filter' || /^(ctrl-|shift-)/.test(a.name) || NAMED.has(a.name)) return s;
    return { ...s, filter: s.filter + (a.name === 'space' ? ' ' : a.name) };
  }
  if (a.type === 'type') return { ...s, filter: s.filter + a.text };
  if (a.type === 'tick') {
    const t = Math.min(a.endMin, s.timeMin + a.minutes);
    return { ...s, timeMin: t, playing: s.playing && t < a.endMin };
  }
  return command(s, a.command, a.key, a.env);
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
export const targetsOf = (lines: readonly Line[]) => lines.filter((l) => l.target !== undefined);
const placeOf = (s: UiState): Place => ({ view: s.view, focus: s.focus, ...(s.selected !== undefined ? { selected: s.selected } : {}), tab: s.tab, detailCursor: s.detailCursor, filter: s.filter });

function move(s: UiState, delta: number, env: Env): UiState {
  const mode = modeOf(s);
  if (mode === 'help') return { ...s, helpScroll: clamp(s.helpScroll + delta, 0, Math.max(0, env.helpLines - 1)) };
  if (mode === 'view' || mode === 'whatifs') return { ...s, viewCursor: clamp(s.viewCursor + delta, 0, Math.max(0, targetsOf(env.viewLines).length - 1)) };
  if (mode === 'detail') return { ...s, detailCursor: clamp(s.detailCursor + delta, 0, Math.max(0, targetsOf(env.detail).length - 1)) };
  if (env.rows.length === 0) return s;
  const at = Math.max(0, env.rows.indexOf(shownRow(s, env) ?? ''));
  return { ...s, selected: env.rows[clamp(at + delta, 0, env.rows.length - 1)]!, detailCursor: 0 };
}

/**
 * The row the cursor is on: the selected one if listed (the state is fresher than `env` when keys
 * arrive in one chunk), else the row the screen shows for it (its collapsed team's), else the first.
 */
function shownRow(s: UiState, env: Env): string | undefined {
  return s.selected !== undefined && env.rows.includes(s.selected) ? s.selected : env.row ?? env.rows[0];
}

/** Selects `id`, clearing the filter and focus if they hide it and expanding its team. */
function goTo(s: UiState, id: string, env: Env, from: Place): UiState {
  const listed = env.listed ? env.listed(id) : env.rows.includes(id);
  const next: UiState = { ...s, history: [...s.history, from], selected: id, detailCursor: 0, ...(listed ? {} : { filter: '', near: undefined }) };
  const team = env.teamOf?.(id);
  return s.group && team !== undefined && isCollapsed(team, s.collapsedAll, s.toggled) ? toggleTeam(next, team) : next;
}

function toggleTeam(s: UiState, team: string): UiState {
  return { ...s, toggled: s.toggled.includes(team) ? s.toggled.filter((t) => t !== team) : [...s.toggled, team] };
}

/** The nearest instant after (or before) the current time, or `none` as a notice. */
function step(s: UiState, times: readonly number[], dir: 1 | -1, none?: string): UiState {
  const t = dir > 0 ? times.find((x) => x > s.timeMin + EPS) : times.findLast((x) => x < s.timeMin - EPS);
  if (t !== undefined) return { ...s, timeMin: t, playing: false };
  return none === undefined ? { ...s, playing: false } : { ...s, playing: false, message: none };
}

function changeStep(s: UiState, env: Env, dir: 1 | -1): UiState {
  if (env.service === undefined) return { ...s, message: 'select a service to step through its state changes' };
  return step(s, env.changes ?? [], dir, `${env.service}: no state change ${dir > 0 ? 'after' : 'before'} this time`);
}

/** `f`: focus on the selected service's neighbourhood, or drop the focus when it is already on it. */
function focusNear(s: UiState, env: Env): UiState {
  if (env.service === undefined) return { ...s, message: 'f focuses on a service: select one' };
  if (s.near?.id === env.service) return { ...s, near: undefined };
  return { ...s, near: { id: env.service, depth: s.near?.depth ?? FOCUS_DEPTH }, selected: env.service };
}

function focusDepth(s: UiState, delta: number): UiState {
  if (!s.near) return { ...s, message: 'no focus: f focuses on the selected service' };
  return { ...s, near: { ...s.near, depth: clamp(s.near.depth + delta, 0, MAX_FOCUS_DEPTH) } };
}

function command(s: UiState, c: Command, key: string, env: Env): UiState {
  const big = 1_000_000_000;
  switch (c) {
    case 'down': return move(s, 1, env);
    case 'up': return move(s, -1, env);
    case 'pageDown': return move(s, env.page, env);
    case 'pageUp': return move(s, -env.page, env);
    case 'top': return move(s, -big, env);
    case 'bottom': return move(s, big, env);
    case 'filter': return { ...s, filtering: true, focus: 'list', view: 'main' };
    case 'accept': return { ...s, filtering: false };
    case 'sort': return { ...s, sort: SORTS[(SORTS.indexOf(s.sort) + 1) % SORTS.length]! };
    case 'nextTab': return { ...s, tab: TABS[(TABS.indexOf(s.tab) + 1) % TABS.length]!, detailCursor: 0 };
    case 'prevTab': return { ...s, tab: TABS[(TABS.indexOf(s.tab) + TABS.length - 1) % TABS.length]!, detailCursor: 0 };
    case 'tab': return { ...s, tab: TABS[clamp(Number(key) - 1, 0, TABS.length - 1)]!, detailCursor: 0 };
    case 'play': return { ...s, playing: !s.playing, timeMin: !s.playing && s.timeMin >= env.endMin ? 0 : s.timeMin };
    case 'faster': return { ...s, speed: clamp(s.speed + 1, 0, SPEEDS.length - 1) };
    case 'slower': return { ...s, speed: clamp(s.speed - 1, 0, SPEEDS.length - 1) };
    case 'nextEvent': return step(s, env.eventTimes, 1);
    case 'prevEvent': return step(s, env.eventTimes, -1);
    case 'nextChange': return changeStep(s, env, 1);
    case 'prevChange': return changeStep(s, env, -1);
    case 'group': return { ...s, group: !s.group, collapsedAll: true, toggled: [] };
    case 'collapseAll': return s.group ? { ...s, collapsedAll: !s.collapsedAll, toggled: [] } : { ...s, message: 't groups the list by team first' };
    case 'focusNear': return focusNear(s, env);
    case 'nearer': return focusDepth(s, -1);
    case 'farther': return focusDepth(s, 1);
    case 'start': return { ...s, timeMin: 0, playing: false };
    case 'end': return { ...s, timeMin: env.endMin, playing: false };
    case 'cycles': case 'blast': case 'whatifs':
      return { ...s, view: s.view === c ? 'main' : c, viewCursor: 0, filtering: false };
    case 'help': return { ...s, help: !s.help, helpScroll: 0 };
    case 'quit': return { ...s, quit: true, playing: false };
    case 'open': return open(s, env);
    case 'toggle': return s.view === 'whatifs' ? open(s, env) : s;
    case 'back':
      if (s.filtering && key === 'backspace') return s.filter === '' ? { ...s, filtering: false } : { ...s, filter: [...s.filter].slice(0, -1).join('') };
      return back(s);
  }
}

function open(s: UiState, env: Env): UiState {
  if (s.view === 'whatifs') {
    const id = targetsOf(env.viewLines)[s.viewCursor]?.target;
    return id === undefined ? s : { ...s, whatIf: s.whatIf === id ? undefined : id };
  }
  if (s.view !== 'main') {
    const id = targetsOf(env.viewLines)[s.viewCursor]?.target;
    return id === undefined ? s : { ...goTo(s, id, env, placeOf(s)), view: 'main', focus: 'detail' };
  }
  if (s.focus === 'list') {
    const row = shownRow(s, env);
    if (row === undefined) return s;
    return isTeamKey(row) ? toggleTeam({ ...s, selected: row }, teamOfKey(row)) : { ...s, focus: 'detail', detailCursor: 0, selected: row };
  }
  const id = targetsOf(env.detail)[s.detailCursor]?.target;
  return id === undefined ? s : goTo(s, id, env, placeOf(s));
}

function back(s: UiState): UiState {
  if (s.help) return { ...s, help: false };
  if (s.filtering) return { ...s, filtering: false, filter: '' };
  if (s.view !== 'main') return { ...s, view: 'main' };
  const prev = s.history[s.history.length - 1];
  if (prev) return { ...s, ...prev, history: s.history.slice(0, -1) };
  if (s.focus === 'detail') return { ...s, focus: 'list' };
  if (s.filter !== '') return { ...s, filter: '' };
  if (s.near) return { ...s, near: undefined };
  return s;
}

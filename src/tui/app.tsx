/**
 * The explore screen. One input dispatcher (stable, subscribed once) feeds the reducer; everything
 * shown is derived from the reducer state and the ExploreData, memoised so a keypress that only
 * moves the cursor does not recompute states or sort 10,000 rows again. The replay and the audit
 * are computed after the first frame (useParts): until then their places say "computing…".
 */
import { Box, useApp, useInput, type Key } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef, type Dispatch, type ReactNode } from 'react';
import type { BlastRadius } from '../analysis/types.js';
import type { State } from '../model/types.js';
import type { ExploreData, ReplayView } from './data.js';
import { clock, num, type PaneCtx } from './context.js';
import { clean } from './sanitize.js';
import { Safe, SafeRow } from './safe.js';
import { detailHeader, tabBar, tabLines } from './detail.js';
import { helpLines, hintRows } from './help.js';
import { keyName } from './keymap.js';
import { Header } from './header.js';
import { LineList } from './line-list.js';
import { text, type Line } from './lines.js';
import { useServiceList, type ServiceList } from './list.js';
import type { ListRow } from './teams.js';
import { serviceLines, teamDetail } from './service-lines.js';
import { initialState, modeOf, reduce, SPEEDS, TAB_NEEDS, type Action, type Env, type UiState } from './state.js';
import { barLine, statusLine } from './timeline.js';
import { blastView, cyclesView, whatIfView } from './views.js';
import { blastIndex, countStates } from './rows.js';

export interface AppProps {
  readonly data: ExploreData;
  readonly width: number;
  readonly height: number;
  readonly color: boolean;
  /** Milliseconds between replay steps while playing. */
  readonly tickMs?: number;
}

const NONE: readonly Line[] = [];
/** Names of the control characters that can arrive inside a chunk of typed keys ("j⏎"). */
const CHUNKED: Readonly<Record<string, string>> = { ' ': 'space', '\r': 'enter', '\t': 'tab', '\u007F': 'backspace' };
const NO_STATES: ReadonlyMap<string, State> = new Map();
const NO_TIMES: readonly number[] = [0];
const NO_CHANGES: readonly number[] = [];
const COMPUTING = (what: string): Line[] => [text(`computing ${what}… (keys work meanwhile; results appear here)`, 'muted')];

/**
 * Computes the view's missing parts one per turn of the event loop, after the frame that shows
 * them missing has been drawn; re-renders after each. Returns which parts are ready.
 */
function useParts(view: ReplayView): { replay: boolean; audit: boolean } {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = () => {
      timer = setTimeout(() => {
        if (view.computeNext() === undefined) return;
        bump();
        next();
      }, 0);
    };
    next();
    return () => clearTimeout(timer);
  }, [view]);
  return { replay: view.has('replay'), audit: view.has('audit') };
}

/** Feeds every key to the reducer with the latest Env; subscribed once (a stable handler). */
function useKeys(dispatch: Dispatch<Action>, env: Env) {
  const envRef = useRef(env);
  envRef.current = env;
  const onInput = useCallback((input: string, key: Key) => {
    // Keys typed faster than the terminal is read arrive as one chunk ("jj "): replay them one by one.
    const plain = input.length > 1 && !key.ctrl && !key.meta && !key.escape && !key.return && !key.tab;
    for (const name of plain ? [...input].map((c) => CHUNKED[c] ?? c) : [keyName(input, key)]) {
      if (name !== undefined) dispatch({ type: 'key', name, env: envRef.current });
    }
  }, [dispatch]);
  useInput(onInput);
}

/** While playing, advances the replay clock every `tickMs`. */
function usePlayback(dispatch: Dispatch<Action>, s: UiState, tickMs: number, endMin: number) {
  const { playing, speed } = s;
  useEffect(() => {
    if (!playing) return;
    const minutes = (SPEEDS[speed]! * tickMs) / 1000;
    const timer = setInterval(() => dispatch({ type: 'tick', minutes, endMin }), tickMs);
    return () => clearInterval(timer);
  }, [dispatch, playing, speed, tickMs, endMin]);
}

/** The detail pane's lines (the selected row's) and the current view's, "computing…" until their parts are ready. */
function usePaneLines(s: UiState, row: ListRow | undefined, ctx: PaneCtx, ready: { replay: boolean; audit: boolean }) {
  const { view, states, timeMin, width } = ctx;
  const detail = useMemo(() => {
    if (!row || s.view !== 'main' || s.help) return NONE;
    if (row.kind === 'team') return teamDetail(row, ready.replay ? states : undefined);
    const missing = TAB_NEEDS[s.tab].filter((p) => !ready[p]);
    return missing.length > 0 ? COMPUTING(`the ${missing.join(' and the ')}`) : tabLines(ctx, row.service, s.tab);
    // ctx is rebuilt every render; view, states, timeMin and width are what it is made of.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [row, s.tab, s.view, s.help, view, states, timeMin, width, ready.replay, ready.audit]);
  const viewLines = useMemo(() => {
    if (s.view === 'main') return NONE;
    if (s.view !== 'whatifs' && !ready.audit) return COMPUTING('the audit');
    if (s.view === 'cycles') return cyclesView(ctx);
    if (s.view === 'blast') return blastView(ctx);
    return whatIfView(ctx, s.whatIf);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s.view, s.whatIf, view, states, width, ready.audit]);
  return { detail, viewLines };
}

const VIEW_TITLES = { cycles: 'cycles — ⏎ opens the service', blast: 'blast-radius ranking — ⏎ opens the service', whatifs: 'what-ifs' } as const;

const initialFor = (data: ExploreData): UiState => initialState(0, data.focus ? { id: data.focus.focus, depth: data.focus.depth } : undefined);

export function App({ data, width, height, color, tickMs = 100 }: AppProps) {
  const { exit } = useApp();
  const [s, dispatch] = useReducer(reduce, data, initialFor);
  const view = useMemo(() => data.view(s.whatIf), [data, s.whatIf]);
  const ready = useParts(view);
  const states = useMemo(() => (ready.replay ? view.statesAt(s.timeMin) : undefined), [view, s.timeMin, ready.replay]);
  const blast = useMemo(() => (ready.audit ? blastIndex(view.audit.blastRadius) : undefined), [view, ready.audit]);
  const counts = useMemo(() => (states ? countStates(states) : undefined), [states]);
  const list = useServiceList(data, view, s, states, blast);
  const times = ready.replay ? view.eventTimes : NO_TIMES;
  const endMin = ready.replay ? view.endMin : 0;

  // Layout: the root stays one row shorter than the terminal (ink 6 redraws everything otherwise).
  const W = Math.max(40, width);
  const H = Math.max(12, height - 1);
  const hints = s.message === undefined ? hintRows(modeOf(s), W, W >= 110 ? 1 : 2) : [s.message];
  const bodyH = H - 2 - 2 - hints.length;
  const listW = Math.min(44, Math.max(26, Math.floor(W * 0.4)));
  const detailW = W - listW;
  const ctx: PaneCtx = { data, view, states: states ?? NO_STATES, blast: blast ?? new Map<string, BlastRadius>(), timeMin: s.timeMin, width: (s.view === 'main' ? detailW : W) - 3 };
  const { row } = list;

  const { detail, viewLines } = usePaneLines(s, row, ctx, ready);
  const help = useMemo(() => (s.help ? helpLines(W - 3) : NONE), [s.help, W]);

  const service = row?.kind === 'service' ? row.service.id : undefined;
  const changes = useMemo(() => (service !== undefined && ready.replay ? view.changesOf(service) : NO_CHANGES), [view, service, ready.replay]);
  const env: Env = {
    rows: list.keys, detail, viewLines, eventTimes: times, endMin, page: Math.max(1, bodyH - 4), helpLines: help.length,
    changes, listed: list.listed, teamOf: list.teamOf, ...(service !== undefined ? { service } : {}), ...(row ? { row: row.key } : {}),
  };
  useKeys(dispatch, env);
  usePlayback(dispatch, s, tickMs, endMin);
  useEffect(() => { if (s.quit) exit(); }, [s.quit, exit]);

  const inner = bodyH - 2;
  const full = (title: string, lines: readonly Line[], at: { cursor: number } | { scroll: number }) => (
    <Pane title={title} width={W} height={bodyH} color={color} focused><LineList lines={lines} height={inner - 1} width={W - 2} color={color} {...at} /></Pane>
  );
  const body = s.help ? full('help — j/k scroll · esc or ? closes', help, { scroll: s.helpScroll })
    : s.view !== 'main' ? full(VIEW_TITLES[s.view], viewLines, { cursor: s.viewCursor })
      : <MainPanes s={s} list={list} ctx={ctx} detail={detail} states={states} blast={blast} ready={ready.replay} bodyH={bodyH} inner={inner} listW={listW} detailW={detailW} color={color} />;

  return (
    <Box flexDirection="column" width={W} height={H}>
      <Header data={data} whatIf={s.whatIf} clockText={data.scenario ? clock(ctx, s.timeMin) : undefined} counts={counts} width={W} color={color} />
      {body}
      <LineList lines={[barLine(times, endMin, s.timeMin, W - 2, changes), ready.replay ? statusLine(ctx, s.playing, s.speed, W - 2) : COMPUTING('the replay')[0]!]} height={2} width={W} color={color} />
      {hints.map((h, i) => <SafeRow key={i}>{[<Safe key="h" text={h} dimColor={s.message === undefined} />]}</SafeRow>)}
    </Box>
  );
}

interface MainProps {
  readonly s: UiState;
  readonly list: ServiceList;
  readonly ctx: PaneCtx;
  readonly detail: readonly Line[];
  readonly states: ReadonlyMap<string, State> | undefined;
  readonly blast: ReadonlyMap<string, BlastRadius> | undefined;
  readonly ready: boolean;
  readonly bodyH: number;
  readonly inner: number;
  readonly listW: number;
  readonly detailW: number;
  readonly color: boolean;
}

/** The service list (flat or by team, maybe focused) beside the selected row's details. */
function MainPanes({ s, list, ctx, detail, states, blast, ready, bodyH, inner, listW, detailW, color }: MainProps) {
  const listRows = inner - 1;
  const lines = serviceLines(list.rows, list.at, listRows, listW - 3, { ...(states ? { states } : {}), ...(blast ? { blast } : {}) });
  const near = s.near ? ` near ${clean(s.near.id)} (${s.near.depth} hops)` : '';
  const total = `${num(list.services)}${near}`;
  const listTitle = s.filtering ? `/${clean(s.filter)}█ ${num(list.matching)}/${total}`
    : `services ${s.filter ? `“${clean(s.filter)}” ${num(list.matching)}/` : ''}${total} · by ${s.sort}${s.group ? ' · teams' : ''}`;
  const row = list.row;
  const head = row?.kind === 'service' ? detailHeader(ctx, row.service, ready) : NONE;
  return (
    <Box flexDirection="row" height={bodyH}>
      <Pane title={listTitle} width={listW} height={bodyH} color={color} focused={s.focus === 'list'}>
        <LineList lines={lines.lines} height={listRows} width={listW - 2} color={color} cursor={lines.cursor} />
      </Pane>
      <Pane title="" width={detailW} height={bodyH} color={color} focused={s.focus === 'detail'}>
        {row?.kind === 'team' ? null : <LineList lines={[...head, tabBar(s.tab)]} height={3} width={detailW - 2} color={color} />}
        <LineList lines={detail} height={row?.kind === 'team' ? inner : inner - 3} width={detailW - 2} color={color} {...(s.focus === 'detail' ? { cursor: s.detailCursor } : {})} />
      </Pane>
    </Box>
  );
}

function Pane({ title, width, height, color, focused, children }: { title: string; width: number; height: number; color: boolean; focused: boolean; children: ReactNode }) {
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle={focused ? 'double' : 'single'} borderColor={color && focused ? 'cyan' : undefined} overflow="hidden">
      {title ? <SafeRow>{[<Safe key="t" text={title} bold />]}</SafeRow> : null}
      {children}
    </Box>
  );
}

/**
 * The explore screen. One input dispatcher (stable, subscribed once) feeds the reducer; everything
 * shown is derived from the reducer state and the ExploreData, memoised so a keypress that only
 * moves the cursor does not recompute states or sort 10,000 rows again.
 */
import { Box, useApp, useInput, type Key } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import type { ExploreData } from './data.js';
import { clock, num, type PaneCtx } from './context.js';
import { clean } from './sanitize.js';
import { Safe, SafeRow } from './safe.js';
import { detailHeader, tabBar, tabLines } from './detail.js';
import { helpLines, hintRows } from './help.js';
import { keyName } from './keymap.js';
import { Header } from './header.js';
import { LineList } from './line-list.js';
import { blastIndex, countStates, filterServices, focusServices, sortServices } from './rows.js';
import { serviceLines } from './service-lines.js';
import { initialState, modeOf, reduce, SPEEDS, type Env } from './state.js';
import { barLine, statusLine } from './timeline.js';
import { blastView, cyclesView, whatIfView } from './views.js';
import type { Line } from './lines.js';

export interface AppProps {
  readonly data: ExploreData;
  readonly width: number;
  readonly height: number;
  readonly color: boolean;
  /** Milliseconds between replay steps while playing. */
  readonly tickMs?: number;
}

const NONE: readonly Line[] = [];

export function App({ data, width, height, color, tickMs = 100 }: AppProps) {
  const { exit } = useApp();
  const [s, dispatch] = useReducer(reduce, undefined, () => initialState());
  const view = useMemo(() => data.view(s.whatIf), [data, s.whatIf]);
  const states = useMemo(() => view.statesAt(s.timeMin), [view, s.timeMin]);
  const blast = useMemo(() => blastIndex(view.audit.blastRadius), [view]);
  const counts = useMemo(() => countStates(states), [states]);
  // Sort everything once, then filter the sorted list: typing a filter never re-sorts 10,000 rows.
  const sortStates = s.sort === 'state' ? states : undefined;
  const members = useMemo(() => (data.focus ? new Set(data.focus.members) : undefined), [data]);
  const listed = useMemo(() => focusServices(view.model.services, members), [view, members]);
  const sorted = useMemo(() => sortServices(listed, s.sort, sortStates ?? new Map(), blast), [listed, s.sort, sortStates, blast]);
  const rows = useMemo(() => filterServices(sorted, s.filter), [sorted, s.filter]);
  const rowIds = useMemo(() => rows.map((r) => r.id), [rows]);
  const at = s.selected === undefined ? 0 : Math.max(0, rowIds.indexOf(s.selected));
  const current = rows[at];

  // Layout: the root stays one row shorter than the terminal (ink 6 redraws everything otherwise).
  const W = Math.max(40, width);
  const H = Math.max(12, height - 1);
  const hints = hintRows(modeOf(s), W, W >= 110 ? 1 : 2);
  const bodyH = H - 2 - 2 - hints.length;
  const listW = Math.min(44, Math.max(26, Math.floor(W * 0.4)));
  const detailW = W - listW;
  const ctx: PaneCtx = { data, view, states, blast, timeMin: s.timeMin, width: (s.view === 'main' ? detailW : W) - 3 };

  const detail = useMemo(() => (current && s.view === 'main' && !s.help ? tabLines(ctx, current, s.tab) : NONE),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [current, s.tab, s.view, s.help, view, states, s.timeMin, ctx.width]);
  const viewLines = useMemo(() => {
    if (s.view === 'cycles') return cyclesView(ctx);
    if (s.view === 'blast') return blastView(ctx);
    if (s.view === 'whatifs') return whatIfView(ctx, s.whatIf);
    return NONE;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s.view, s.whatIf, view, states, ctx.width]);
  const help = useMemo(() => (s.help ? helpLines(W - 3) : NONE), [s.help, W]);

  const env: Env = { rows: rowIds, detail, viewLines, eventTimes: view.eventTimes, endMin: view.endMin, page: Math.max(1, bodyH - 4), helpLines: help.length };
  const envRef = useRef(env);
  envRef.current = env;
  const onInput = useCallback((input: string, key: Key) => {
    // Keys typed faster than the terminal is read arrive as one chunk ("jj "): replay them one by one.
    const plain = input.length > 1 && !key.ctrl && !key.meta && !key.escape && !key.return && !key.tab;
    for (const name of plain ? [...input].map((c) => (c === ' ' ? 'space' : c)) : [keyName(input, key)]) {
      if (name !== undefined) dispatch({ type: 'key', name, env: envRef.current });
    }
  }, []);
  useInput(onInput);

  useEffect(() => { if (s.quit) exit(); }, [s.quit, exit]);
  useEffect(() => {
    if (!s.playing) return;
    const minutes = (SPEEDS[s.speed]! * tickMs) / 1000;
    const timer = setInterval(() => dispatch({ type: 'tick', minutes, endMin: view.endMin }), tickMs);
    return () => clearInterval(timer);
  }, [s.playing, s.speed, tickMs, view.endMin]);

  const inner = bodyH - 2;
  let body;
  if (s.help) body = <Pane title="help — j/k scroll · esc or ? closes" width={W} height={bodyH} color={color} focused><LineList lines={help} height={inner - 1} width={W - 2} color={color} scroll={s.helpScroll} /></Pane>;
  else if (s.view !== 'main') {
    const title = s.view === 'cycles' ? 'cycles — ⏎ opens the service' : s.view === 'blast' ? 'blast-radius ranking — ⏎ opens the service' : 'what-ifs';
    body = <Pane title={title} width={W} height={bodyH} color={color} focused><LineList lines={viewLines} height={inner - 1} width={W - 2} color={color} cursor={s.viewCursor} /></Pane>;
  } else {
    const listRows = inner - 1;
    const list = serviceLines(rows, at, listRows, listW - 3, states, blast);
    const total = `${num(listed.length)}${data.focus ? ` near ${clean(data.focus.focus)} (${data.focus.depth} hops)` : ''}`;
    const listTitle = s.filtering ? `/${clean(s.filter)}█ ${num(rows.length)}/${total}`
      : `services ${s.filter ? `“${clean(s.filter)}” ${num(rows.length)}/` : ''}${total} · by ${s.sort}`;
    const head = current ? detailHeader(ctx, current) : NONE;
    body = (
      <Box flexDirection="row" height={bodyH}>
        <Pane title={listTitle} width={listW} height={bodyH} color={color} focused={s.focus === 'list'}>
          <LineList lines={list.lines} height={listRows} width={listW - 2} color={color} cursor={list.cursor} />
        </Pane>
        <Pane title="" width={detailW} height={bodyH} color={color} focused={s.focus === 'detail'}>
          <LineList lines={[...head, tabBar(s.tab)]} height={3} width={detailW - 2} color={color} />
          <LineList lines={detail} height={inner - 3} width={detailW - 2} color={color} {...(s.focus === 'detail' ? { cursor: s.detailCursor } : {})} />
        </Pane>
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={W} height={H}>
      <Header data={data} whatIf={s.whatIf} clockText={data.scenario ? clock(ctx, s.timeMin) : undefined} counts={counts} width={W} color={color} />
      {body}
      <LineList lines={[barLine(view.eventTimes, view.endMin, s.timeMin, W - 2), statusLine(ctx, s.playing, s.speed, W - 2)]} height={2} width={W} color={color} />
      {hints.map((h, i) => <SafeRow key={i}>{[<Safe key="h" text={h} dimColor />]}</SafeRow>)}
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

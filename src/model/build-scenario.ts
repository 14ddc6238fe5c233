/** One scenario of the Model: its start, events in time order, observations, detection and what-ifs. */
import { buildAction, eventReaction } from './build-action.js';
import { asArray, cut, entries, type BuildContext, type Obj } from './build-context.js';
import type { JsonPath } from './locate.js';
import { MAX_SPAN_MIN, parseIsoStart, parseTime } from './time.js';
import type { Detection, JsonValue, MilestoneObservation, Observation, Scenario, ScenarioEvent, ScenarioStart, State, WhatIf } from './types.js';

/** Minutes after the scenario start of a time written in the file (0, with an error, when invalid). */
type Clock = (text: JsonValue | undefined, path: JsonPath) => number;

export function buildScenario(ctx: BuildContext, id: string, raw: JsonValue): Scenario {
  const s = raw as Obj;
  const at: JsonPath = ['scenarios', id];
  const start: ScenarioStart = parseIsoStart(String(s.start)) ?? { epochMs: 0, offsetMin: 0 };
  const startOk = parseIsoStart(String(s.start)) !== undefined;
  if (!startOk) ctx.fail([...at, 'start'], `malformed start time "${String(s.start)}"`, 'use an ISO time with its offset within ±14:00, e.g. 2020-11-25T02:44:00-08:00');
  const time: Clock = (text, path) => {
    const min = startOk ? parseTime(String(text), start) : 0;
    if (min === undefined) ctx.fail(path, `malformed time "${String(text)}"`, 'use "HH:MM", "+1d HH:MM", an ISO time or an offset like "+2h30m"');
    else if (min < 0) ctx.fail(path, `time "${String(text)}" is before the scenario start`);
    else if (!(min <= MAX_SPAN_MIN)) { ctx.fail(path, `time "${cut(String(text))}" is more than 365 days after the scenario start`); return 0; }
    return min ?? 0;
  };
  const events = buildEvents(ctx, s, at, time);
  const milestones = buildMilestones(ctx, s, at, time);
  const det = (s.detection ?? {}) as Obj;
  const com = (s.communication ?? {}) as Obj;
  const detection: Detection = {
    seenMin: ctx.duration(det.seen, [...at, 'detection', 'seen'], 5),
    blindMin: ctx.duration(det.blind, [...at, 'detection', 'blind'], 30),
    postingMin: ctx.duration(com.posting, [...at, 'communication', 'posting'], 15),
  };
  const observed = buildObserved(ctx, s, at, time);
  const whatIfs = entries(s.whatIfs).map(([wid, w]): WhatIf => ({
    id: wid, title: typeof (w as Obj).title === 'string' ? String((w as Obj).title) : wid,
    patch: (w as Obj).patch ?? {}, loc: ctx.locate([...at, 'whatIfs', wid], 'key'),
  }));
  const until = s.until === undefined ? {} : { untilMin: time(s.until, [...at, 'until']) };
  return { id, title: typeof s.title === 'string' ? s.title : id, start, events, observed, milestones, detection, whatIfs, ...until, loc: ctx.locate(at, 'key') };
}

function buildEvents(ctx: BuildContext, s: Obj, at: JsonPath, time: Clock): ScenarioEvent[] {
  let last = -Infinity;
  return asArray(s.events).map((e, i): ScenarioEvent => {
    const ev = e as Obj;
    const path: JsonPath = [...at, 'events', i];
    const atMin = time(ev.at, [...path, 'at']);
    if (atMin < last) ctx.fail([...path, 'at'], `event at "${String(ev.at)}" is earlier than the event before it`, 'list events in time order');
    last = Math.max(last, atMin);
    const waitsFor = asArray(ev.waitsFor).map(String);
    waitsFor.forEach((t, j) => ctx.checkRef(t, [...path, 'waitsFor', j], 'awaited service'));
    const act = buildAction(ctx, ev, path);
    return {
      atMin, action: act, ...(typeof ev.note === 'string' ? { note: ev.note } : {}),
      ...eventReaction(ctx, ev, act, path),
      ...(waitsFor.length > 0 ? { waitsFor } : {}),
      loc: ctx.locate(path),
    };
  });
}

function buildMilestones(ctx: BuildContext, s: Obj, at: JsonPath, time: Clock): MilestoneObservation[] {
  return asArray(s.observed).flatMap((o, i): MilestoneObservation[] => {
    const ob = o as Obj;
    if (ob.milestone === undefined) return [];
    const path: JsonPath = [...at, 'observed', i];
    const milestone = ob.milestone as MilestoneObservation['milestone'];
    fitted(ctx, ob, path);
    return [{ atMin: time(ob.at, [...path, 'at']), milestone, ...(typeof ob.note === 'string' ? { note: ob.note } : {}), loc: ctx.locate(path) }];
  });
}

function buildObserved(ctx: BuildContext, s: Obj, at: JsonPath, time: Clock): Observation[] {
  return asArray(s.observed).flatMap((o, i): Observation[] => {
    const ob = o as Obj;
    if (ob.milestone !== undefined) return [];
    const path: JsonPath = [...at, 'observed', i];
    ctx.checkRef(String(ob.service), [...path, 'service'], 'observed service');
    fitted(ctx, ob, path);
    return [{
      atMin: time(ob.at, [...path, 'at']), service: String(ob.service), state: ob.state as State,
      ...(typeof ob.note === 'string' ? { note: ob.note } : {}), loc: ctx.locate(path),
    }];
  });
}

/** `fitted:` on an observation (issue 17's first form) is ignored: the replay computes what a prediction rests on. */
function fitted(ctx: BuildContext, ob: Obj, path: JsonPath): void {
  if (ob.fitted !== undefined) ctx.warn([...path, 'fitted'], '"fitted" is deprecated and ignored: the replay computes which x-assumed numbers each prediction rests on', 'remove it; mark the numbers x-assumed where they are');
}

/** What a scenario event does (scale, fail, recover, restart, corrupt, stop, milestone, patch), checked. */
import { asArray, type BuildContext, type Obj } from './build-context.js';
import type { JsonPath } from './locate.js';
import { quote } from './sanitize.js';
import type { ScenarioAction, ScenarioEvent } from './types.js';

export function buildAction(ctx: BuildContext, ev: Obj, path: JsonPath): ScenarioAction {
  if (ev.scale !== undefined) {
    const a = fleetAction(ctx, ev, path, 'scale', 'scaled service');
    return {
      kind: 'scale', service: String(a.service),
      ...(typeof a.to === 'number' ? { to: a.to } : {}), ...(typeof a.by === 'number' ? { by: a.by } : {}),
      overMin: ctx.duration(a.over, [...path, 'scale', 'over']),
    };
  }
  if (ev.fail !== undefined) {
    const a = ev.fail as Obj;
    ctx.checkRef(String(a.service), [...path, 'fail', 'service'], 'failed service');
    return { kind: 'fail', service: String(a.service), state: (a.state as 'down' | 'degraded' | undefined) ?? 'down' };
  }
  if (ev.recover !== undefined) {
    const a = ev.recover as Obj;
    ctx.checkRef(String(a.service), [...path, 'recover', 'service'], 'recovered service');
    return { kind: 'recover', service: String(a.service) };
  }
  if (ev.restart !== undefined) return restartAction(ctx, ev, path);
  if (ev.corrupt !== undefined) {
    const a = fleetAction(ctx, ev, path, 'corrupt', 'corrupted service');
    return { kind: 'corrupt', service: String(a.service), nodes: typeof a.nodes === 'number' ? a.nodes : 1 };
  }
  if (ev.stop !== undefined) {
    const a = fleetAction(ctx, ev, path, 'stop', 'stopped service');
    return { kind: 'stop', service: String(a.service) };
  }
  if (typeof ev.milestone === 'string') return { kind: 'milestone', text: ev.milestone };
  return { kind: 'patch', patch: ev.patch ?? {} };
}

/** The action under `key`, whose service must exist and have a fleet. */
function fleetAction(ctx: BuildContext, ev: Obj, path: JsonPath, key: 'scale' | 'restart' | 'corrupt' | 'stop', what: string): Obj {
  const a = ev[key] as Obj;
  const service = String(a.service);
  ctx.checkRef(service, [...path, key, 'service'], what);
  if (ctx.ids.has(service) && !ctx.hasFleet(service)) ctx.fail([...path, key, 'service'], `${quote(service)} has no fleet to ${key}`, 'add a fleet: { nodes: N } to the service');
  return a;
}

function restartAction(ctx: BuildContext, ev: Obj, path: JsonPath): ScenarioAction {
  const a = fleetAction(ctx, ev, path, 'restart', 'restarted service');
  const after = asArray(a.after).map(String);
  after.forEach((t, j) => {
    ctx.checkRef(t, [...path, 'restart', 'after', j], 'awaited service');
    if (t === String(a.service)) ctx.fail([...path, 'restart', 'after', j], `the restart of ${quote(t)} cannot wait for ${quote(t)} itself to be ok`, 'list the services it needs first');
  });
  return {
    kind: 'restart', service: String(a.service), ...(typeof a.perHour === 'number' ? { perHour: a.perHour } : {}),
    ...(after.length > 0 ? { after } : {}),
  };
}

/**
 * An event's reaction: `when` (detected or down), `delay`. The older spelling inside a restart or
 * stop (`restart: { when: down, delay }`) still loads, with a deprecation warning; given on both
 * levels it is an error.
 */
export function eventReaction(ctx: BuildContext, ev: Obj, act: ScenarioAction, path: JsonPath): Pick<ScenarioEvent, 'when' | 'delayMin'> {
  const key = act.kind === 'restart' || act.kind === 'stop' ? act.kind : undefined;
  const inner = key ? ev[key] as Obj : undefined;
  if (inner?.when === 'down') {
    if (ev.when !== undefined || ev.delay !== undefined) {
      ctx.fail([...path, key!, 'when'], `the reaction is given twice: on the event and inside its ${key}`, `write it once, on the event: when: down, delay: … beside at`, 'key');
    } else {
      ctx.warn([...path, key!, 'when'], `"when" inside ${key} is deprecated: write \`when: down\` (and \`delay\`) on the event, beside \`at\``, `move when${inner.delay !== undefined ? ' and delay' : ''} up one level`);
    }
    return { when: 'down', delayMin: ctx.duration(inner.delay, [...path, key!, 'delay']) };
  }
  if (ev.when === 'down' && !('service' in act)) {
    ctx.fail([...path, 'when'], `"when: down" waits for the event's service to go down, and a ${act.kind} event has none`, 'use when: detected, or put the reaction on an event that acts on a service', 'key');
  }
  const when: Pick<ScenarioEvent, 'when'> = ev.when === 'detected' || ev.when === 'down' ? { when: ev.when } : {};
  return { ...when, delayMin: ctx.duration(ev.delay, [...path, 'delay']) };
}

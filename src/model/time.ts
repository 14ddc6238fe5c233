/**
 * Durations (`90s`, `45m`, `2h`, `1h30m`, `1d`) and scenario times (`HH:MM` on the start day,
 * `+1d 02:00`, an ISO instant, or an offset `+2h31m` from the start). Internally every time is
 * minutes after the scenario start; printing converts back in the start's own UTC offset.
 */
import type { ScenarioStart } from './types.js';

/**
 * The longest duration and the latest scenario time (after the start) a file may give: a year. Longer
 * spans mean nothing for an outage replay, and a 400-digit duration would otherwise become Infinity
 * minutes and print as `+Infinityd NaN:NaN`.
 */
export const MAX_SPAN_MIN = 365 * 1440;

/** UTC offsets in use run from -12:00 to +14:00; ±14:00 is the bound we accept. */
export const MAX_OFFSET_MIN = 14 * 60;

const DURATION = /^(?:(\d+(?:\.\d+)?)d)?(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$/;

/** Minutes in a duration string, or undefined when it is malformed. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m || text.trim() === '') return undefined;
  const [, d, h, min, s] = m;
  return Number(d ?? 0) * 1440 + Number(h ?? 0) * 60 + Number(min ?? 0) + Number(s ?? 0) / 60;
}

/** `1h30m`, `45m`, `2d3h`, `30s`: the shortest exact form, for messages. */
export function formatDuration(minutes: number): string {
  if (minutes === 0) return '0m';
  let secs = Math.round(Math.abs(minutes) * 60);
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    const n = Math.floor(secs / size);
    if (n > 0) parts.push(`${n}${unit}`);
    secs -= n * size;
  }
  return (minutes < 0 ? '-' : '') + parts.join('');
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const CLOCK = /^(?:\+(\d+)d\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** Parses an ISO 8601 instant with an explicit offset; undefined when malformed or impossible. */
export function parseIsoStart(text: string): ScenarioStart | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, zone] = m;
  const offsetMin = zone === 'Z' ? 0 : (zone!.startsWith('-') ? -1 : 1) * (Number(zone!.slice(1, 3)) * 60 + Number(zone!.slice(4, 6)));
  if (Math.abs(offsetMin) > MAX_OFFSET_MIN || (zone !== 'Z' && Number(zone!.slice(4, 6)) > 59)) return undefined;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const check = new Date(local);
  if (check.getUTCFullYear() !== Number(y) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)
    || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return undefined;
  return { epochMs: local - offsetMin * 60_000, offsetMin };
}

/** Minutes after `start` for a scenario time, or undefined when malformed. */
export function parseTime(text: string, start: ScenarioStart): number | undefined {
  const t = text.trim();
  if (t.startsWith('+') && !CLOCK.test(t)) {
    const d = parseDuration(t.slice(1));
    return d;
  }
  const clock = CLOCK.exec(t);
  if (clock) {
    const [, days, h, mi, s] = clock;
    if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return undefined;
    const localStart = start.epochMs + start.offsetMin * 60_000;
    const dayStart = Math.floor(localStart / 86_400_000) * 86_400_000;
    const localAt = dayStart + Number(days ?? 0) * 86_400_000 + (Number(h) * 3600 + Number(mi) * 60 + Number(s ?? 0)) * 1000;
    return (localAt - localStart) / 60_000;
  }
  const iso = parseIsoStart(t);
  return iso ? (iso.epochMs - start.epochMs) / 60_000 : undefined;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** ISO 8601 in the start's offset, to the second: `2020-11-25T05:15:00-08:00`. */
export function formatIso(atMin: number, start: ScenarioStart): string {
  const local = new Date(start.epochMs + Math.round(atMin * 60) * 1000 + start.offsetMin * 60_000);
  const off = Math.abs(start.offsetMin);
  const zone = start.offsetMin === 0 ? 'Z' : `${start.offsetMin < 0 ? '-' : '+'}${pad(Math.floor(off / 60))}:${pad(off % 60)}`;
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`
    + `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${zone}`;
}

/**
 * `05:15` on the start day, `+1d 02:00` on later days (the same notation the file accepts), rounded
 * to the nearest minute so 05:14:54 reads 05:15 beside an observed 05:15.
 */
export function formatClock(atMin: number, start: ScenarioStart): string {
  const localStart = start.epochMs + start.offsetMin * 60_000;
  const dayStart = Math.floor(localStart / 86_400_000) * 86_400_000;
  const local = localStart + Math.round(atMin) * 60_000;
  const days = Math.floor((local - dayStart) / 86_400_000);
  const d = new Date(local);
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return days > 0 ? `+${days}d ${clock}` : clock;
}

import { zonedParts } from '../../../domain/shared/time.ts';

export interface ShownTime {
  /** `2021-05-21T18:15:00+04:30` */
  iso: string;
  /** `May 21, 2021 - 18:15` */
  display: string;
}

/**
 * Intl's formatToParts is the slowest step of a cold story render, and a
 * page shows the same few instants many times (story, cards, meta, JSON-LD).
 * An instant in a zone always reads the same, so the strings are kept;
 * the map is simply emptied when it grows large.
 */
const shown = new Map<string, ShownTime>();
const MAX_SHOWN = 20_000;

const DAY_MS = 86_400_000;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number) => String(n).padStart(2, '0');

interface DayOffset {
  /** Local time minus UTC, ms. */
  ms: number;
  /** `+04:30` (or `+03:25:44` for local mean time), as Intl writes it. */
  text: string;
}

/**
 * The zone's offset through one UTC day, when Intl gives the same offset at
 * its first and its last second: no zone changes offset twice in a day and
 * back again, so the whole day has it. Null on a day with a transition,
 * which is then asked of Intl instant by instant. Kept per zone and day, so
 * a story page needs Intl only for days it has not seen.
 */
const dayOffsets = new Map<string, DayOffset | null>();
const MAX_DAYS = 20_000;

function offsetAt(t: number, timeZone: string): DayOffset {
  const p = zonedParts(new Date(t), timeZone);
  return { ms: Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - t, text: p.offset };
}

function dayOffset(t: number, timeZone: string): DayOffset | null {
  const day = Math.floor(t / DAY_MS);
  const key = `${timeZone} ${day}`;
  let v = dayOffsets.get(key);
  if (v === undefined) {
    const start = offsetAt(day * DAY_MS, timeZone);
    const end = offsetAt((day + 1) * DAY_MS - 1000, timeZone);
    v = start.ms === end.ms && start.text === end.text ? start : null;
    if (dayOffsets.size >= MAX_DAYS) dayOffsets.clear();
    dayOffsets.set(key, v);
  }
  return v;
}

/**
 * The strings of formatIsoInZone and formatDisplayTime (domain/shared/time.ts):
 * the wall clock is the instant plus the day's offset, read with UTC getters;
 * test/http/site-fast-paths.test.ts holds them equal, every hour of two DST years.
 */
function format(date: Date, timeZone: string): ShownTime {
  const t = date.getTime() - (((date.getTime() % 1000) + 1000) % 1000);
  const off = dayOffset(t, timeZone);
  let y: number, mo: number, d: number, h: number, mi: number, s: number, text: string;
  if (off) {
    const w = new Date(t + off.ms);
    [y, mo, d, h, mi, s, text] = [w.getUTCFullYear(), w.getUTCMonth() + 1, w.getUTCDate(), w.getUTCHours(), w.getUTCMinutes(), w.getUTCSeconds(), off.text];
  } else {
    const p = zonedParts(date, timeZone);
    [y, mo, d, h, mi, s, text] = [p.year, p.month, p.day, p.hour, p.minute, p.second, p.offset];
  }
  const hm = `${pad(h)}:${pad(mi)}`;
  return { iso: `${y}-${pad(mo)}-${pad(d)}T${hm}:${pad(s)}${text}`, display: `${MONTHS[mo - 1]} ${d}, ${y} - ${hm}` };
}

export function shownTime(date: Date, timeZone: string): ShownTime {
  const key = `${timeZone} ${date.getTime()}`;
  let v = shown.get(key);
  if (!v) {
    if (shown.size >= MAX_SHOWN) shown.clear();
    v = format(date, timeZone);
    shown.set(key, v);
  }
  return v;
}

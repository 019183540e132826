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

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Both forms from one formatToParts call. They are the strings of
 * formatIsoInZone and formatDisplayTime (domain/shared/time.ts), which each
 * make their own call; test/http/site-speed.test.ts holds them equal.
 */
function format(date: Date, timeZone: string): ShownTime {
  const p = zonedParts(date, timeZone);
  const hm = `${pad(p.hour)}:${pad(p.minute)}`;
  return {
    iso: `${p.year}-${pad(p.month)}-${pad(p.day)}T${hm}:${pad(p.second)}${p.offset}`,
    display: `${p.monthName} ${p.day}, ${p.year} - ${hm}`,
  };
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

import { formatDisplayTime, formatIsoInZone } from '../../../domain/shared/time.ts';

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

export function shownTime(date: Date, timeZone: string): ShownTime {
  const key = `${timeZone} ${date.getTime()}`;
  let v = shown.get(key);
  if (!v) {
    if (shown.size >= MAX_SHOWN) shown.clear();
    v = { iso: formatIsoInZone(date, timeZone), display: formatDisplayTime(date, timeZone) };
    shown.set(key, v);
  }
  return v;
}

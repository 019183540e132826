/**
 * Dates shown in the edition's own time zone. ICU in Node carries the full
 * tz history, so half-hour offsets (Asia/Tehran, +04:30) and retired
 * daylight-saving rules (Tehran's DST until 2022) come out right.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface ZonedParts {
  year: number;
  month: number;
  monthName: string;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** `+04:30`, `-05:00`, `+00:00` */
  offset: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function zonedParts(date: Date, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of partsFormatter(timeZone).formatToParts(date)) parts[p.type] = p.value;
  const gmt = parts.timeZoneName ?? 'GMT';
  const offset = gmt === 'GMT' ? '+00:00' : gmt.replace('GMT', '');
  const monthName = parts.month;
  return {
    year: Number(parts.year),
    month: MONTHS.indexOf(monthName) + 1,
    monthName,
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    offset,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `May 21, 2021 - 18:15` — the house display format (docs/architecture.md, house conventions). */
export function formatDisplayTime(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.monthName} ${p.day}, ${p.year} - ${pad(p.hour)}:${pad(p.minute)}`;
}

/** `2021-05-21T18:15:00+04:30`: the same instant, written with the edition's local offset. */
export function formatIsoInZone(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${p.offset}`;
}

/** `May 21, 2021` for correction notes and archive lists. */
export function formatDisplayDate(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.monthName} ${p.day}, ${p.year}`;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** ISO 8601 with an explicit offset or Z; anything else is refused, never guessed. */
export function parseIsoWithOffset(s: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The zone's offset from UTC at `date`, in milliseconds (`+04:30` → 16 200 000). */
function offsetMs(date: Date, timeZone: string): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(zonedParts(date, timeZone).offset);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3_600_000 + Number(m[3]) * 60_000) : 0;
}

/**
 * The first instant after `now` at which the zone's clocks show `hour`:00.
 * Worked from the local calendar day, not by adding 24 hours, so it stays
 * at that hour across daylight-saving changes; an hour a spring-forward
 * skips comes out as the hour after the gap.
 */
export function nextLocalHour(now: Date, hour: number, timeZone: string): Date {
  const today = zonedParts(now, timeZone);
  for (let day = 0; ; day++) {
    const wall = Date.UTC(today.year, today.month - 1, today.day + day, hour);
    // The offset at the guess, then at the corrected guess: two rounds settle it on both sides of a change.
    const first = wall - offsetMs(new Date(wall), timeZone);
    const at = new Date(wall - offsetMs(new Date(first), timeZone));
    if (at.getTime() > now.getTime()) return at;
  }
}

/** Time comes in through a Clock so tests and jobs can pin "now". */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(start: Date): Clock & { set(d: Date): void; advance(ms: number): void } {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = d.getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** Timestamps are stored as UTC ISO-8601 strings on both dialects so they compare as text. */
export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}

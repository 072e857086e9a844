import { chinaDay } from "../../domain/calendar";

/**
 * The one source of "now" and of today's date, passed to whatever needs them (deadlines, file
 * names, lockouts), so that tests can set the time instead of waiting for it.
 */
export interface Clock {
  now(): Date;
  /** Today on the Asia/Shanghai calendar, YYYY-MM-DD. */
  today(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => chinaDay(new Date()),
};

/** A clock stopped at `instant`, for tests. */
export function fixedClock(instant: string | Date): Clock {
  const at = new Date(instant);
  return { now: () => new Date(at), today: () => chinaDay(at) };
}

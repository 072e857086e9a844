/**
 * Working days on the Chinese calendar, for the statutory clocks of listed supervision (挂牌督办,
 * shared/regulations.md "The closed loop in practice": the listing and the delisting published
 * within 5 working days; an extension requested at least 20 working days before the deadline and
 * decided within 10). Statutory holidays and the make-up working days (调休) come from the State
 * Council's yearly notice as the npm package chinese-days keeps it; a system administrator's
 * corrections override single days, for a year the package does not know yet or a local change.
 */
import chineseDays from "chinese-days";

/** Days an administrator has set by hand: YYYY-MM-DD → whether it is a working day. */
export type DayCorrections = ReadonlyMap<string, boolean>;

export interface WorkingCalendar {
  isWorkingDay(day: string): boolean;
  /** Whether the holidays of a year are known (published, or entered by an administrator). */
  knowsYear(year: number): boolean;
}

export function workingCalendar(corrections: DayCorrections = new Map()): WorkingCalendar {
  return {
    isWorkingDay: (day) => corrections.get(day) ?? chineseDays.isWorkday(day),
    knowsYear: (year) =>
      [...corrections.keys()].some((day) => day.startsWith(`${year}-`)) ||
      // Every published year has its New Year's Day among the statutory holidays.
      chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0,
  };
}

const DAY_MS = 86_400_000;
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** The `count`-th working day after `from` (from itself not counted): "within 5 working days" ends there. */
export function addWorkingDays(calendar: WorkingCalendar, from: string, count: number): string {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${count}`);
  let day = from;
  for (let counted = 0; counted < count; ) {
    day = nextDay(day);
    if (calendar.isWorkingDay(day)) counted++;
  }
  return day;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(calendar: WorkingCalendar, from: string, to: string): number {
  let counted = 0;
  for (let day = nextDay(from); day <= to; day = nextDay(day)) if (calendar.isWorkingDay(day)) counted++;
  return counted;
}

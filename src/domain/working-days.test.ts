import { describe, expect, it } from "vitest";
import { addWorkingDays, workingCalendar, workingDaysBetween } from "./working-days";

const calendar = workingCalendar();

describe("working days on the Chinese calendar", () => {
  it("skip the 2026 Spring Festival holiday (02-15 to 02-23) and count its 调休 Saturdays (02-14, 02-28)", () => {
    expect(calendar.isWorkingDay("2026-02-14")).toBe(true);
    expect(calendar.isWorkingDay("2026-02-16")).toBe(false);
    expect(calendar.isWorkingDay("2026-02-28")).toBe(true);
    expect(calendar.isWorkingDay("2026-03-01")).toBe(false);
    // Listed on Friday 02-13: Saturday 02-14 is a working day, then nothing until Tuesday 02-24.
    expect(addWorkingDays(calendar, "2026-02-13", 1)).toBe("2026-02-14");
    expect(addWorkingDays(calendar, "2026-02-13", 5)).toBe("2026-02-27");
    expect(addWorkingDays(calendar, "2026-02-13", 6)).toBe("2026-02-28");
    expect(addWorkingDays(calendar, "2026-02-13", 7)).toBe("2026-03-02");
    expect(workingDaysBetween(calendar, "2026-02-13", "2026-02-27")).toBe(5);
  });

  it("count National Day 2026 (10-01 to 10-07) as holidays and its 调休 Saturday 10-10 as a working day", () => {
    expect(calendar.isWorkingDay("2026-10-01")).toBe(false);
    expect(calendar.isWorkingDay("2026-10-10")).toBe(true);
    expect(addWorkingDays(calendar, "2026-09-30", 1)).toBe("2026-10-08");
  });

  it("an ordinary week: five working days from a Monday end on the next Monday", () => {
    expect(addWorkingDays(calendar, "2026-06-01", 5)).toBe("2026-06-08");
    expect(addWorkingDays(calendar, "2026-06-01", 0)).toBe("2026-06-01");
    expect(workingDaysBetween(calendar, "2026-06-08", "2026-06-01")).toBe(0);
    expect(() => addWorkingDays(calendar, "2026-06-01", -1)).toThrow(RangeError);
  });

  it("an administrator's corrections override the package, and make a year known", () => {
    expect(calendar.knowsYear(2026)).toBe(true);
    expect(calendar.knowsYear(2031)).toBe(false);
    const corrected = workingCalendar(
      new Map([
        ["2031-01-01", false],
        ["2026-06-08", false],
      ]),
    );
    expect(corrected.knowsYear(2031)).toBe(true);
    expect(corrected.isWorkingDay("2026-06-08")).toBe(false);
    expect(addWorkingDays(corrected, "2026-06-01", 5)).toBe("2026-06-09");
  });
});

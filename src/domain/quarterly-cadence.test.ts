import { describe, expect, it } from "vitest";
import { quarterOf } from "./coverage";
import { cadenceOf, quarterlyCadence, quarterlyPeriodProblem } from "./quarterly-cadence";

describe("the quarterly cadence (seed 003: first month inspects, third month 回头看)", () => {
  it("puts the first round in the quarter's first month and the 回头看 in its third", () => {
    const cadence = quarterlyCadence(quarterOf("2026-11-15"));
    expect(cadence.firstRound).toEqual({ start: "2026-10-01", end: "2026-10-31" });
    expect(cadence.followUp).toEqual({ start: "2026-12-01", end: "2026-12-31" });
  });

  it("gives four rounds a year, one per quarter", () => {
    const followUps = ["2026-01-10", "2026-04-10", "2026-07-10", "2026-10-10"].map((day) => cadenceOf(day).followUp);
    expect(followUps).toEqual([
      { start: "2026-03-01", end: "2026-03-31" },
      { start: "2026-06-01", end: "2026-06-30" },
      { start: "2026-09-01", end: "2026-09-30" },
      { start: "2026-12-01", end: "2026-12-31" },
    ]);
  });

  it("accepts a first round within the quarter's first two months", () => {
    expect(quarterlyPeriodProblem("2026-04-01", "2026-04-30")).toBeNull();
    expect(quarterlyPeriodProblem("2026-04-10", "2026-05-31")).toBeNull();
  });

  it("refuses a first round reaching into the third month or past the quarter", () => {
    expect(quarterlyPeriodProblem("2026-04-01", "2026-06-01")).toContain("2026-06-01 之前结束");
    expect(quarterlyPeriodProblem("2026-05-01", "2026-07-15")).toContain("2026年第二季度");
  });
});

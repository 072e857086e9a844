import { describe, expect, it } from "vitest";
import { COVERAGE_DUTIES, defaultCampaignDuty, inDuty, ledgerDuty, monthSpan, quarterOf, yearOf } from "./coverage";

const hospital = (grade: string, provincialDirect = false) => ({ grade, provincialDirect });

describe("the coverage rule by level (seed 003)", () => {
  it("puts every 省直 institution and every 三级 in the province's duty, and nothing else", () => {
    const province = COVERAGE_DUTIES.province;
    expect(inDuty(province, hospital("grade3"))).toBe(true);
    expect(inDuty(province, hospital("ungraded", true))).toBe(true);
    expect(inDuty(province, hospital("grade2", true))).toBe(true);
    expect(inDuty(province, hospital("grade2"))).toBe(false);
    expect(inDuty(province, hospital("grade1"))).toBe(false);
  });

  it("puts every 二级 in a city's duty and every 一级 in a county's, whether 省直 or not", () => {
    expect(inDuty(COVERAGE_DUTIES.city, hospital("grade2"))).toBe(true);
    expect(inDuty(COVERAGE_DUTIES.city, hospital("grade2", true))).toBe(true);
    expect(inDuty(COVERAGE_DUTIES.city, hospital("grade3"))).toBe(false);
    expect(inDuty(COVERAGE_DUTIES.city, hospital("grade1"))).toBe(false);
    expect(inDuty(COVERAGE_DUTIES.county, hospital("grade1"))).toBe(true);
    expect(inDuty(COVERAGE_DUTIES.county, hospital("grade2"))).toBe(false);
    expect(inDuty(COVERAGE_DUTIES.county, hospital("ungraded", true))).toBe(false);
  });

  it("leaves ungraded institutions (village clinics, public places) out of every level's duty", () => {
    for (const level of ["province", "city", "county"] as const) expect(inDuty(ledgerDuty(level), hospital("ungraded"))).toBe(false);
  });

  it("makes a campaign's default scope its own level's duty", () => {
    expect(defaultCampaignDuty("province")).toEqual({ grades: ["grade3"], provincialDirect: true });
    expect(defaultCampaignDuty("city")).toEqual({ grades: ["grade2"], provincialDirect: false });
    expect(defaultCampaignDuty("county")).toEqual({ grades: ["grade1"], provincialDirect: false });
  });

  it("makes a ledger hold the duties of its own level and every level below it", () => {
    expect(ledgerDuty("province")).toEqual({ grades: ["grade3", "grade2", "grade1"], provincialDirect: true });
    expect(ledgerDuty("city")).toEqual({ grades: ["grade2", "grade1"], provincialDirect: false });
    expect(ledgerDuty("county")).toEqual({ grades: ["grade1"], provincialDirect: false });
  });
});

describe("quarters on the China calendar", () => {
  it("places a day in its quarter, with the quarter's days and months", () => {
    expect(quarterOf("2026-12-03")).toEqual({
      year: 2026,
      quarter: 4,
      start: "2026-10-01",
      end: "2026-12-31",
      months: [10, 11, 12],
      label: "2026年第四季度",
    });
    expect(quarterOf("2026-01-01")).toMatchObject({ quarter: 1, start: "2026-01-01", end: "2026-03-31", months: [1, 2, 3] });
    expect(quarterOf("2026-06-30")).toMatchObject({ quarter: 2, start: "2026-04-01", end: "2026-06-30" });
    expect(quarterOf("2026-07-01")).toMatchObject({ quarter: 3, start: "2026-07-01", end: "2026-09-30" });
  });

  it("knows the length of every month, leap years included", () => {
    expect(monthSpan(2028, 2)).toEqual({ start: "2028-02-01", end: "2028-02-29" });
    expect(monthSpan(2026, 2)).toEqual({ start: "2026-02-01", end: "2026-02-28" });
    expect(monthSpan(2026, 4).end).toBe("2026-04-30");
  });

  it("gives the year of a day as a span", () => {
    expect(yearOf("2026-05-09")).toEqual({ year: 2026, start: "2026-01-01", end: "2026-12-31" });
  });

  it("refuses what is not a day", () => {
    expect(() => quarterOf("2026-13-01")).toThrow();
  });
});

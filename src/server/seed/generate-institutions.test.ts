import { describe, expect, it } from "vitest";
import { checkCreditCode } from "../../domain/credit-code";
import { JurisdictionDirectory } from "../modules/jurisdictions/directory";
import { generateInstitutions, HOSPITAL_GRADES, randomSource, syntheticCreditCode } from "./generate-institutions";

describe("generated institutions", () => {
  const counties = new JurisdictionDirectory().leavesUnder("410200");
  const rows = generateInstitutions(counties, [{ type: "general_hospital", count: 400, grade: HOSPITAL_GRADES, privateShare: 0.4 }], randomSource(1));

  it("carry valid, unique credit codes", () => {
    expect(rows.every((r) => checkCreditCode(r.creditCode).status === "valid")).toBe(true);
    expect(new Set(rows.map((r) => r.creditCode)).size).toBe(rows.length);
    expect(checkCreditCode(syntheticCreditCode("private", "410225", 123_456_789)).status).toBe("valid");
  });

  it("spread over every county and follow the grade mix", () => {
    expect(new Set(rows.map((r) => r.jurisdictionCode)).size).toBe(counties.length);
    const grade3 = rows.filter((r) => r.grade === "grade3").length / rows.length;
    expect(grade3).toBeGreaterThan(0.03);
    expect(grade3).toBeLessThan(0.15);
  });

  it("are the same for the same seed", () => {
    const again = generateInstitutions(counties, [{ type: "general_hospital", count: 400, grade: HOSPITAL_GRADES, privateShare: 0.4 }], randomSource(1));
    expect(again).toEqual(rows);
  });
});

import { describe, expect, it } from "vitest";
import { requiredSecurityStaff } from "./security-staffing";

describe("minimum security staff (seed 003, 国卫医发〔2021〕28号: the highest of three figures)", () => {
  it("takes 3% of on-duty medical staff when that is the highest", () => {
    expect(requiredSecurityStaff({ onDutyMedicalStaff: 1500, beds: 400, dailyOutpatientVisits: 2000 })).toMatchObject({
      required: 45,
      decidedBy: "medical_staff",
    });
  });

  it("takes one guard per 20 beds when that is the highest", () => {
    expect(requiredSecurityStaff({ onDutyMedicalStaff: 100, beds: 1200, dailyOutpatientVisits: 4200 })).toMatchObject({
      required: 60,
      decidedBy: "beds",
      byRule: { medical_staff: 3, beds: 60, outpatients: 13 },
    });
  });

  it("takes 3‰ of daily outpatient visits when that is the highest", () => {
    expect(requiredSecurityStaff({ onDutyMedicalStaff: 100, beds: 20, dailyOutpatientVisits: 5000 })).toMatchObject({ required: 15, decidedBy: "outpatients" });
  });

  it("rounds each figure up, since each is a floor, without floating-point drift", () => {
    // 3% of 100 is exactly 3, not 3.0000000000000004 rounded up to 4.
    expect(requiredSecurityStaff({ onDutyMedicalStaff: 100, beds: 0, dailyOutpatientVisits: 0 }).required).toBe(3);
    expect(requiredSecurityStaff({ onDutyMedicalStaff: 101, beds: 0, dailyOutpatientVisits: 0 }).required).toBe(4);
    expect(requiredSecurityStaff({ onDutyMedicalStaff: 0, beds: 21, dailyOutpatientVisits: 0 }).required).toBe(2);
    expect(requiredSecurityStaff({ onDutyMedicalStaff: 0, beds: 0, dailyOutpatientVisits: 1 }).required).toBe(1);
  });

  it("requires none of an institution with no staff, beds or visits", () => {
    expect(requiredSecurityStaff({ onDutyMedicalStaff: 0, beds: 0, dailyOutpatientVisits: 0 }).required).toBe(0);
  });
});

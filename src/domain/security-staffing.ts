/**
 * Minimum security staff of a hospital, seed 003 (安全秩序管理年) and 国卫医发〔2021〕28号
 * (shared/regulations.md "Hospital security order"): at least the highest of 3% of on-duty medical
 * staff, one guard per 20 beds and 3‰ of average daily outpatient visits — "就高不就低".
 * Each figure is a floor, so fractions round up.
 */
export interface StaffingBasis {
  onDutyMedicalStaff: number;
  beds: number;
  dailyOutpatientVisits: number;
}

export type StaffingRule = "medical_staff" | "beds" | "outpatients";

export const STAFFING_RULES: Record<StaffingRule, string> = {
  medical_staff: "在岗医务人员的 3%",
  beds: "每 20 张床位 1 名",
  outpatients: "日均门诊量的 3‰",
};

export interface StaffingRequirement {
  required: number;
  /** The rule that sets the requirement (the highest), for explaining it to the user. */
  decidedBy: StaffingRule;
  byRule: Record<StaffingRule, number>;
}

export function requiredSecurityStaff(basis: StaffingBasis): StaffingRequirement {
  // Integer arithmetic: 3% and 3‰ as exact fractions, so 100 staff give exactly 3, not 3.0000000004 → 4.
  const byRule: Record<StaffingRule, number> = {
    medical_staff: Math.ceil((basis.onDutyMedicalStaff * 3) / 100),
    beds: Math.ceil(basis.beds / 20),
    outpatients: Math.ceil((basis.dailyOutpatientVisits * 3) / 1000),
  };
  const decidedBy = (Object.keys(byRule) as StaffingRule[]).reduce((best, rule) => (byRule[rule] > byRule[best] ? rule : best), "medical_staff");
  return { required: byRule[decidedBy], decidedBy, byRule };
}

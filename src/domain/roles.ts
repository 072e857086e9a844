/**
 * Kinds of account (issue #2, "Accounts and access"). Users belong either to an authority (a
 * jurisdiction's 卫生健康委) or to one institution (shared/domain.md §1).
 */
export const ROLES = {
  system_admin: "系统管理员",
  authority_admin: "监管部门管理员",
  authority_inspector: "监管部门检查员",
  institution_admin: "机构管理员",
  institution_staff: "机构工作人员",
} as const;
export type Role = keyof typeof ROLES;
export const AUTHORITY_ROLES = ["authority_admin", "authority_inspector"] as const satisfies readonly Role[];
export const INSTITUTION_ROLES = ["institution_admin", "institution_staff"] as const satisfies readonly Role[];

/** GB/T 2260 levels of the jurisdiction tree (shared/domain.md §1). */
export const JURISDICTION_LEVELS = {
  province: "省",
  city: "市",
  county: "县（市、区）",
} as const;
export type JurisdictionLevel = keyof typeof JURISDICTION_LEVELS;

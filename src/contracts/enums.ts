/**
 * Enumerations shared by server and web. Each value has the Chinese label the UI shows;
 * the seeds (shared/domain.md §1) name the institution types.
 */
export const INSTITUTION_TYPES = {
  general_hospital: "综合医院",
  tcm_hospital: "中医医院",
  specialist_hospital: "专科医院",
  township_health_center: "乡镇卫生院",
  community_health_center: "社区卫生服务中心",
  community_health_station: "社区卫生服务站",
  village_clinic: "村卫生室",
  cdc: "疾病预防控制中心",
  maternal_child_health: "妇幼保健院",
  childcare: "托育机构",
  elderly_care: "医养结合机构",
  public_place: "公共场所",
} as const;
export type InstitutionType = keyof typeof INSTITUTION_TYPES;

export const INSTITUTION_GRADES = {
  grade3: "三级",
  grade2: "二级",
  grade1: "一级",
  ungraded: "未定级",
} as const;
export type InstitutionGrade = keyof typeof INSTITUTION_GRADES;

export const OWNERSHIPS = {
  public: "公立",
  private: "民营",
} as const;
export type Ownership = keyof typeof OWNERSHIPS;

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

export const JURISDICTION_LEVELS = {
  province: "省",
  city: "市",
  county: "县（市、区）",
} as const;
export type JurisdictionLevel = keyof typeof JURISDICTION_LEVELS;

export const keysOf = <T extends Record<string, string>>(record: T) => Object.keys(record) as [keyof T & string, ...(keyof T & string)[]];

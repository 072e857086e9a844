import { AUTHORITY_ROLES, INSTITUTION_ROLES, type Role } from "./roles";

/**
 * What each role may do (issue #2, "Accounts and access"). Authorities run supervision over
 * their jurisdiction subtree; institutions keep their own record; the system administrator
 * manages accounts and reads the audit trail but does not run supervision (等保 2.0 三权分立:
 * system and audit duties are kept apart from business duties).
 */
export const PERMISSIONS = {
  "institution:read": "查看机构",
  "institution:create": "新增与导入机构",
  "institution:update": "编辑机构",
  "institution:register": "变更机构登记信息",
  "institution:export": "导出机构",
  "institution:own": "查看本单位",
  "user:manage": "管理用户",
  "audit:read": "查看审计日志",
  "hazard:read": "查看隐患台账",
  "hazard:record": "登记隐患",
  "settings:manage": "管理本部门的隐患设置与类别",
  "calendar:manage": "更正工作日历",
  "file:upload": "上传照片与文件",
  "notice:acknowledge": "签收通知书",
  "hazard:export": "导出隐患台账",
  "checklist:manage": "管理检查表",
  "campaign:manage": "部署检查工作、工作组与随机抽取",
  "expert:manage": "管理专家库",
  "campaign:read": "查看检查工作与覆盖情况",
  "inspection:read": "查看检查记录",
  "inspection:record": "现场检查",
  "inspection:self": "机构自查",
  "inspection:export": "导出检查记录",
} as const;
export type Permission = keyof typeof PERMISSIONS;

/**
 * An institution's registration fields decide who must inspect it (seed 003 coverage rule:
 * 省直 and 三级 by the province, 二级 by the city, 一级 by the county), so only the supervising
 * authority changes them ("institution:register"), which also deregisters and restores; an
 * institution keeps its own size, security staffing and contact figures up to date ("institution:update").
 */
export const INSTITUTION_REGISTRY_FIELDS = ["name", "creditCode", "type", "ownership", "grade", "provincialDirect", "jurisdictionCode"] as const;

const GRANTS: Record<Role, readonly Permission[]> = {
  system_admin: ["institution:read", "user:manage", "audit:read", "calendar:manage"],
  authority_admin: [
    "institution:read",
    "institution:create",
    "institution:update",
    "institution:register",
    "institution:export",
    "user:manage",
    "hazard:read",
    "hazard:record",
    "settings:manage",
    "file:upload",
    "hazard:export",
    "checklist:manage",
    "campaign:manage",
    "expert:manage",
    "campaign:read",
    "inspection:read",
    "inspection:record",
    "inspection:export",
  ],
  authority_inspector: [
    "institution:read",
    "institution:export",
    "hazard:read",
    "hazard:record",
    "file:upload",
    "hazard:export",
    "campaign:read",
    "inspection:read",
    "inspection:record",
    "inspection:export",
  ],
  institution_admin: [
    "institution:read",
    "institution:own",
    "institution:update",
    "user:manage",
    "hazard:read",
    "file:upload",
    "notice:acknowledge",
    "hazard:export",
    "inspection:read",
    "inspection:self",
    "inspection:export",
  ],
  institution_staff: ["institution:read", "institution:own", "hazard:read", "file:upload", "notice:acknowledge", "inspection:read", "inspection:self"],
};

export const permissionsOf = (role: Role): readonly Permission[] => GRANTS[role];
export const can = (role: Role, permission: Permission) => GRANTS[role].includes(permission);

/** Roles a user manager may hand out: never more than the manager's own kind of account. */
export function assignableRoles(managerRole: Role): Role[] {
  switch (managerRole) {
    case "system_admin":
      return ["system_admin", "authority_admin", "authority_inspector", "institution_admin", "institution_staff"];
    case "authority_admin":
      return ["authority_admin", "authority_inspector", "institution_admin", "institution_staff"];
    case "institution_admin":
      return ["institution_admin", "institution_staff"];
    default:
      return [];
  }
}

/** Accounts of a health commission belong to a jurisdiction; accounts of an institution to that institution. */
export const isAuthorityRole = (role?: Role) => role !== undefined && (AUTHORITY_ROLES as readonly Role[]).includes(role);
export const isInstitutionRole = (role?: Role) => role !== undefined && (INSTITUTION_ROLES as readonly Role[]).includes(role);

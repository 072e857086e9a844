import { z } from "zod";
import { Pagination, pageOf, sortingOf } from "./common";
import { defineRoute, requires } from "./route";
import { choice, labelled } from "./validation";

/** Every action the audit trail records, with the name users read. */
export const AUDIT_ACTIONS = {
  "auth.login": "登录",
  "auth.logout": "退出登录",
  "auth.change_password": "修改密码",
  "institution.create": "新增机构",
  "institution.update": "编辑机构",
  "institution.deregister": "注销/停业机构",
  "institution.restore": "恢复机构",
  "institution.import_preview": "上传机构导入文件",
  "institution.import": "导入机构",
  "institution.export": "导出机构",
  "user.create": "新增用户",
  "user.update": "编辑用户",
  "user.reset_password": "重置密码",
  "user.export": "导出用户",
  "audit.export": "导出审计日志",
  "hazard.record": "登记隐患",
  "hazard.command": "办理隐患",
  "hazard.import_preview": "上传隐患台账导入文件",
  "hazard.import": "导入隐患台账",
  "settings.update": "修改隐患管理设置",
  "hazard_category.create": "增加隐患类别",
  "calendar.correct": "更正工作日历",
  "file.upload": "上传文件",
  "file.discard": "清理未使用的上传文件",
  "notice.issue": "开具通知书",
  "notice.acknowledge": "签收通知书",
  "notice.export": "导出通知书",
  "hazard.export": "导出隐患台账",
  "hazard.export_job": "提交隐患台账后台导出",
  "hazard_listing.export": "导出挂牌督办事项",
  "checklist.create": "新建检查表",
  "checklist.update": "编辑检查表",
  "checklist.archive": "归档检查表",
  "checklist.restore": "恢复检查表",
  "checklist.import_preview": "上传检查表导入文件",
  "checklist.import": "导入检查表",
  "checklist.export": "导出检查表列表",
  "checklist.export_one": "导出检查表",
  "expert.create": "增加专家",
  "expert.update": "修改专家",
  "expert.export": "导出专家库",
  "group.create": "新建工作组",
  "group.rename": "重命名工作组",
  "group.members": "设置工作组成员",
  "group.assign": "分配机构到工作组",
  "group.spread": "随机分配机构到工作组",
  "draw.run": "随机抽取",
  "draw.publish": "公示抽取结果",
  "campaign.create": "部署检查工作",
  "campaign.assignment_state": "调整检查对象状态",
  "campaign.assignment_window": "调整检查窗口",
  "campaign.follow_up_list": "生成回头看名单",
  "campaign.export": "导出检查工作",
  "campaign.assignments_export": "导出检查对象",
  "coverage.gaps_export": "导出未覆盖机构",
  "inspection.submit": "提交检查记录",
  "inspection.export": "导出检查记录",
  /** The safety net's record of a state-changing request that wrote none of its own (refused or failed). */
  request: "接口请求",
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** Old and new value of each changed field, by field name. */
export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** An export's record, written when the file has been sent (or cut short). */
export interface ExportDetail {
  filters: Record<string, unknown>;
  rows: number;
  /** False when the download stopped before the last row (client gone, error). */
  complete: boolean;
}

/** A background export asked for: the filters it will select by, and its job. */
export interface ExportJobDetail {
  filters: Record<string, unknown>;
  jobId: string;
}

/** What an import's preview records. */
export interface ImportPreviewDetail {
  fileName: string;
  totalRows: number;
  newRows: number;
  updateRows: number;
  errorRows: number;
}

/** What a confirmed import records. */
export interface ImportDetail {
  fileName: string;
  created: number;
  updated: number;
}

/** What each action records besides who, when, where and on what: one shape per action. */
export interface AuditDetails {
  "auth.login": { username: string; reason?: "unknown_user" | "locked" | "disabled" | "wrong_password" };
  "auth.logout": Record<string, never>;
  "auth.change_password": Record<string, never>;
  "institution.create": { name: string };
  "institution.update": { name: string; changes: FieldChanges };
  "institution.deregister": { name: string; status: string; date: string; reason: string };
  "institution.restore": { name: string; previousStatus: string; reason: string };
  "institution.import_preview": ImportPreviewDetail;
  "institution.import": ImportDetail;
  "institution.export": ExportDetail;
  "user.create": { username: string; role: string };
  "user.update": { username: string; changes: FieldChanges };
  "user.reset_password": { username: string };
  "user.export": ExportDetail;
  "audit.export": ExportDetail;
  "hazard.record": { number: string; institution: string };
  "hazard.command": { number: string; command: string; reason?: string; changes: FieldChanges };
  "hazard.import_preview": ImportPreviewDetail;
  "hazard.import": ImportDetail;
  "settings.update": { name: string; changes: FieldChanges };
  "hazard_category.create": { name: string };
  "calendar.correct": { day: string; kind: string | null; note: string };
  "file.upload": { fileName: string; mediaType: string; size: number; sha256: string; declaredCapturedAt?: string };
  "file.discard": { fileName: string; sha256: string; uploadedAt: string };
  "notice.issue": { number: string; kind: string; institution: string; hazards: string[] };
  "notice.acknowledge": { number: string; institution: string };
  "notice.export": ExportDetail;
  "hazard.export": ExportDetail;
  "hazard.export_job": ExportJobDetail;
  "hazard_listing.export": ExportDetail;
  /** A new template: written, copied from another (its name) or imported from a workbook. */
  "checklist.create": { name: string; version: number; itemCount: number; copiedFrom?: string; imported?: boolean };
  /** An edit: of the unused current version in place, or as a new version beside the used one. */
  "checklist.update": { name: string; version: number; newVersion: boolean; itemCount: number; changes: FieldChanges; imported?: boolean };
  "checklist.archive": { name: string };
  "checklist.restore": { name: string };
  "checklist.import_preview": ImportPreviewDetail;
  "checklist.import": ImportDetail;
  "checklist.export": ExportDetail;
  "checklist.export_one": ExportDetail;
  "expert.create": { name: string };
  "expert.update": { name: string; changes: FieldChanges };
  "expert.export": ExportDetail;
  "group.create": { name: string; campaign: string };
  "group.rename": { name: string; campaign: string; changes: FieldChanges };
  "group.members": { name: string; campaign: string; members: string[]; leader: string | null };
  "group.assign": { name: string | null; campaign: string; institutions: number };
  "group.spread": { campaign: string; seed: string; algorithm: string; institutions: number; unplaced?: number; groups: string[] };
  "draw.run": { campaign: string; seed: string; algorithm: string; version: number; poolSize: number; drawn: number; witness: string };
  "draw.publish": { campaign: string; drawnAt: string };
  "campaign.create": { name: string; kind: string; assignments: number; followUpId: string | null };
  "campaign.assignment_state": { campaign: string; institution: string; changes: FieldChanges; reason?: string };
  "campaign.assignment_window": { campaign: string; institution: string; changes: FieldChanges };
  "campaign.follow_up_list": { campaign: string; added: number; total: number };
  "campaign.export": ExportDetail;
  "campaign.assignments_export": ExportDetail;
  "coverage.gaps_export": ExportDetail;
  "inspection.submit": { institution: string; kind: string; inspectedOn: string; hazards: number; campaignId: string | null };
  "inspection.export": ExportDetail;
  request: { method: string; route: string; status: number };
}

/** The actions whose detail has the given shape (the import pipeline records any area's imports). */
export type ActionsWithDetail<Detail> = { [Action in AuditAction]: AuditDetails[Action] extends Detail ? Action : never }[AuditAction];

/** Kinds of record an audit entry can concern. */
export const AUDIT_TARGET_TYPES = {
  user: "用户",
  institution: "机构",
  import: "导入批次",
  institution_import: "导入批次",
  audit: "审计日志",
  hazard: "隐患",
  authority: "监管部门",
  calendar: "工作日历",
  file: "文件",
  notice: "通知书",
  checklist: "检查表",
  expert: "专家",
  campaign: "检查工作",
  working_group: "工作组",
  draw: "随机抽取",
  inspection: "检查记录",
} as const;
export type AuditTargetType = keyof typeof AUDIT_TARGET_TYPES;

export const AUDIT_RESULTS = { success: "成功", failure: "失败" } as const;

export const AuditFilters = z.object({
  actor: labelled(z.string().trim().max(50), "操作人").optional(),
  action: choice(AUDIT_ACTIONS, "操作").optional(),
  result: choice(AUDIT_RESULTS, "结果").optional(),
  from: labelled(z.iso.datetime({ offset: true }), "开始时间").optional(),
  to: labelled(z.iso.datetime({ offset: true }), "结束时间").optional(),
});
export type AuditFilters = z.infer<typeof AuditFilters>;
export const AUDIT_SORTS = { at: "时间" } as const;
export const AuditQuery = AuditFilters.extend(Pagination.shape).extend(sortingOf(AUDIT_SORTS).shape);
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** The target's name when the record was written (institution, account, file). */
  targetName: z.string().nullable(),
  result: z.enum(["success", "failure"]),
  ip: z.string(),
  /** The detail in words: "床位数：100 → 120", one line per fact. */
  summary: z.array(z.string()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditPage = pageOf(AuditEntry);
export type AuditPage = z.infer<typeof AuditPage>;

export const auditRoutes = {
  list: defineRoute({
    method: "GET",
    path: "/api/audit",
    summary: "审计日志（只读）",
    access: requires("audit:read"),
    query: AuditQuery,
    response: AuditPage,
  }),
  export: defineRoute({
    method: "GET",
    path: "/api/audit/export",
    summary: "导出筛选后的审计日志（.xlsx）",
    access: requires("audit:read"),
    query: AuditFilters.extend(sortingOf(AUDIT_SORTS).shape),
    response: "file",
  }),
};

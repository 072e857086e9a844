import type { z } from "zod";
import { AUDIT_RESULTS, type AuditEntry, AuditFilters } from "../../../contracts/audit";
import { AssignmentFilters, AssignmentStateBody, AssignmentWindowBody, CampaignFilters, GapFilters } from "../../../contracts/campaigns";
import { ChecklistFilters } from "../../../contracts/checklists";
import { displayValue, type NameOf } from "../../../contracts/display";
import { ExpertBody, ExpertFilters } from "../../../contracts/draws";
import { INSTITUTION_STATUSES, ROLES } from "../../../contracts/enums";
import { FILE_MEDIA_TYPES, type FileMediaType } from "../../../contracts/files";
import { CLOSURE_KINDS, InstitutionFilters, InstitutionUpdate } from "../../../contracts/institutions";
import { NoticeFilters } from "../../../contracts/notices";
import { CALENDAR_DAY_KINDS, HazardSettingsBody } from "../../../contracts/settings";
import { UpdateUserBody, UserFilters } from "../../../contracts/users";
import { labelAt } from "../../../contracts/validation";
import type { auditLog } from "../../../db/schema";
import { chinaMinute } from "../../../domain/calendar";
import type { JurisdictionDirectory } from "../jurisdictions/directory";

type AuditRow = typeof auditLog.$inferSelect;
type Detail = Record<string, unknown>;

/** The schema whose labels name the fields of a target's changes. */
const FIELDS_OF_TARGET: Record<string, z.ZodType> = {
  institution: InstitutionUpdate,
  user: UpdateUserBody,
  authority: HazardSettingsBody,
  expert: ExpertBody,
  campaign: AssignmentStateBody.extend(AssignmentWindowBody.shape),
};
/** The schema whose labels name an export's filters. */
const FILTERS_OF_EXPORT: Record<string, z.ZodType> = {
  "institution.export": InstitutionFilters,
  "user.export": UserFilters,
  "audit.export": AuditFilters,
  "notice.export": NoticeFilters,
  "checklist.export": ChecklistFilters,
  "expert.export": ExpertFilters,
  "campaign.export": CampaignFilters,
  "campaign.assignments_export": AssignmentFilters,
  "coverage.gaps_export": GapFilters,
};

/** Words for the keys that recur across actions' details. */
const DETAIL_LABELS: Record<string, string> = {
  name: "名称",
  username: "用户名",
  fileName: "文件",
  reason: "原因",
  role: "角色",
  status: "状态",
  date: "日期",
  previousStatus: "恢复前状态",
  displayName: "姓名",
  active: "是否启用",
};

const LOGIN_FAILURES: Record<string, string> = {
  unknown_user: "用户名不存在",
  locked: "账户已锁定",
  disabled: "账户已停用",
  wrong_password: "密码错误",
};

const isRecord = (value: unknown): value is Detail => typeof value === "object" && value !== null && !Array.isArray(value);

function changeLines(schema: z.ZodType | undefined, changes: Detail, nameOf: NameOf): string[] {
  return Object.entries(changes).map(([field, change]) => {
    const label = (schema && labelAt(schema, [field])) ?? DETAIL_LABELS[field] ?? field;
    const show = (value: unknown) => (schema ? displayValue(schema, field, value, nameOf) : String(value ?? "（空）"));
    // A change is "from → to"; a plain value (records written before changes were kept) is shown as it is.
    return isRecord(change) && "to" in change ? `${label}：${show(change.from)} → ${show(change.to)}` : `${label}：${show(change)}`;
  });
}

function filterLine(schema: z.ZodType, filters: Detail): string {
  const shown = Object.entries(filters)
    .filter(([key, value]) => value !== undefined && value !== "" && !["page", "pageSize", "sort", "order"].includes(key))
    .map(([key, value]) => `${labelAt(schema, [key]) ?? key}＝${displayValue(schema, key, value)}`);
  return shown.length > 0 ? `筛选：${shown.join("；")}` : "筛选：无（全部）";
}

/** The facts of a record's detail in words, one line each: never raw JSON. */
function summaryOf(row: AuditRow, nameOf: NameOf): string[] {
  const detail: Detail = isRecord(row.detail) ? row.detail : {};
  const fieldsSchema = row.targetType ? FIELDS_OF_TARGET[row.targetType] : undefined;
  switch (row.action) {
    case "auth.login":
      return row.result === "failure" ? [`原因：${LOGIN_FAILURES[String(detail.reason)] ?? "登录失败"}`] : [];
    case "institution.update":
    case "user.update":
    case "settings.update":
    case "expert.update":
      return isRecord(detail.changes) ? changeLines(fieldsSchema, detail.changes, nameOf) : changeLines(fieldsSchema, withoutName(detail), nameOf);
    case "institution.deregister":
      return [
        `类型：${CLOSURE_KINDS[detail.status as keyof typeof CLOSURE_KINDS] ?? String(detail.status)}`,
        `日期：${String(detail.date)}`,
        `原因：${String(detail.reason)}`,
      ];
    case "institution.restore":
      return [
        `恢复前状态：${INSTITUTION_STATUSES[detail.previousStatus as keyof typeof INSTITUTION_STATUSES] ?? String(detail.previousStatus)}`,
        `原因：${String(detail.reason)}`,
      ];
    case "institution.import_preview":
    case "checklist.import_preview":
      return [
        `共 ${detail.totalRows} 行：可新增 ${detail.newRows ?? detail.validRows ?? 0} 行，可更新 ${detail.updateRows ?? 0} 行，有误 ${detail.errorRows ?? 0} 行`,
      ];
    case "institution.import":
      return [`新增 ${detail.created ?? detail.imported ?? 0} 家，更新 ${detail.updated ?? 0} 家`];
    case "institution.export":
    case "user.export":
    case "audit.export":
    case "notice.export":
    case "checklist.export":
    case "expert.export":
    case "campaign.export":
    case "campaign.assignments_export":
    case "coverage.gaps_export": {
      const schema = FILTERS_OF_EXPORT[row.action] as z.ZodType;
      const rows = typeof detail.rows === "number" ? `导出 ${detail.rows} 条` : "导出";
      return [detail.complete === false ? `${rows}（下载中断，未完成）` : rows, filterLine(schema, isRecord(detail.filters) ? detail.filters : {})];
    }
    case "checklist.import":
      return [`导入 ${String(detail.created ?? 0)} 项检查项`];
    case "checklist.create":
      return [
        `第 ${String(detail.version)} 版，${String(detail.itemCount)} 项`,
        ...(detail.copiedFrom ? [`复制自：${String(detail.copiedFrom)}`] : []),
        ...(detail.imported ? ["由 Excel 导入"] : []),
      ];
    case "checklist.update":
      return [
        detail.newVersion ? `另存为第 ${String(detail.version)} 版（已使用的版本保持不变）` : `修改第 ${String(detail.version)} 版（尚未使用）`,
        `检查项：${String(detail.itemCount)} 项`,
        ...(isRecord(detail.changes) ? changeLines(undefined, detail.changes, nameOf) : []),
        ...(detail.imported ? ["由 Excel 导入"] : []),
      ];
    case "hazard.record":
      return [`机构：${String(detail.institution)}`];
    case "hazard.command":
      return [`办理：${String(detail.command)}`, ...(detail.reason ? [`原因：${String(detail.reason)}`] : [])];
    case "calendar.correct":
      return [
        detail.kind ? `${String(detail.day)} 设为${CALENDAR_DAY_KINDS[detail.kind as keyof typeof CALENDAR_DAY_KINDS]}` : `${String(detail.day)} 恢复内置安排`,
        ...(detail.note ? [`说明：${String(detail.note)}`] : []),
      ];
    case "notice.issue":
      return [`机构：${String(detail.institution)}`, `隐患：${Array.isArray(detail.hazards) ? detail.hazards.join("、") : ""}`];
    case "notice.acknowledge":
      return [`机构：${String(detail.institution)}`];
    case "group.create":
    case "group.rename":
      return [`检查工作：${String(detail.campaign)}`];
    case "group.members":
      return [
        `检查工作：${String(detail.campaign)}`,
        `成员：${Array.isArray(detail.members) ? detail.members.join("、") : ""}`,
        `组长：${String(detail.leader ?? "无")}`,
      ];
    case "group.assign":
      return [`检查工作：${String(detail.campaign)}`, `${detail.name ? `分配到${String(detail.name)}` : "取消分配"}：${String(detail.institutions)} 家机构`];
    case "group.spread":
      return [
        `随机分配 ${String(detail.institutions)} 家机构到 ${Array.isArray(detail.groups) ? detail.groups.join("、") : ""}`,
        ...(typeof detail.unplaced === "number" && detail.unplaced > 0 ? [`因回避未分配：${detail.unplaced} 家`] : []),
        `种子：${String(detail.seed)}`,
      ];
    case "draw.run":
      return [
        `抽取池 ${String(detail.poolSize)} 家，抽中 ${String(detail.drawn)} 家`,
        `算法：${String(detail.algorithm)} 第 ${String(detail.version)} 版，种子：${String(detail.seed)}`,
        `见证人：${String(detail.witness)}`,
      ];
    case "draw.publish":
      return [`检查工作：${String(detail.campaign)}`];
    case "campaign.create":
      return [`检查对象：${String(detail.assignments)} 家`, ...(detail.followUpId ? ["已安排回头看"] : [])];
    case "campaign.assignment_state":
    case "campaign.assignment_window":
      return [
        `机构：${String(detail.institution)}`,
        ...(isRecord(detail.changes) ? changeLines(fieldsSchema, detail.changes, nameOf) : []),
        ...(detail.reason ? [`原因：${String(detail.reason)}`] : []),
      ];
    case "campaign.follow_up_list":
      return [`新增 ${String(detail.added)} 家，名单共 ${String(detail.total)} 家`];
    case "user.create":
      return [`角色：${ROLES[detail.role as keyof typeof ROLES] ?? String(detail.role)}`];
    case "file.upload":
      return [
        `类型：${FILE_MEDIA_TYPES[detail.mediaType as FileMediaType] ?? String(detail.mediaType)}，${Math.max(1, Math.round(Number(detail.size) / 1024))} KB`,
        ...(detail.declaredCapturedAt ? [`拍摄时间（手机读取）：${chinaMinute(new Date(String(detail.declaredCapturedAt)))}`] : []),
      ];
    case "file.discard":
      return [`上传于 ${chinaMinute(new Date(String(detail.uploadedAt)))}，一直未用于任何记录`];
    case "request":
      return [
        `接口：${String(detail.method)} ${String(detail.route)}`,
        `结果：HTTP ${String(detail.status)}（${AUDIT_RESULTS[row.result as keyof typeof AUDIT_RESULTS]}）`,
      ];
    default:
      return changeLines(fieldsSchema, withoutName(detail), nameOf);
  }
}

/** The detail without the target's own name, which the entry shows already. */
function withoutName(detail: Detail): Detail {
  const { name: _name, username: _username, fileName: _fileName, ...rest } = detail;
  return Object.fromEntries(Object.entries(rest).filter(([, value]) => !isRecord(value)));
}

/** An audit record as the API shows it: names and facts in words. */
export function describeAuditRow(directory: JurisdictionDirectory, row: AuditRow): AuditEntry {
  const detail: Detail = isRecord(row.detail) ? row.detail : {};
  const nameOf: NameOf = (kind, value) =>
    kind === "jurisdiction"
      ? directory
          .trail(value)
          .slice(1)
          .map((j) => j.name)
          .join(" / ") || undefined
      : undefined;
  const recordedName = [detail.name, detail.username, detail.fileName].find((value): value is string => typeof value === "string");
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorUsername: row.actorUsername,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    targetName: row.targetName ?? recordedName ?? null,
    result: row.result,
    ip: row.ip,
    summary: summaryOf(row, nameOf),
  };
}

import { z } from "zod";
import { Pagination, pageOf } from "./common";

export const AuditQuery = Pagination.extend({
  actor: z.string().trim().max(50).optional(),
  action: z.string().trim().max(80).optional(),
  result: z.enum(["success", "failure"]).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  result: z.enum(["success", "failure"]),
  ip: z.string(),
  detail: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditPage = pageOf(AuditEntry);
export type AuditPage = z.infer<typeof AuditPage>;

/** Names of the recorded actions, for the filter and the table. */
export const AUDIT_ACTIONS: Record<string, string> = {
  "auth.login": "登录",
  "auth.logout": "退出登录",
  "auth.change_password": "修改密码",
  "institution.create": "新增机构",
  "institution.update": "编辑机构",
  "institution.import_preview": "上传机构导入文件",
  "institution.import": "导入机构",
  "institution.export": "导出机构",
  "user.create": "新增用户",
  "user.update": "编辑用户",
  "user.reset_password": "重置密码",
};

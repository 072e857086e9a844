import { z } from "zod";

/** Chinese name of every request field, so a validation error can say which field is wrong. */
export const FIELD_LABELS: Record<string, string> = {
  username: "用户名",
  password: "密码",
  currentPassword: "当前密码",
  newPassword: "新密码",
  displayName: "姓名",
  role: "角色",
  active: "是否启用",
  name: "机构名称",
  creditCode: "统一社会信用代码",
  type: "机构类型",
  ownership: "所有制",
  grade: "等级",
  provincialDirect: "是否省直",
  jurisdictionCode: "所在行政区划",
  institutionId: "所属机构",
  address: "地址",
  beds: "床位数",
  onDutyMedicalStaff: "在岗医务人员数",
  dailyOutpatientVisits: "日均门诊量",
  securityStaff: "保安人数",
  contactPerson: "联系人",
  contactPhone: "联系电话",
  q: "搜索词",
  page: "页码",
  pageSize: "每页条数",
  id: "编号",
  from: "开始时间",
  to: "结束时间",
  action: "操作",
  result: "结果",
  actor: "操作人",
};

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Pagination = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const IdParams = z.object({ id: z.uuid() });

/** "true"/"false" in a query string. */
export const QueryBoolean = z.enum(["true", "false"]).transform((v) => v === "true");

export const JurisdictionCode = z.string().regex(/^\d{6}$/, "应为 6 位数字行政区划代码");

import { z } from "zod";
import { checkCreditCode, normalizeCreditCode } from "../domain/credit-code";
import { STAFFING_RULES } from "../domain/security-staffing";
import { AuditEntry } from "./audit";
import {
  CalendarDay,
  countField,
  ImportIdParams,
  InstitutionIdParams,
  JurisdictionCode,
  optionalText,
  Pagination,
  pageOf,
  QueryBoolean,
  requiredText,
  sortingOf,
} from "./common";
import { INSTITUTION_GRADES, INSTITUTION_STATUSES, INSTITUTION_TYPE_GROUPS, INSTITUTION_TYPES, OWNERSHIPS } from "./enums";
import { ImportConfirmBody, ImportResult, importPreviewOf } from "./imports";
import { defineRoute, requires } from "./route";
import { choice, labelled, references } from "./validation";

/** Malformed codes are refused; a code that only fails its check digit passes here and is warned about. */
export const CreditCode = labelled(
  z
    .string()
    .transform(normalizeCreditCode)
    .superRefine((code, ctx) => {
      const check = checkCreditCode(code);
      if (check.status === "malformed") ctx.addIssue({ code: "custom", message: check.reason });
    }),
  "统一社会信用代码",
);

/**
 * The fields that decide who must inspect an institution (seed 003 coverage rule): only its
 * supervising authority changes them (domain/permissions.ts, INSTITUTION_REGISTRY_FIELDS).
 */
const registryFields = {
  name: requiredText("机构名称", 100),
  creditCode: CreditCode,
  type: choice(INSTITUTION_TYPES, "机构类型"),
  ownership: choice(OWNERSHIPS, "所有制"),
  grade: choice(INSTITUTION_GRADES, "等级"),
  provincialDirect: labelled(z.boolean(), "是否省直"),
  jurisdictionCode: references(JurisdictionCode, "jurisdiction", "所在县（市、区）"),
};

/** Size, security staffing and contacts: the institution keeps these up to date itself. */
const profileFields = {
  address: optionalText("地址", 200),
  beds: countField("床位数"),
  onDutyMedicalStaff: countField("在岗医务人员数"),
  dailyOutpatientVisits: countField("日均门诊量"),
  securityStaff: countField("保安人数"),
  contactPerson: requiredText("联系人", 50),
  contactPhone: labelled(
    z
      .string()
      .trim()
      .regex(/^[0-9+\-() ]{0,30}$/, "只能包含数字、空格和 + - ( )，最多 30 位"),
    "联系电话",
  ),
};

const EXAMPLE = {
  name: "兰考县第二人民医院",
  creditCode: "12410225MB0000001X",
  type: "general_hospital",
  ownership: "public",
  grade: "grade2",
  provincialDirect: false,
  jurisdictionCode: "410225",
  address: "兰考县裕禄大道 1 号",
  beds: 500,
  onDutyMedicalStaff: 620,
  dailyOutpatientVisits: 1800,
  securityStaff: 25,
  contactPerson: "王主任",
  contactPhone: "0371-26991234",
};

/**
 * PUT replaces every editable field of an institution: each must be given, and a missing or null
 * field is refused (400 naming it) rather than reset to a default (docs/adr/0008-updates-replace.md).
 */
export const InstitutionUpdate = z
  .object({ ...registryFields, ...profileFields })
  .meta({ description: "替换机构的全部可编辑字段：每个字段都必须给出，缺少或为 null 时返回 400 并指明字段，不会被改为默认值。" });
export type InstitutionUpdate = z.infer<typeof InstitutionUpdate>;

/** A new institution: the figures and contacts it does not give start at 0 and "". */
export const InstitutionCreate = InstitutionUpdate.extend({
  provincialDirect: registryFields.provincialDirect.default(false),
  address: profileFields.address.default(""),
  beds: profileFields.beds.default(0),
  onDutyMedicalStaff: profileFields.onDutyMedicalStaff.default(0),
  dailyOutpatientVisits: profileFields.dailyOutpatientVisits.default(0),
  securityStaff: profileFields.securityStaff.default(0),
  contactPhone: profileFields.contactPhone.default(""),
}).meta({ description: "新增机构；未给出的规模数字记为 0，地址和电话记为空。" });
/** A complete set of an institution's editable fields (what create and update both end with). */
export type InstitutionInput = z.infer<typeof InstitutionCreate>;

/** List filters. `status` defaults to the institutions on the register. */
export const LIST_STATUSES = { ...INSTITUTION_STATUSES, all: "全部" } as const;
export const InstitutionFilters = z.object({
  q: labelled(z.string().trim().max(50), "机构名称或信用代码").optional(),
  jurisdictionCode: references(JurisdictionCode, "jurisdiction", "行政区划").optional(),
  typeGroup: choice(INSTITUTION_TYPE_GROUPS, "机构类别").optional(),
  type: choice(INSTITUTION_TYPES, "机构类型").optional(),
  grade: choice(INSTITUTION_GRADES, "等级").optional(),
  ownership: choice(OWNERSHIPS, "所有制").optional(),
  provincialDirect: labelled(QueryBoolean, "是否省直").optional(),
  status: choice(LIST_STATUSES, "登记状态").optional(),
});
export type InstitutionFilters = z.infer<typeof InstitutionFilters>;

export const INSTITUTION_SORTS = {
  name: "机构名称",
  jurisdiction: "所在县（市、区）",
  grade: "等级",
  beds: "床位数",
  updatedAt: "更新时间",
} as const;
export type InstitutionSort = keyof typeof INSTITUTION_SORTS;

export const InstitutionListQuery = InstitutionFilters.extend(Pagination.shape).extend(sortingOf(INSTITUTION_SORTS).shape);
export type InstitutionListQuery = z.infer<typeof InstitutionListQuery>;

export const InstitutionSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  creditCode: z.string(),
  type: z.string(),
  ownership: z.string(),
  grade: z.string(),
  provincialDirect: z.boolean(),
  jurisdictionCode: z.string(),
  jurisdictionName: z.string(),
  /** The city the county belongs to (the province's users see many). */
  cityName: z.string(),
  beds: z.number().int(),
  contactPerson: z.string(),
  status: z.string(),
  updatedAt: z.string(),
});
export type InstitutionSummary = z.infer<typeof InstitutionSummary>;

export const InstitutionPage = pageOf(InstitutionSummary);
export type InstitutionPage = z.infer<typeof InstitutionPage>;

/** 注销 or 停业, with the day it took effect and why. */
export const Closure = z.object({ status: z.string(), date: z.string(), reason: z.string() });

/** The whole record as its page shows it: the list's columns, less the city, and everything else. */
export const InstitutionDetail = InstitutionSummary.omit({ cityName: true }).extend({
  creditCodeChecksumOk: z.boolean(),
  /** Names from the province down to the county, for the breadcrumb. */
  jurisdictionTrail: z.array(z.object({ code: z.string(), name: z.string() })),
  address: z.string(),
  onDutyMedicalStaff: z.number().int(),
  dailyOutpatientVisits: z.number().int(),
  securityStaff: z.number().int(),
  contactPhone: z.string(),
  closure: Closure.nullable(),
  /** The security staff the rules require of it (domain/security-staffing.ts) against what it reports. */
  staffing: z.object({
    required: z.number().int(),
    decidedBy: choice(STAFFING_RULES, "依据"),
    byRule: z.record(z.string(), z.number().int()),
  }),
  createdAt: z.string(),
  /** What the caller may do with this record, so the UI shows only working buttons. */
  actions: z.object({ edit: z.boolean(), editRegistry: z.boolean(), deregister: z.boolean(), restore: z.boolean() }),
});
export type InstitutionDetail = z.infer<typeof InstitutionDetail>;

export const SaveInstitutionResult = z.object({
  institution: InstitutionDetail,
  warnings: z.array(z.string()),
});
export type SaveInstitutionResult = z.infer<typeof SaveInstitutionResult>;

export const CLOSURE_KINDS = { deregistered: "注销", suspended: "停业" } as const;

export const DeregisterBody = z.object({
  status: choice(CLOSURE_KINDS, "注销类型"),
  date: labelled(CalendarDay, "注销/停业日期"),
  reason: requiredText("原因", 200),
});
export type DeregisterBody = z.infer<typeof DeregisterBody>;

export const RestoreBody = z.object({ reason: requiredText("恢复原因", 200) });

export const InstitutionHistoryQuery = Pagination;
export const InstitutionHistoryPage = pageOf(AuditEntry);

/** What the preview shows of a row to import. */
export const InstitutionImportSample = z.object({
  row: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  type: z.string(),
  grade: z.string(),
  jurisdictionName: z.string(),
});
export const InstitutionImportPreview = importPreviewOf(InstitutionImportSample);
export type InstitutionImportPreview = z.infer<typeof InstitutionImportPreview>;

const read = requires("institution:read");

export const institutionRoutes = {
  list: defineRoute({
    method: "GET",
    path: "/api/institutions",
    summary: "机构列表（按调用者的管辖范围）",
    access: read,
    query: InstitutionListQuery,
    response: InstitutionPage,
  }),
  export: defineRoute({
    method: "GET",
    path: "/api/institutions/export",
    summary: "导出筛选后的机构列表（.xlsx）",
    access: requires("institution:export"),
    query: InstitutionFilters.extend(sortingOf(INSTITUTION_SORTS).shape),
    response: "file",
  }),
  importTemplate: defineRoute({
    method: "GET",
    path: "/api/institutions/import-template",
    summary: "机构导入模板（.xlsx，含下拉选项和填写说明）",
    access: requires("institution:create"),
    response: "file",
  }),
  detail: defineRoute({
    method: "GET",
    path: "/api/institutions/:id",
    summary: "机构详情",
    access: read,
    params: InstitutionIdParams,
    response: InstitutionDetail,
  }),
  history: defineRoute({
    method: "GET",
    path: "/api/institutions/:id/history",
    summary: "机构的变更记录（新的在前）",
    access: read,
    params: InstitutionIdParams,
    query: InstitutionHistoryQuery,
    response: InstitutionHistoryPage,
  }),
  create: defineRoute({
    method: "POST",
    path: "/api/institutions",
    summary: "新增机构",
    access: requires("institution:create"),
    body: InstitutionCreate,
    example: EXAMPLE,
    response: SaveInstitutionResult,
    status: 201,
  }),
  update: defineRoute({
    method: "PUT",
    path: "/api/institutions/:id",
    summary: "修改机构（替换全部可编辑字段）",
    description: "每个字段都必须给出；缺少或为 null 的字段返回 400 并指明字段。机构用户只能改规模、安保和联系方式，登记信息由监管部门修改。",
    access: requires("institution:update"),
    params: InstitutionIdParams,
    body: InstitutionUpdate,
    example: EXAMPLE,
    response: SaveInstitutionResult,
  }),
  deregister: defineRoute({
    method: "POST",
    path: "/api/institutions/:id/deregister",
    summary: "注销或停业（移出列表，保留历史）",
    access: requires("institution:register"),
    params: InstitutionIdParams,
    body: DeregisterBody,
    example: { status: "suspended", date: "2026-11-30", reason: "机构申请停业整顿" },
    response: SaveInstitutionResult,
  }),
  restore: defineRoute({
    method: "POST",
    path: "/api/institutions/:id/restore",
    summary: "恢复已注销或停业的机构",
    access: requires("institution:register"),
    params: InstitutionIdParams,
    body: RestoreBody,
    example: { reason: "已恢复执业" },
    response: SaveInstitutionResult,
  }),
  importPreview: defineRoute({
    method: "POST",
    path: "/api/institutions/imports",
    summary: "上传机构 Excel 并预检（不写入机构表）",
    description: "multipart/form-data，文件字段名 file（.xlsx）。返回每一行的问题，以及新增、更新的条数。",
    access: requires("institution:create"),
    upload: true,
    response: InstitutionImportPreview,
  }),
  importConfirm: defineRoute({
    method: "POST",
    path: "/api/institutions/imports/:id/confirm",
    summary: "确认导入（全部成功或全部不写入）",
    access: requires("institution:create"),
    params: ImportIdParams,
    body: ImportConfirmBody,
    example: { updateExisting: false },
    response: ImportResult,
  }),
};

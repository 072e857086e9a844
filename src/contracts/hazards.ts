import { z } from "zod";
import { HAZARD_SOURCES } from "../domain/hazard-categories";
import { HAZARD_GRADES, HAZARD_HANDLINGS, HAZARD_STATES, MAJOR_PLAN_FIELDS } from "../domain/hazard-lifecycle";
import { CalendarDay, HazardIdParams, JurisdictionCode, optionalText, Pagination, pageOf, QueryBoolean, requiredText, sortingOf } from "./common";
import { INSTITUTION_GRADES, INSTITUTION_TYPES } from "./enums";
import { AttachmentInfo, MAX_PHOTOS } from "./files";
import { defineRoute, requires } from "./route";
import { choice, labelled, references } from "./validation";

/** The "五落实" plan of a major hazard: every part must be given. */
export const MajorPlan = z.object({
  measures: requiredText(MAJOR_PLAN_FIELDS.measures, 2000),
  funds: requiredText(MAJOR_PLAN_FIELDS.funds, 200),
  deadline: requiredText(MAJOR_PLAN_FIELDS.deadline, 200),
  responsiblePerson: requiredText(MAJOR_PLAN_FIELDS.responsiblePerson, 100),
  interimMeasures: requiredText(MAJOR_PLAN_FIELDS.interimMeasures, 2000),
});

/** Photos uploaded first (POST /api/files) and named here by id; the command binds them to the hazard. */
const photoIds = (label: string) => labelled(z.array(references(z.uuid(), "file", label)).max(MAX_PHOTOS), label).default([]);

/** A hazard as it is first recorded in an institution's ledger. */
export const HazardRecordBody = z.object({
  institutionId: references(z.uuid(), "institution", "被检查机构"),
  foundOn: labelled(CalendarDay, "发现日期"),
  finders: requiredText("发现人", 200),
  place: requiredText("隐患部位", 200),
  /** A built-in key or a category the recording authority's chain added (GET /api/hazard-categories). */
  category: requiredText("隐患类别", 30),
  description: requiredText("隐患描述", 2000),
  basis: optionalText("判定依据", 500).default(""),
  grade: choice(HAZARD_GRADES, "隐患等级"),
  handling: choice(HAZARD_HANDLINGS, "处理方式"),
  deadline: labelled(CalendarDay, "整改时限").nullable().default(null),
  responsiblePerson: requiredText("整改责任人", 100),
  responsiblePhone: optionalText("责任人电话", 50).default(""),
  majorPlan: MajorPlan.nullable().default(null),
  photoIds: photoIds("现场照片"),
});
export type HazardRecordBody = z.infer<typeof HazardRecordBody>;

const EXAMPLE: z.input<typeof HazardRecordBody> = {
  institutionId: "00000000-0000-4000-8000-000000000000",
  foundOn: "2026-06-01",
  finders: "李明、张强",
  place: "门诊楼一层配电间",
  category: "electrical",
  description: "配电柜前堆放纸箱等可燃物，柜门无法完全打开",
  basis: "《机关、团体、企业、事业单位消防安全管理规定》第二十一条",
  grade: "general",
  handling: "by_deadline",
  deadline: "2026-06-30",
  responsiblePerson: "王科长",
  responsiblePhone: "0371-26991234",
};

/** Instead of photos, why none applies (a rule rewritten, a device replaced off site). */
const noPhotoReason = optionalText("无照片的原因", 500).optional();

/** What a user asks of a hazard, with the version of it they saw (an older one is refused, 409). */
export const HazardCommandBody = z.object({
  version: labelled(z.number().int().min(1), "版本"),
  command: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("start") }),
    z.object({
      kind: z.literal("submit"),
      actionsTaken: requiredText("整改情况", 2000),
      cost: optionalText("整改费用", 200).optional(),
      photoIds: photoIds("整改后照片"),
      noPhotoReason,
    }),
    z.object({ kind: z.literal("return"), reason: requiredText("退回原因", 1000) }),
    z.object({
      kind: z.literal("verify"),
      verifiers: requiredText("复查人", 200),
      verifiedOn: labelled(CalendarDay, "复查日期"),
      opinion: requiredText("复查意见", 2000),
      photoIds: photoIds("复查照片"),
      noPhotoReason,
    }),
    z.object({ kind: z.literal("close_on_spot"), photoIds: photoIds("整改后照片") }),
    z.object({ kind: z.literal("request_extension"), requestedDeadline: labelled(CalendarDay, "申请的整改时限"), reason: requiredText("延期原因", 1000) }),
    z.object({ kind: z.literal("approve_extension"), deadline: labelled(CalendarDay, "批准的整改时限").optional() }),
    z.object({ kind: z.literal("refuse_extension"), reason: requiredText("不予延期的理由", 1000) }),
    z.object({ kind: z.literal("regrade"), grade: choice(HAZARD_GRADES, "隐患等级"), reason: requiredText("调整原因", 1000), plan: MajorPlan.optional() }),
    z.object({ kind: z.literal("void"), reason: requiredText("作废原因", 1000) }),
  ]),
});
export type HazardCommandBody = z.infer<typeof HazardCommandBody>;

export const HazardSummary = z.object({
  id: z.uuid(),
  number: z.string(),
  institutionId: z.uuid(),
  institutionName: z.string(),
  jurisdictionName: z.string(),
  foundOn: z.string(),
  place: z.string(),
  category: z.string(),
  description: z.string(),
  grade: z.string(),
  handling: z.string(),
  deadline: z.string().nullable(),
  state: z.string(),
  /** Derived from the deadline and today's date in Asia/Shanghai, never stored. */
  overdue: z.boolean(),
  responsiblePerson: z.string(),
  updatedAt: z.string(),
});
export type HazardSummary = z.infer<typeof HazardSummary>;

export const HazardEvent = z.object({
  kind: z.string(),
  /** The photos that came with this step. */
  attachments: z.array(AttachmentInfo),
  round: z.number().int(),
  actorName: z.string(),
  at: z.string(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  changed: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
});

export const ListingClock = z.object({
  key: z.enum(["publish_listing", "decide_extension", "publish_delisting"]),
  label: z.string(),
  startedOn: z.string(),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  late: z.boolean(),
});
export type ListingClock = z.infer<typeof ListingClock>;

/** A 挂牌督办 as the hazard page and the queues show it. */
export const Listing = z.object({
  id: z.uuid(),
  documentNumber: z.string(),
  deadline: z.string(),
  supervisingDepartment: z.string(),
  listedOn: z.string(),
  publishedOn: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  delistedOn: z.string().nullable(),
  delistingPublishedOn: z.string().nullable(),
});
export type Listing = z.infer<typeof Listing>;

export const Supervision = z.object({
  listingAuthorityCode: z.string(),
  listingAuthorityName: z.string(),
  /** The latest listing, null while the listing authority has not listed it yet (待挂牌). */
  listing: Listing.nullable(),
  clocks: z.array(ListingClock),
});
export type Supervision = z.infer<typeof Supervision>;

export const HazardDetail = HazardSummary.extend({
  source: z.string(),
  finders: z.string(),
  basis: z.string(),
  responsiblePhone: z.string(),
  majorPlan: MajorPlan.nullable(),
  round: z.number().int(),
  pendingExtension: z.object({ requestedDeadline: z.string(), reason: z.string(), requestedOn: z.string().optional() }).nullable(),
  /** 提级管理 of a major hazard: who lists it, its listing and the clocks; null for a general hazard never listed. */
  supervision: Supervision.nullable(),
  version: z.number().int(),
  /** Every photo of the hazard, oldest first, each with its purpose (现场、整改后、复查). */
  photos: z.array(AttachmentInfo),
  /** Every change from the record onwards, oldest first: the hazard's timeline. */
  events: z.array(HazardEvent),
});
export type HazardDetail = z.infer<typeof HazardDetail>;

/**
 * The most rows an export answers at once, and the most a list counts (`totalCapped` beyond):
 * a larger export runs as a background job (POST /api/hazards/export-jobs).
 */
export const HAZARD_EXPORT_INLINE_LIMIT = 10_000;

/** The ledger's filters: the list, its export and a background export select by the same ones. */
export const HazardFilters = z.object({
  state: choice(HAZARD_STATES, "状态").optional(),
  grade: choice(HAZARD_GRADES, "隐患等级").optional(),
  category: requiredText("隐患类别", 30).optional(),
  institutionId: references(z.uuid(), "institution", "被检查机构").optional(),
  /** Past the deadline on today's China calendar and not yet submitted (逾期). */
  overdue: labelled(QueryBoolean, "是否逾期").optional(),
  /** A jurisdiction within the caller's own, with everything under it. */
  jurisdictionCode: references(JurisdictionCode, "jurisdiction", "行政区划").optional(),
  institutionType: choice(INSTITUTION_TYPES, "机构类型").optional(),
  institutionGrade: choice(INSTITUTION_GRADES, "机构等级").optional(),
  source: choice(HAZARD_SOURCES, "隐患来源").optional(),
  foundFrom: labelled(CalendarDay, "发现日期起").optional(),
  foundTo: labelled(CalendarDay, "发现日期止").optional(),
  /** Any part of the place or the description; one- and two-character terms (消防, 电线) work too. */
  q: labelled(z.string().trim().max(50), "隐患部位或描述").optional(),
});
export type HazardFilters = z.infer<typeof HazardFilters>;

export const HAZARD_SORTS = {
  foundOn: "发现日期",
  deadline: "整改时限",
  number: "隐患编号",
  state: "状态",
  /** An institution's to-do order: overdue first, then its open items by deadline, then those awaiting review, then the finished. */
  urgency: "紧急程度",
} as const;
export type HazardSort = keyof typeof HAZARD_SORTS;

export const HazardListQuery = HazardFilters.extend(Pagination.shape)
  .extend(sortingOf(HAZARD_SORTS).shape)
  .extend({
    /**
     * Where the page starts: the `nextCursor` of the previous page (keyset paging, as fast on page
     * 5,000 as on page 1). When given, `page` only numbers the page for display.
     */
    after: labelled(z.string().max(500), "翻页位置").optional(),
  });
export type HazardListQuery = z.infer<typeof HazardListQuery>;

export const HazardPage = pageOf(HazardSummary).extend({
  /** The cursor of the next page (`after`), or null on the last one. */
  nextCursor: z.string().nullable(),
});

/** The ledger's filters and order, as an export (immediate or in the background) takes them. */
export const HazardExportQuery = HazardFilters.extend(sortingOf(HAZARD_SORTS).shape);
export type HazardExportQuery = z.infer<typeof HazardExportQuery>;

export const ExportJobIdParams = z.object({ id: labelled(z.uuid(), "导出任务编号") });

export const EXPORT_JOB_STATES = { queued: "排队中", running: "导出中", done: "已完成", failed: "失败" } as const;

export const ExportJob = z.object({
  id: z.uuid(),
  kind: z.string(),
  state: z.enum(Object.keys(EXPORT_JOB_STATES) as [keyof typeof EXPORT_JOB_STATES]),
  rowsDone: z.number().int(),
  /** Known once the job has counted its rows. */
  rowsTotal: z.number().int().nullable(),
  fileName: z.string(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ExportJob = z.infer<typeof ExportJob>;

export const hazardRoutes = {
  record: defineRoute({
    method: "POST",
    path: "/api/hazards",
    summary: "登记隐患",
    description: "在被检查机构的隐患台账中登记一条隐患；编号按登记部门和年份连续编制。重大隐患须填写“五落实”方案。",
    access: requires("hazard:record"),
    body: HazardRecordBody,
    example: EXAMPLE,
    response: HazardDetail,
    status: 201,
  }),
  list: defineRoute({
    method: "GET",
    path: "/api/hazards",
    summary: "隐患台账（管辖范围内；机构用户为本单位）",
    description: `按状态、等级、类别、逾期、行政区划、机构、来源、发现日期和关键词筛选，按白名单字段排序。总数最多数到 ${HAZARD_EXPORT_INLINE_LIMIT.toLocaleString("en")}（totalCapped）。翻页可用上一页的 nextCursor 作为 after，深页与首页一样快；按页码（page）只能翻到前 ${HAZARD_EXPORT_INLINE_LIMIT.toLocaleString("en")} 条（page × pageSize 不超过此数），超出返回 400。`,
    access: requires("hazard:read"),
    query: HazardListQuery,
    response: HazardPage,
  }),
  export: defineRoute({
    method: "GET",
    path: "/api/hazards/export",
    summary: "导出筛选后的隐患台账（.xlsx）",
    description: `与台账相同的范围和筛选条件；超过 ${HAZARD_EXPORT_INLINE_LIMIT.toLocaleString("en")} 条时返回 409，请改用后台导出（POST /api/hazards/export-jobs）。`,
    access: requires("hazard:export"),
    query: HazardExportQuery,
    response: "file",
  }),
  exportJobCreate: defineRoute({
    method: "POST",
    path: "/api/hazards/export-jobs",
    summary: "后台导出隐患台账",
    description: "按提交时的管辖范围和筛选条件在后台生成 .xlsx；用 GET /api/export-jobs/:id 查看进度，完成后下载。",
    access: requires("hazard:export"),
    body: HazardExportQuery,
    example: { state: "pending", overdue: "true", sort: "deadline" },
    response: ExportJob,
    status: 201,
  }),
  detail: defineRoute({
    method: "GET",
    path: "/api/hazards/:id",
    summary: "隐患详情与全部办理记录",
    access: requires("hazard:read"),
    params: HazardIdParams,
    response: HazardDetail,
  }),
  command: defineRoute({
    method: "POST",
    path: "/api/hazards/:id/commands",
    summary: "办理隐患（整改、复查、退回、延期、调级、作废）",
    description: "按隐患当前状态办理；状态不允许时返回 409 并说明当前状态；version 与当前版本不一致（他人已修改）时返回 409。",
    access: requires("hazard:read"),
    params: HazardIdParams,
    body: HazardCommandBody,
    example: { version: 1, command: { kind: "start" } },
    response: HazardDetail,
  }),
};

/** Background exports of any list: progress and the file, for their owner only. */
export const exportJobRoutes = {
  progress: defineRoute({
    method: "GET",
    path: "/api/export-jobs/:id",
    summary: "后台导出任务的进度",
    access: requires("hazard:export"),
    params: ExportJobIdParams,
    response: ExportJob,
  }),
  file: defineRoute({
    method: "GET",
    path: "/api/export-jobs/:id/file",
    summary: "下载后台导出的文件",
    access: requires("hazard:export"),
    params: ExportJobIdParams,
    response: "file",
  }),
};

import { z } from "zod";
import { ASSIGNMENT_STATES, CAMPAIGN_KINDS, CAMPAIGN_SELECTIONS } from "../domain/inspections";
import { CalendarDay, idParamsOf, JurisdictionCode, optionalText, Pagination, pageOf, QueryBoolean, requiredText, sortingOf } from "./common";
import { INSTITUTION_GRADES, INSTITUTION_TYPES, OWNERSHIPS } from "./enums";
import { defineRoute, requires } from "./route";
import { choice, labelled, references } from "./validation";

/** The most institutions a campaign's scope can list by hand; a larger scope is chosen by its filters. */
export const MAX_LISTED_INSTITUTIONS = 5000;

export const CampaignIdParams = idParamsOf("campaign", "检查工作编号");

const jurisdictionCodes = labelled(z.array(references(JurisdictionCode, "jurisdiction", "行政区划")).max(200), "行政区划").default([]);

/**
 * Which institutions a campaign covers, within its authority's jurisdiction (active institutions only):
 * - coverage: the coverage rule's default for the authority's level (domain/coverage.ts), optionally in some of its jurisdictions;
 * - filter: by jurisdiction, type, grade, ownership and 省直 (each given filter narrows);
 * - list: the institutions named.
 */
export const CampaignScope = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("coverage"), jurisdictionCodes }),
  z.object({
    kind: z.literal("filter"),
    jurisdictionCodes,
    types: labelled(z.array(choice(INSTITUTION_TYPES, "机构类型")).max(100), "机构类型").default([]),
    grades: labelled(z.array(choice(INSTITUTION_GRADES, "等级")).max(4), "等级").default([]),
    ownership: choice(OWNERSHIPS, "所有制").optional(),
    provincialDirect: labelled(z.boolean(), "是否省直").optional(),
  }),
  z.object({
    kind: z.literal("list"),
    institutionIds: labelled(
      z
        .array(references(z.uuid(), "institution", "机构"))
        .min(1)
        .max(MAX_LISTED_INSTITUTIONS),
      "机构名单",
    ),
  }),
]);
export type CampaignScope = z.infer<typeof CampaignScope>;

export const CampaignCreateBody = z.object({
  name: requiredText("检查工作名称", 100),
  kind: choice(
    Object.fromEntries(Object.entries(CAMPAIGN_KINDS).filter(([key]) => key !== "follow_up")) as Omit<typeof CAMPAIGN_KINDS, "follow_up">,
    "检查类型",
  ),
  periodStart: labelled(CalendarDay, "开始日期"),
  periodEnd: labelled(CalendarDay, "结束日期"),
  /** Versions of checklists the authority may use (GET /api/campaigns/checklist-options), in their order. */
  checklistVersionIds: labelled(z.array(labelled(z.uuid(), "检查表")).min(1).max(10), "检查表"),
  /** 四不两直: the institutions see nothing of it before their inspection is recorded. */
  unannounced: labelled(z.boolean(), "是否四不两直").default(false),
  selection: choice(CAMPAIGN_SELECTIONS, "检查对象产生方式").default("all"),
  scope: CampaignScope,
  /** Each institution's date window; the period when not given. */
  windowStart: labelled(CalendarDay, "检查窗口开始").optional(),
  windowEnd: labelled(CalendarDay, "检查窗口结束").optional(),
});
export type CampaignCreateBody = z.infer<typeof CampaignCreateBody>;

const CREATE_EXAMPLE: z.input<typeof CampaignCreateBody> = {
  name: "2026年第四季度安全生产督导检查",
  kind: "quarterly",
  periodStart: "2026-10-01",
  periodEnd: "2026-10-31",
  checklistVersionIds: ["00000000-0000-4000-8000-000000000000"],
  unannounced: true,
  selection: "all",
  scope: { kind: "coverage" },
};

/** Where a campaign stands on today's China calendar, from its period. */
export const CAMPAIGN_PHASES = { planned: "未开始", ongoing: "进行中", finished: "已结束" } as const;
export type CampaignPhase = keyof typeof CAMPAIGN_PHASES;
export const campaignPhase = (period: { periodStart: string; periodEnd: string }, today: string): CampaignPhase =>
  today < period.periodStart ? "planned" : today > period.periodEnd ? "finished" : "ongoing";

export const AssignmentCounts = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  inspected: z.number().int(),
  notApplicable: z.number().int(),
});
export type AssignmentCounts = z.infer<typeof AssignmentCounts>;

export const CampaignSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: choice(CAMPAIGN_KINDS, "检查类型"),
  selection: choice(CAMPAIGN_SELECTIONS, "检查对象产生方式"),
  authorityCode: z.string(),
  authorityName: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  unannounced: z.boolean(),
  phase: choice(CAMPAIGN_PHASES, "状态"),
  followUpOf: z.uuid().nullable(),
  progress: AssignmentCounts,
  createdAt: z.string(),
});
export type CampaignSummary = z.infer<typeof CampaignSummary>;

/** One jurisdiction's line of a coverage table: what is in scope and how far its inspection has come. */
export const CampaignCoverageRow = AssignmentCounts.extend({ code: z.string(), name: z.string() });
export type CampaignCoverageRow = z.infer<typeof CampaignCoverageRow>;

export const CampaignDetail = CampaignSummary.extend({
  checklists: z.array(z.object({ versionId: z.uuid(), name: z.string(), version: z.number().int() })),
  /** The scope as its author chose it, in words, one line per condition. */
  scopeLines: z.array(z.string()),
  /** The 回头看 a quarterly campaign scheduled, with whether its list has been made. */
  followUp: z
    .object({
      id: z.uuid(),
      name: z.string(),
      periodStart: z.string(),
      periodEnd: z.string(),
      listMadeAt: z.string().nullable(),
      assignments: z.number().int(),
    })
    .nullable(),
  /** The first round a 回头看 re-checks, and when its list was made (null: not yet). */
  firstRound: z.object({ id: z.uuid(), name: z.string(), periodEnd: z.string() }).nullable(),
  listMadeAt: z.string().nullable(),
  /** By jurisdiction directly under the campaign's authority (the authority's own when it has none below). */
  coverage: z.object({ rows: z.array(CampaignCoverageRow), total: AssignmentCounts }),
  actions: z.object({ manage: z.boolean(), makeFollowUpList: z.boolean() }),
});
export type CampaignDetail = z.infer<typeof CampaignDetail>;

export const CampaignFilters = z.object({
  name: labelled(z.string().trim().max(50), "检查工作名称").optional(),
  kind: choice(CAMPAIGN_KINDS, "检查类型").optional(),
  phase: choice(CAMPAIGN_PHASES, "状态").optional(),
  /** Campaigns whose period overlaps these days. */
  from: labelled(CalendarDay, "期间起").optional(),
  to: labelled(CalendarDay, "期间止").optional(),
});
export type CampaignFilters = z.infer<typeof CampaignFilters>;
export const CAMPAIGN_SORTS = { periodStart: "开始日期", name: "名称", createdAt: "创建时间" } as const;
export type CampaignSort = keyof typeof CAMPAIGN_SORTS;
export const CampaignListQuery = CampaignFilters.extend(Pagination.shape).extend(sortingOf(CAMPAIGN_SORTS).shape);
export type CampaignListQuery = z.infer<typeof CampaignListQuery>;
export const CampaignExportQuery = CampaignFilters.extend(sortingOf(CAMPAIGN_SORTS).shape);

export const AssignmentSummary = z.object({
  /** The institution's id: an assignment is one institution of its campaign. */
  id: z.uuid(),
  institutionName: z.string(),
  jurisdictionName: z.string(),
  grade: z.string(),
  type: z.string(),
  groupId: z.uuid().nullable(),
  groupName: z.string().nullable(),
  windowStart: z.string(),
  windowEnd: z.string(),
  state: choice(ASSIGNMENT_STATES, "检查状态"),
  notApplicableReason: z.string().nullable(),
  inspectionId: z.uuid().nullable(),
});
export type AssignmentSummary = z.infer<typeof AssignmentSummary>;

export const AssignmentFilters = z.object({
  jurisdictionCode: references(JurisdictionCode, "jurisdiction", "行政区划").optional(),
  state: choice(ASSIGNMENT_STATES, "检查状态").optional(),
  q: labelled(z.string().trim().max(50), "机构名称").optional(),
  groupId: labelled(z.uuid(), "工作组").optional(),
});
export type AssignmentFilters = z.infer<typeof AssignmentFilters>;
export const ASSIGNMENT_SORTS = { institution: "机构名称", jurisdiction: "行政区划", state: "检查状态", windowStart: "检查窗口" } as const;
export type AssignmentSort = keyof typeof ASSIGNMENT_SORTS;
export const AssignmentListQuery = AssignmentFilters.extend(Pagination.shape).extend(sortingOf(ASSIGNMENT_SORTS).shape);
export type AssignmentListQuery = z.infer<typeof AssignmentListQuery>;
export const AssignmentExportQuery = AssignmentFilters.extend(sortingOf(ASSIGNMENT_SORTS).shape);

/** 不适用 with its reason (closed for renovation, merged…), or back to 未检查. An inspected assignment does not change here. */
export const AssignmentStateBody = z.object({
  institutionId: references(z.uuid(), "institution", "机构"),
  state: choice({ pending: ASSIGNMENT_STATES.pending, not_applicable: ASSIGNMENT_STATES.not_applicable }, "检查状态"),
  reason: optionalText("不适用原因", 500).default(""),
});
export type AssignmentStateBody = z.infer<typeof AssignmentStateBody>;

export const AssignmentWindowBody = z.object({
  institutionId: references(z.uuid(), "institution", "机构"),
  windowStart: labelled(CalendarDay, "检查窗口开始"),
  windowEnd: labelled(CalendarDay, "检查窗口结束"),
});
export type AssignmentWindowBody = z.infer<typeof AssignmentWindowBody>;

/** A checklist version the caller's authority may inspect with: shipped ones and those of its own chain, current versions. */
export const ChecklistOption = z.object({ versionId: z.uuid(), name: z.string(), version: z.number().int(), itemCount: z.number().int(), scored: z.boolean() });

export const ScopeCountBody = z.object({ scope: CampaignScope });

/** The quarter and year a coverage ledger counts, on today's China calendar. */
const CoveragePeriod = z.object({ label: z.string(), start: z.string(), end: z.string() });

export const CoverageCounts = z.object({
  /** Institutions in the coverage duty (domain/coverage.ts ledgerDuty). */
  duty: z.number().int(),
  inspectedQuarter: z.number().int(),
  inspectedYear: z.number().int(),
  notInspectedQuarter: z.number().int(),
});
export type CoverageCounts = z.infer<typeof CoverageCounts>;

export const CoverageLedger = z.object({
  jurisdictionCode: z.string(),
  jurisdictionName: z.string(),
  quarter: CoveragePeriod,
  year: CoveragePeriod,
  /** The duty in words ("省直、三级、二级、一级医疗机构"). */
  dutyLabel: z.string(),
  rows: z.array(CoverageCounts.extend({ code: z.string(), name: z.string() })),
  total: CoverageCounts,
});
export type CoverageLedger = z.infer<typeof CoverageLedger>;

export const CoverageQuery = z.object({
  /** A jurisdiction within the caller's own, to see the jurisdictions under it; the caller's own when not given. */
  jurisdictionCode: references(JurisdictionCode, "jurisdiction", "行政区划").optional(),
});

export const GapFilters = z.object({
  jurisdictionCode: references(JurisdictionCode, "jurisdiction", "行政区划").optional(),
  grade: choice(INSTITUTION_GRADES, "等级").optional(),
  type: choice(INSTITUTION_TYPES, "机构类型").optional(),
  provincialDirect: labelled(QueryBoolean, "是否省直").optional(),
  q: labelled(z.string().trim().max(50), "机构名称").optional(),
});
export type GapFilters = z.infer<typeof GapFilters>;
export const GAP_SORTS = { name: "机构名称", jurisdiction: "行政区划", grade: "等级", lastInspectedOn: "上次督导检查" } as const;
export type GapSort = keyof typeof GAP_SORTS;
export const GapListQuery = GapFilters.extend(Pagination.shape).extend(sortingOf(GAP_SORTS).shape);
export type GapListQuery = z.infer<typeof GapListQuery>;
export const GapExportQuery = GapFilters.extend(sortingOf(GAP_SORTS).shape);

export const CoverageGap = z.object({
  /** The institution's id. */
  id: z.uuid(),
  name: z.string(),
  jurisdictionName: z.string(),
  type: z.string(),
  grade: z.string(),
  provincialDirect: z.boolean(),
  /** The latest supervision inspection ever recorded of it, null when never. */
  lastInspectedOn: z.string().nullable(),
});
export type CoverageGap = z.infer<typeof CoverageGap>;

/** An institution's own assignment as it may see it: announced campaigns, or unannounced ones once inspected (四不两直). */
export const MyAssignment = z.object({
  /** The campaign's id: an institution has one assignment per campaign. */
  id: z.uuid(),
  campaignName: z.string(),
  kind: choice(CAMPAIGN_KINDS, "检查类型"),
  authorityName: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  state: choice(ASSIGNMENT_STATES, "检查状态"),
  /** The inspection that fulfilled it, once recorded: the institution reads its own record. */
  inspectionId: z.uuid().nullable(),
});
export type MyAssignment = z.infer<typeof MyAssignment>;

export const campaignRoutes = {
  create: defineRoute({
    method: "POST",
    path: "/api/campaigns",
    summary: "部署检查工作",
    description:
      "范围内全部：为范围内每家在册机构生成一条“未检查”的任务（一条 SQL 完成）；随机抽取：由抽取结果生成任务。季度督导检查同时安排本季度第三个月的“回头看”。",
    access: requires("campaign:manage"),
    body: CampaignCreateBody,
    example: CREATE_EXAMPLE,
    response: CampaignDetail,
    status: 201,
  }),
  scopeCount: defineRoute({
    method: "POST",
    path: "/api/campaigns/scope-count",
    summary: "统计检查范围内的机构数",
    access: requires("campaign:manage"),
    body: ScopeCountBody,
    example: { scope: { kind: "coverage" } },
    response: z.object({ count: z.number().int() }),
  }),
  checklistOptions: defineRoute({
    method: "GET",
    path: "/api/campaigns/checklist-options",
    summary: "可用于检查工作的检查表（当前版本）",
    access: requires("campaign:manage"),
    response: z.array(ChecklistOption),
  }),
  list: defineRoute({
    method: "GET",
    path: "/api/campaigns",
    summary: "检查工作（本部门及下级部门的）",
    access: requires("campaign:read"),
    query: CampaignListQuery,
    response: pageOf(CampaignSummary),
  }),
  export: defineRoute({
    method: "GET",
    path: "/api/campaigns/export",
    summary: "导出筛选后的检查工作（.xlsx）",
    access: requires("campaign:read"),
    query: CampaignExportQuery,
    response: "file",
  }),
  detail: defineRoute({
    method: "GET",
    path: "/api/campaigns/:id",
    summary: "检查工作详情、进度与覆盖情况",
    access: requires("campaign:read"),
    params: CampaignIdParams,
    response: CampaignDetail,
  }),
  assignments: defineRoute({
    method: "GET",
    path: "/api/campaigns/:id/assignments",
    summary: "检查工作的检查对象",
    access: requires("campaign:read"),
    params: CampaignIdParams,
    query: AssignmentListQuery,
    response: pageOf(AssignmentSummary),
  }),
  assignmentsExport: defineRoute({
    method: "GET",
    path: "/api/campaigns/:id/assignments/export",
    summary: "导出检查对象（.xlsx）",
    access: requires("campaign:read"),
    params: CampaignIdParams,
    query: AssignmentExportQuery,
    response: "file",
  }),
  assignmentState: defineRoute({
    method: "PUT",
    path: "/api/campaigns/:id/assignment-state",
    summary: "标记检查对象不适用（须说明原因）或恢复为未检查",
    description: "已检查的对象不能更改，返回 409 并说明当前状态。",
    access: requires("campaign:manage"),
    params: CampaignIdParams,
    body: AssignmentStateBody,
    example: { institutionId: "00000000-0000-4000-8000-000000000000", state: "not_applicable", reason: "停业装修" },
    response: AssignmentSummary,
  }),
  assignmentWindow: defineRoute({
    method: "PUT",
    path: "/api/campaigns/:id/assignment-window",
    summary: "调整检查对象的检查窗口",
    access: requires("campaign:manage"),
    params: CampaignIdParams,
    body: AssignmentWindowBody,
    example: { institutionId: "00000000-0000-4000-8000-000000000000", windowStart: "2026-10-08", windowEnd: "2026-10-20" },
    response: AssignmentSummary,
  }),
  makeFollowUpList: defineRoute({
    method: "POST",
    path: "/api/campaigns/:id/follow-up-list",
    summary: "生成回头看名单",
    description: "回头看的检查对象：第一轮检查中发现隐患的每家机构。可重复生成，只补充新增的机构。",
    access: requires("campaign:manage"),
    params: CampaignIdParams,
    response: CampaignDetail,
  }),
  coverage: defineRoute({
    method: "GET",
    path: "/api/coverage",
    summary: "督查全覆盖台账（本季度、本年度）",
    access: requires("campaign:read"),
    query: CoverageQuery,
    response: CoverageLedger,
  }),
  gaps: defineRoute({
    method: "GET",
    path: "/api/coverage/gaps",
    summary: "本季度尚未督导检查的机构",
    access: requires("campaign:read"),
    query: GapListQuery,
    response: pageOf(CoverageGap),
  }),
  gapsExport: defineRoute({
    method: "GET",
    path: "/api/coverage/gaps/export",
    summary: "导出本季度尚未督导检查的机构（.xlsx）",
    access: requires("campaign:read"),
    query: GapExportQuery,
    response: "file",
  }),
  mine: defineRoute({
    method: "GET",
    path: "/api/my-assignments",
    summary: "本单位的待检查安排（四不两直的检查在检查记录提交前不显示）",
    access: requires("institution:own"),
    query: Pagination,
    response: pageOf(MyAssignment),
  }),
};

import { z } from "zod";
import { INSPECTION_KINDS, ITEM_RESULTS, RECHECK_RESULTS } from "../domain/inspections";
import { ChecklistContent, ChecklistKey } from "./checklists";
import {
  CalendarDay,
  InstitutionIdParams,
  idParamsOf,
  JurisdictionCode,
  optionalText,
  Pagination,
  pageOf,
  QueryBoolean,
  requiredText,
  sortingOf,
} from "./common";
import { AttachmentInfo, MAX_PHOTOS } from "./files";
import { HazardRecordBody } from "./hazards";
import { IssueNoticeBody } from "./notices";
import { defineRoute, requires } from "./route";
import { HazardCategoryItem } from "./settings";
import { choice, labelled, references } from "./validation";

/** Photos uploaded first (POST /api/files, each with the id the device gave it) and named here by id. */
const photoIds = (label: string) => labelled(z.array(references(z.uuid(), "file", label)).max(MAX_PHOTOS), label).default([]);

const Moment = z.iso.datetime({ offset: true });

/** Someone of the inspecting group present on site. */
export const InspectorPresent = z.object({
  name: requiredText("检查人员姓名", 50),
  unit: optionalText("检查人员单位", 100).default(""),
});

/** One checklist item's answer: a result (符合/不符合/不适用) or a score, a note, photos. */
export const ItemAnswerBody = z.object({
  itemKey: ChecklistKey,
  result: choice(ITEM_RESULTS, "检查结果").optional(),
  score: labelled(z.number().int().min(0).max(1000), "得分").optional(),
  note: optionalText("检查情况", 1000).default(""),
  photoIds: photoIds("现场照片"),
  /** Why a 不符合 is recorded as no hazard (already in the ledger, fixed while the group watched). */
  noHazardReason: optionalText("不登记隐患的原因", 500).optional(),
});
export type ItemAnswerBody = z.infer<typeof ItemAnswerBody>;

/**
 * A hazard found on site, with the id the device gave it: tied to the 不符合 item it records
 * (prefilled from the item's category, basis and grade hint, then edited) or added freely.
 * The day found and the finders are the inspection's.
 */
export const InspectionHazardBody = HazardRecordBody.omit({ institutionId: true, foundOn: true, finders: true }).extend({
  id: labelled(z.uuid(), "隐患编号（本机生成）"),
  itemKey: ChecklistKey.nullable().default(null),
});
export type InspectionHazardBody = z.infer<typeof InspectionHazardBody>;

/** A 回头看's re-check of one of the institution's hazards from the first round. */
export const RecheckBody = z.object({
  hazardId: references(z.uuid(), "hazard", "复查的隐患"),
  result: choice(RECHECK_RESULTS, "复查结果"),
  note: optionalText("复查情况", 1000).default(""),
  photoIds: photoIds("复查照片"),
});
export type RecheckBody = z.infer<typeof RecheckBody>;

/** The rectification notice to issue with the inspection, for all its hazards. */
export const IssueWithInspection = IssueNoticeBody.omit({ hazardIds: true });

/**
 * An inspection as the device sends it, with the id the device gave it: sent again (a retry, a
 * duplicate) it creates nothing more; the same id with other content is refused (409).
 */
export const InspectionSubmitBody = z.object({
  id: labelled(z.uuid(), "检查记录编号（本机生成）"),
  /** The campaign whose assignment this inspection fulfils; null for an inspection outside any campaign. */
  campaignId: references(z.uuid(), "campaign", "检查工作").nullable().default(null),
  institutionId: references(z.uuid(), "institution", "被检查机构"),
  checklistVersionId: labelled(z.uuid(), "检查表版本"),
  inspectedOn: labelled(CalendarDay, "检查日期"),
  startedAt: labelled(Moment, "开始时间").nullable().default(null),
  finishedAt: labelled(Moment, "结束时间").nullable().default(null),
  place: optionalText("检查地点", 200).default(""),
  inspectors: labelled(z.array(InspectorPresent).min(1).max(30), "检查人员"),
  answers: labelled(z.array(ItemAnswerBody).max(1000), "检查项"),
  remarks: optionalText("检查意见", 3000).default(""),
  onSiteOpinions: optionalText("现场整改意见", 3000).default(""),
  representativeName: optionalText("被检查单位负责人", 50).default(""),
  /** When the representative signed; the signature is a drawn PNG uploaded like a photo. */
  acknowledgedAt: labelled(Moment, "签字时间").nullable().default(null),
  signatureId: references(z.uuid(), "file", "负责人签名").nullable().default(null),
  hazards: labelled(z.array(InspectionHazardBody).max(200), "发现的隐患").default([]),
  rechecks: labelled(z.array(RecheckBody).max(200), "回头看复查").default([]),
  issueNotice: IssueWithInspection.nullable().default(null),
});
export type InspectionSubmitBody = z.infer<typeof InspectionSubmitBody>;

const EXAMPLE: z.input<typeof InspectionSubmitBody> = {
  id: "6f1c2b8e-3a5d-4c7e-9f10-2b3c4d5e6f70",
  campaignId: null,
  institutionId: "00000000-0000-4000-8000-000000000000",
  checklistVersionId: "00000000-0000-4000-8000-000000000001",
  inspectedOn: "2026-06-01",
  place: "门诊楼、配电间、消防控制室",
  inspectors: [{ name: "李明", unit: "兰考县卫生健康委" }],
  answers: [{ itemKey: "exits", result: "compliant", note: "", photoIds: [] }],
  remarks: "",
  onSiteOpinions: "",
  representativeName: "王院长",
};

export const InspectionSummary = z.object({
  id: z.uuid(),
  kind: choice(INSPECTION_KINDS, "检查类型"),
  campaignId: z.uuid().nullable(),
  campaignName: z.string().nullable(),
  groupId: z.uuid().nullable(),
  groupName: z.string().nullable(),
  institutionId: z.uuid(),
  institutionName: z.string(),
  jurisdictionName: z.string(),
  /** The inspecting authority; null for a self-inspection. */
  authorityName: z.string().nullable(),
  checklistName: z.string(),
  checklistVersion: z.number().int(),
  inspectedOn: z.string(),
  place: z.string(),
  inspectorNames: z.string(),
  nonCompliantCount: z.number().int(),
  hazardCount: z.number().int(),
  score: z.number().int().nullable(),
  submittedAt: z.string(),
  submittedByName: z.string(),
});
export type InspectionSummary = z.infer<typeof InspectionSummary>;

const AnsweredItem = z.object({
  key: z.string(),
  text: z.string(),
  basis: z.string(),
  category: z.string(),
  answerType: z.string(),
  maxScore: z.number().int().nullable(),
  photoRequired: z.boolean(),
  result: z.string().nullable(),
  score: z.number().int().nullable(),
  note: z.string(),
  noHazardReason: z.string().nullable(),
  photos: z.array(AttachmentInfo),
});

export const InspectionDetail = InspectionSummary.extend({
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  inspectors: z.array(z.object({ name: z.string(), unit: z.string() })),
  /** The checklist version as it was used, each item with its answer. */
  sections: z.array(
    z.object({ key: z.string(), title: z.string(), score: z.number().int().nullable(), maxScore: z.number().int().nullable(), items: z.array(AnsweredItem) }),
  ),
  maxScore: z.number().int().nullable(),
  remarks: z.string(),
  onSiteOpinions: z.string(),
  representativeName: z.string(),
  acknowledgedAt: z.string().nullable(),
  signature: AttachmentInfo.nullable(),
  /** The hazards it recorded, as they stand now. */
  hazards: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      itemKey: z.string().nullable(),
      place: z.string(),
      category: z.string(),
      description: z.string(),
      grade: z.string(),
      state: z.string(),
      deadline: z.string().nullable(),
    }),
  ),
  rechecks: z.array(
    z.object({ hazardId: z.uuid(), hazardNumber: z.string(), description: z.string(), result: z.string(), note: z.string(), photos: z.array(AttachmentInfo) }),
  ),
  /** The notices issued with it. */
  notices: z.array(z.object({ id: z.uuid(), number: z.string() })),
});
export type InspectionDetail = z.infer<typeof InspectionDetail>;

/** The list's filters: the list and its export select by the same ones. */
export const InspectionFilters = z.object({
  campaignId: references(z.uuid(), "campaign", "检查工作").optional(),
  groupId: labelled(z.uuid(), "工作组").optional(),
  institutionId: references(z.uuid(), "institution", "被检查机构").optional(),
  kind: choice(INSPECTION_KINDS, "检查类型").optional(),
  jurisdictionCode: references(JurisdictionCode, "jurisdiction", "行政区划").optional(),
  inspectedFrom: labelled(CalendarDay, "检查日期起").optional(),
  inspectedTo: labelled(CalendarDay, "检查日期止").optional(),
  /** Whether the inspection recorded any hazard. */
  withHazards: labelled(QueryBoolean, "是否发现隐患").optional(),
});
export type InspectionFilters = z.infer<typeof InspectionFilters>;

export const INSPECTION_SORTS = { inspectedOn: "检查日期", hazardCount: "隐患数", submittedAt: "提交时间" } as const;
export const InspectionListQuery = InspectionFilters.extend(Pagination.shape).extend(sortingOf(INSPECTION_SORTS).shape);
export type InspectionListQuery = z.infer<typeof InspectionListQuery>;
export const InspectionExportQuery = InspectionFilters.extend(sortingOf(INSPECTION_SORTS).shape);

export const InspectionIdParams = idParamsOf("inspection", "检查记录编号");

/** Which assignment the form is for: a campaign's, or none (a self-inspection, or a visit outside any campaign). */
export const InspectionFormQuery = z.object({ campaignId: references(z.uuid(), "campaign", "检查工作").optional() });

/** One of the institution's hazards from the first round, to re-check in a 回头看. */
export const RecheckCandidate = z.object({
  id: z.uuid(),
  number: z.string(),
  foundOn: z.string(),
  place: z.string(),
  category: z.string(),
  description: z.string(),
  grade: z.string(),
  state: z.string(),
  deadline: z.string().nullable(),
});

/**
 * Everything the form on the phone needs to fill an inspection of one institution without a
 * connection: the institution, the campaign and its assignment, the checklist versions with their
 * content, the hazard categories, and for a 回头看 the hazards to re-check. The app keeps the last
 * answer of this route offline (its service worker); it keeps no other API data.
 */
export const InspectionForm = z.object({
  kind: choice(INSPECTION_KINDS, "检查类型"),
  institution: z.object({ id: z.uuid(), name: z.string(), address: z.string(), contactPerson: z.string(), jurisdictionName: z.string() }),
  campaign: z
    .object({
      id: z.uuid(),
      name: z.string(),
      kind: z.string(),
      authorityName: z.string(),
      followUp: z.boolean(),
      periodStart: z.string(),
      periodEnd: z.string(),
    })
    .nullable(),
  assignment: z
    .object({
      state: z.string(),
      groupName: z.string().nullable(),
      windowStart: z.string(),
      windowEnd: z.string(),
      inspectionId: z.uuid().nullable(),
    })
    .nullable(),
  /** The group's members and the drawn inspectors, offered as those present. */
  suggestedInspectors: z.array(z.object({ name: z.string(), unit: z.string() })),
  checklists: z.array(
    z.object({ versionId: z.uuid(), checklistId: z.uuid(), name: z.string(), version: z.number().int(), scored: z.boolean(), content: ChecklistContent }),
  ),
  categories: z.array(HazardCategoryItem),
  recheckHazards: z.array(RecheckCandidate),
});
export type InspectionForm = z.infer<typeof InspectionForm>;

const SUBMIT_DESCRIPTION =
  "检查记录、发现的隐患（每个“不符合”项一条，或说明不登记的原因）、照片绑定、检查任务状态、回头看复查结果及（可选）整改通知书在一个事务中完成。编号由设备生成：同一编号重复提交（顺序或并发）只创建一次，返回已有记录（200）；同一编号而内容不同返回 409。";

export const inspectionRoutes = {
  submit: defineRoute({
    method: "POST",
    path: "/api/inspections",
    summary: "提交现场检查记录（监督检查）",
    description: SUBMIT_DESCRIPTION,
    access: requires("inspection:record"),
    body: InspectionSubmitBody,
    example: EXAMPLE,
    response: InspectionDetail,
    status: 201,
    repeatStatus: 200,
  }),
  submitSelf: defineRoute({
    method: "POST",
    path: "/api/self-inspections",
    summary: "提交机构自查记录",
    description: `${SUBMIT_DESCRIPTION} 自查发现的隐患记入本单位隐患台账，来源为“机构自查”。`,
    access: requires("inspection:self"),
    body: InspectionSubmitBody,
    example: EXAMPLE,
    response: InspectionDetail,
    status: 201,
    repeatStatus: 200,
  }),
  form: defineRoute({
    method: "GET",
    path: "/api/inspection-forms/:id",
    summary: "现场检查表单所需资料（机构、检查任务、检查表、回头看隐患）",
    description: "id 为被检查机构；带 campaignId 时为该检查工作的检查任务。机构用户只能取本单位的自查表单。",
    access: requires("inspection:read"),
    params: InstitutionIdParams,
    query: InspectionFormQuery,
    response: InspectionForm,
  }),
  list: defineRoute({
    method: "GET",
    path: "/api/inspections",
    summary: "检查记录（管辖范围内；机构用户为本单位）",
    access: requires("inspection:read"),
    query: InspectionListQuery,
    response: pageOf(InspectionSummary),
  }),
  export: defineRoute({
    method: "GET",
    path: "/api/inspections/export",
    summary: "导出筛选后的检查记录（.xlsx）",
    access: requires("inspection:export"),
    query: InspectionExportQuery,
    response: "file",
  }),
  detail: defineRoute({
    method: "GET",
    path: "/api/inspections/:id",
    summary: "检查记录详情：各项结果、照片、隐患、签名",
    access: requires("inspection:read"),
    params: InspectionIdParams,
    response: InspectionDetail,
  }),
  pdf: defineRoute({
    method: "GET",
    path: "/api/inspections/:id/pdf",
    summary: "现场检查记录（PDF）",
    access: requires("inspection:read"),
    params: InspectionIdParams,
    response: "file",
  }),
};

import { z } from "zod";
import { CalendarDay, ImportIdParams, optionalText, requiredText } from "./common";
import { ImportConfirmBody, ImportResult, importPreviewOf } from "./imports";
import { defineRoute, requires } from "./route";
import { choice, labelled, references } from "./validation";

/** The states a county's own ledger records; a voided row is simply not imported. */
export const IMPORTABLE_STATES = { pending: "待整改", rectifying: "整改中", awaiting_review: "待复查", closed: "已销号" } as const;

/** One row of an imported hazard ledger, once its institution, dates and category are read. */
export const HazardImportValues = z.object({
  institutionId: references(z.uuid(), "institution", "被检查机构"),
  foundOn: labelled(CalendarDay, "发现日期"),
  finders: requiredText("发现人", 200).default("台账导入"),
  place: requiredText("隐患部位", 200),
  category: requiredText("隐患类别", 30),
  description: requiredText("隐患描述", 2000),
  basis: optionalText("判定依据", 500).default(""),
  deadline: labelled(CalendarDay, "整改时限").nullable().default(null),
  responsiblePerson: requiredText("整改责任人", 100),
  responsiblePhone: optionalText("责任人电话", 50).default(""),
  state: choice(IMPORTABLE_STATES, "整改状态").default("pending"),
});
export type HazardImportValues = z.infer<typeof HazardImportValues>;

export const HazardImportSample = z.object({
  row: z.number().int(),
  institutionName: z.string(),
  foundOn: z.string(),
  category: z.string(),
  description: z.string(),
  state: z.string(),
});
export type HazardImportSample = z.infer<typeof HazardImportSample>;

export const HazardImportPreview = importPreviewOf(HazardImportSample);
export type HazardImportPreview = z.infer<typeof HazardImportPreview>;

export const hazardImportRoutes = {
  template: defineRoute({
    method: "GET",
    path: "/api/hazards/import-template",
    summary: "隐患台账导入模板（.xlsx，含下拉选项和填写说明）",
    access: requires("hazard:record"),
    response: "file",
  }),
  preview: defineRoute({
    method: "POST",
    path: "/api/hazards/imports",
    summary: "上传已有的隐患台账 Excel 并预检（不写入台账）",
    description: "multipart/form-data，文件字段名 file（.xlsx）。机构按名称或统一社会信用代码匹配管辖范围内的机构；返回每一行的问题。",
    access: requires("hazard:record"),
    upload: true,
    response: HazardImportPreview,
  }),
  confirm: defineRoute({
    method: "POST",
    path: "/api/hazards/imports/:id/confirm",
    summary: "确认导入隐患（全部成功或全部不写入）",
    access: requires("hazard:record"),
    params: ImportIdParams,
    body: ImportConfirmBody,
    example: { updateExisting: false },
    response: ImportResult,
  }),
};

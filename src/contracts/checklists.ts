import { z } from "zod";
import { HAZARD_GRADES } from "../domain/hazard-lifecycle";
import { CHECKLIST_ANSWER_TYPES } from "../domain/inspections";
import { ImportIdParams, idParamsOf, optionalText, Pagination, pageOf, QueryBoolean, requiredText, sortingOf } from "./common";
import { ImportConfirmBody, ImportResult, importPreviewOf } from "./imports";
import { defineRoute, requires } from "./route";
import { choice, labelled, references } from "./validation";

/**
 * The key of a section or item: stable across a checklist's versions, so an answer, a hazard's
 * link to the item it failed, and a comparison of two versions all name the same item.
 */
export const ChecklistKey = labelled(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "应为 1～40 位字母、数字、下划线或短横线"), "编号");

/** One thing an inspector checks (检查项): what, against which clause, and what a failure is. */
export const ChecklistItem = z.object({
  key: ChecklistKey,
  text: requiredText("检查内容", 500),
  /** The regulation and clause it checks (a shipped item cites its seed file and clause). */
  basis: optionalText("检查依据", 500).default(""),
  /** The hazard category a 不符合 falls into: a built-in key or an authority's added category. */
  category: requiredText("隐患类别", 30),
  gradeHint: choice(HAZARD_GRADES, "隐患等级提示").default("general"),
  answerType: choice(CHECKLIST_ANSWER_TYPES, "作答方式").default("compliance"),
  /** The most a scored item gives; required for a scored item, absent otherwise. */
  maxScore: labelled(z.number().int().min(1).max(1000), "分值").optional(),
  photoRequired: labelled(z.boolean(), "须拍照").default(false),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const ChecklistSection = z.object({
  key: ChecklistKey,
  title: requiredText("检查部分", 100),
  items: z.array(ChecklistItem).min(1, "每个部分至少一项").max(200),
});
export type ChecklistSection = z.infer<typeof ChecklistSection>;

/** A checklist version's sections and items, as stored in checklist_version.content. */
export const ChecklistContent = z.object({
  sections: z.array(ChecklistSection).min(1, "至少一个部分").max(50),
});
export type ChecklistContent = z.infer<typeof ChecklistContent>;

/** Who keeps a template, as its reader sees it. */
export const CHECKLIST_OWNERS = { shipped: "系统内置", own: "本部门", above: "上级部门" } as const;
export type ChecklistOwner = keyof typeof CHECKLIST_OWNERS;

export const ChecklistIdParams = idParamsOf("checklist", "检查表编号");
const checklistName = requiredText("检查表名称", 100);

export const ChecklistSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  owner: choice(CHECKLIST_OWNERS, "来源"),
  /** The keeping authority's name, or 系统内置. */
  ownerName: z.string(),
  scored: z.boolean(),
  currentVersion: z.number().int(),
  itemCount: z.number().int(),
  /** The total a scored review can reach; null for a compliance checklist. */
  maxScore: z.number().int().nullable(),
  archived: z.boolean(),
  updatedAt: z.string(),
  /** The caller may edit it: their own authority's, and they manage checklists. */
  editable: z.boolean(),
});
export type ChecklistSummary = z.infer<typeof ChecklistSummary>;

export const ChecklistVersionInfo = z.object({
  version: z.number().int(),
  itemCount: z.number().int(),
  maxScore: z.number().int().nullable(),
  /** When an inspection or campaign first used it: from then on it never changes. */
  firstUsedAt: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type ChecklistVersionInfo = z.infer<typeof ChecklistVersionInfo>;

export const ChecklistDetail = ChecklistSummary.extend({
  versions: z.array(ChecklistVersionInfo),
  /** The version whose content is given (the current one unless another was asked for). */
  shownVersion: z.number().int(),
  content: ChecklistContent,
});
export type ChecklistDetail = z.infer<typeof ChecklistDetail>;

export const ChecklistFilters = z.object({
  name: labelled(z.string().trim().max(100), "名称").optional(),
  scored: labelled(QueryBoolean, "是否评分表").optional(),
  owner: choice(CHECKLIST_OWNERS, "来源").optional(),
  archived: labelled(QueryBoolean, "是否已归档").optional(),
});
export type ChecklistFilters = z.infer<typeof ChecklistFilters>;
export const CHECKLIST_SORTS = { name: "名称", updatedAt: "更新时间", itemCount: "检查项数" } as const;
export const ChecklistListQuery = ChecklistFilters.extend(Pagination.shape).extend(sortingOf(CHECKLIST_SORTS).shape);
export type ChecklistListQuery = z.infer<typeof ChecklistListQuery>;

export const ChecklistVersionQuery = z.object({ version: labelled(z.coerce.number().int().min(1).max(100_000), "版本").optional() });

export const ChecklistBody = z.object({ name: checklistName, content: ChecklistContent });
export type ChecklistBody = z.infer<typeof ChecklistBody>;

/** An edit names the version it started from, so an edit made meanwhile by someone else is not overwritten. */
export const ChecklistEditBody = ChecklistBody.extend({ baseVersion: labelled(z.number().int().min(1), "所依据的版本") });
export type ChecklistEditBody = z.infer<typeof ChecklistEditBody>;

export const ChecklistCopyBody = z.object({ name: checklistName });

/** One row of an imported template: an item with the title of its section; keys are given on import. */
export const ChecklistImportValues = z.object({
  section: requiredText("部分", 100),
  text: requiredText("检查项", 500),
  basis: optionalText("检查依据", 500).default(""),
  category: requiredText("隐患类别", 30),
  gradeHint: choice(HAZARD_GRADES, "等级提示").default("general"),
  answerType: choice(CHECKLIST_ANSWER_TYPES, "作答方式").default("compliance"),
  maxScore: labelled(z.number().int().min(1).max(1000), "分值").optional(),
  photoRequired: labelled(z.boolean(), "须拍照").default(false),
});
export type ChecklistImportValues = z.infer<typeof ChecklistImportValues>;

export const ChecklistImportSample = z.object({
  row: z.number().int(),
  section: z.string(),
  text: z.string(),
  category: z.string(),
  answerType: z.string(),
  maxScore: z.number().int().nullable(),
});
export type ChecklistImportSample = z.infer<typeof ChecklistImportSample>;
export const ChecklistImportPreview = importPreviewOf(ChecklistImportSample);

/** The imported template's name is given at confirmation (the web app proposes the file's name). */
export const ChecklistImportConfirmBody = ImportConfirmBody.extend({ name: checklistName });
export const ChecklistImportResult = ImportResult.extend({ checklistId: z.uuid() });

/** A workbook previewed over a template, confirmed as its next content from the version the page showed. */
export const ChecklistVersionImportBody = z.object({
  importId: references(z.uuid(), "import", "导入批次编号"),
  baseVersion: labelled(z.number().int().min(1), "所依据的版本"),
});
export const ChecklistVersionImportResult = ImportResult.extend({
  /** The template's current version after the import. */
  version: z.number().int(),
  /** A used version stayed as it was and the file became the next one; false: the unused current version was corrected. */
  newVersion: z.boolean(),
});

const EXAMPLE_BODY: z.input<typeof ChecklistBody> = {
  name: "节前消防安全检查",
  content: {
    sections: [
      {
        key: "fire",
        title: "消防安全",
        items: [
          { key: "exits", text: "安全出口、疏散通道畅通", basis: "《消防法》第二十八条", category: "fire", gradeHint: "general", answerType: "compliance" },
        ],
      },
    ],
  },
};

export const checklistRoutes = {
  list: defineRoute({
    method: "GET",
    path: "/api/checklists",
    summary: "检查表列表（系统内置、本部门及上级部门的检查表）",
    access: requires("campaign:read"),
    query: ChecklistListQuery,
    response: pageOf(ChecklistSummary),
  }),
  export: defineRoute({
    method: "GET",
    path: "/api/checklists/export",
    summary: "导出筛选后的检查表列表（.xlsx）",
    access: requires("campaign:read"),
    query: ChecklistFilters.extend(sortingOf(CHECKLIST_SORTS).shape),
    response: "file",
  }),
  importTemplate: defineRoute({
    method: "GET",
    path: "/api/checklists/import-template",
    summary: "检查表导入模板（.xlsx，含下拉选项和填写说明）",
    access: requires("checklist:manage"),
    response: "file",
  }),
  importPreview: defineRoute({
    method: "POST",
    path: "/api/checklists/imports",
    summary: "上传检查表 Excel 并预检（不写入）",
    description: "multipart/form-data，文件字段名 file（.xlsx）。每行一个检查项；有任何一行有误则整表不能导入。",
    access: requires("checklist:manage"),
    upload: true,
    response: ChecklistImportPreview,
  }),
  importConfirm: defineRoute({
    method: "POST",
    path: "/api/checklists/imports/:id/confirm",
    summary: "确认导入为本部门的新检查表（全部成功或全部不写入）",
    access: requires("checklist:manage"),
    params: ImportIdParams,
    body: ChecklistImportConfirmBody,
    example: { updateExisting: false, name: "导入的检查表" },
    response: ChecklistImportResult,
  }),
  versionImportPreview: defineRoute({
    method: "POST",
    path: "/api/checklists/:id/imports",
    summary: "上传 Excel 作为本部门检查表的新内容并预检（不写入）",
    description:
      "multipart/form-data，文件字段名 file（.xlsx），格式同检查表导出和导入模板。有任何一行有误则整表不能导入。系统内置和上级部门的检查表不能导入。",
    access: requires("checklist:manage"),
    params: ChecklistIdParams,
    upload: true,
    response: ChecklistImportPreview,
  }),
  versionImportConfirm: defineRoute({
    method: "POST",
    path: "/api/checklists/:id/imports/confirm",
    summary: "确认导入为检查表的新版本（已使用的版本不改动；全部成功或全部不写入）",
    description:
      "与编辑相同：当前版本尚未使用时直接修改，已使用时生成下一版本。检查内容和作答方式与当前版本相同的检查项保留原编号。文件内容与当前版本相同时返回 409，不写入。",
    access: requires("checklist:manage"),
    params: ChecklistIdParams,
    body: ChecklistVersionImportBody,
    example: { importId: "7e0ee0cf-0000-4000-8000-000000000001", baseVersion: 1 },
    response: ChecklistVersionImportResult,
  }),
  create: defineRoute({
    method: "POST",
    path: "/api/checklists",
    summary: "新建本部门的检查表",
    access: requires("checklist:manage"),
    body: ChecklistBody,
    example: EXAMPLE_BODY,
    response: ChecklistDetail,
    status: 201,
  }),
  detail: defineRoute({
    method: "GET",
    path: "/api/checklists/:id",
    summary: "检查表详情：版本记录及某一版本的内容",
    access: requires("campaign:read"),
    params: ChecklistIdParams,
    query: ChecklistVersionQuery,
    response: ChecklistDetail,
  }),
  update: defineRoute({
    method: "PUT",
    path: "/api/checklists/:id",
    summary: "编辑本部门的检查表（已使用的版本不改动，另存为新版本）",
    description: "当前版本尚未被检查工作或检查记录使用时直接修改；已使用时生成下一版本，已使用的版本内容保持不变。",
    access: requires("checklist:manage"),
    params: ChecklistIdParams,
    body: ChecklistEditBody,
    example: { ...EXAMPLE_BODY, baseVersion: 1 },
    response: ChecklistDetail,
  }),
  archive: defineRoute({
    method: "POST",
    path: "/api/checklists/:id/archive",
    summary: "归档本部门的检查表（不再供新的检查工作选用）",
    access: requires("checklist:manage"),
    params: ChecklistIdParams,
    response: ChecklistDetail,
  }),
  restore: defineRoute({
    method: "POST",
    path: "/api/checklists/:id/restore",
    summary: "恢复已归档的检查表",
    access: requires("checklist:manage"),
    params: ChecklistIdParams,
    response: ChecklistDetail,
  }),
  copy: defineRoute({
    method: "POST",
    path: "/api/checklists/:id/copy",
    summary: "复制检查表（系统内置或上级部门的）为本部门的检查表，以便修改",
    access: requires("checklist:manage"),
    params: ChecklistIdParams,
    body: ChecklistCopyBody,
    example: { name: "安全生产综合督导检查（本部门）" },
    response: ChecklistDetail,
    status: 201,
  }),
  exportOne: defineRoute({
    method: "GET",
    path: "/api/checklists/:id/xlsx",
    summary: "导出一张检查表的某一版本（.xlsx，可修改后再导入）",
    access: requires("campaign:read"),
    params: ChecklistIdParams,
    query: ChecklistVersionQuery,
    response: "file",
  }),
};

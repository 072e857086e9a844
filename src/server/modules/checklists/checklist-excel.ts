import { eq } from "drizzle-orm";
import { ChecklistContent, type ChecklistImportSample, ChecklistImportValues, type ChecklistItem } from "../../../contracts/checklists";
import { checklistVersion } from "../../../db/schema";
import { itemKeysOf, keysCarriedOver, numberedKeys } from "../../../domain/checklists";
import { hazardCategoryLabel } from "../../../domain/hazard-categories";
import { HAZARD_GRADES } from "../../../domain/hazard-lifecycle";
import { CHECKLIST_ANSWER_TYPES, type ChecklistAnswerType } from "../../../domain/inspections";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import type { DbOrTx, Tx } from "../../platform/db";
import { writeTemplate } from "../../platform/excel/write-template";
import { badRequest } from "../../platform/http/errors";
import type { FileReply } from "../../platform/http/routes";
import type { ImportArea, ImportColumn } from "../../platform/import/pipeline";
import type { ExportColumn } from "../../platform/list/excel-export";
import { exportList } from "../../platform/list/export-list";
import { XLSX_TYPE } from "../../platform/list/xlsx";
import { hazardCategoriesFor } from "../settings/hazard-settings";
import { ownAuthority } from "./save-checklist";

type Deps = Pick<AppDeps, "db" | "directory">;

export const MAX_CHECKLIST_IMPORT_ROWS = 2000;

/**
 * A template as a sheet: one row per item, its section's title in the first column (rows of one
 * section need not be adjacent; sections keep the order of their first row). The export writes
 * these columns, so an exported template imports again as it was.
 */
export const CHECKLIST_COLUMNS: ImportColumn[] = [
  { field: "section", header: "部分", aliases: ["检查部分", "检查类别", "类别名称"], required: true, reading: { kind: "text" } },
  { field: "text", header: "检查项", aliases: ["检查内容", "检查项目", "检查要点"], required: true, reading: { kind: "text" } },
  { field: "basis", header: "检查依据", aliases: ["依据", "判定依据"], reading: { kind: "text" } },
  { field: "category", header: "隐患类别", aliases: ["类别"], required: true, reading: { kind: "area" } },
  { field: "gradeHint", header: "等级提示", aliases: ["隐患等级", "等级"], reading: { kind: "choice", labels: HAZARD_GRADES } },
  { field: "answerType", header: "作答方式", aliases: ["作答类型"], reading: { kind: "choice", labels: CHECKLIST_ANSWER_TYPES } },
  { field: "maxScore", header: "分值", aliases: ["满分", "标准分"], reading: { kind: "count" } },
  { field: "photoRequired", header: "须拍照", aliases: ["是否拍照", "需拍照"], reading: { kind: "yes-no" } },
];

const answerTypeIn = (text: string): ChecklistAnswerType | undefined =>
  text === "" ? "compliance" : (Object.keys(CHECKLIST_ANSWER_TYPES) as ChecklistAnswerType[]).find((k) => k === text || CHECKLIST_ANSWER_TYPES[k] === text);

/** Rows as sections in the order of their first row, each with its items in row order. */
function sectionsOfRows(rows: readonly ChecklistImportValues[]) {
  const sections = new Map<string, Omit<ChecklistItem, "key">[]>();
  for (const { section, ...item } of rows) sections.set(section, [...(sections.get(section) ?? []), item]);
  return [...sections].map(([title, items]) => ({ title, items }));
}

function checkedContent(sections: ChecklistContent["sections"]): ChecklistContent {
  const checked = ChecklistContent.safeParse({ sections });
  if (!checked.success) throw badRequest("文件：检查表最多 50 个部分、每个部分最多 200 项", "file");
  return checked.data;
}

/** A new template's content from its rows, keyed s1, s1-1… */
export const contentOfRows = (rows: readonly ChecklistImportValues[]): ChecklistContent => checkedContent(numberedKeys(sectionsOfRows(rows)));

/**
 * A template's next content from its rows: the items and sections it still has keep their keys
 * (domain/checklists.ts keysCarriedOver), new ones take keys none of its versions used.
 */
export async function nextContentOfRows(tx: DbOrTx, checklistId: string, current: ChecklistContent, rows: readonly ChecklistImportValues[]) {
  const versions = await tx.select({ content: checklistVersion.content }).from(checklistVersion).where(eq(checklistVersion.checklistId, checklistId));
  const usedKeys = versions.flatMap(({ content }) => {
    const shape = content as ChecklistContent;
    return [...shape.sections.map((s) => s.key), ...itemKeysOf(shape)];
  });
  return checkedContent(keysCarriedOver(current, usedKeys, sectionsOfRows(rows)));
}

/**
 * Importing a template from a workbook (platform/import/pipeline.ts): every row an item, all of
 * them one template's content — so one bad row stops the whole file (`wholeFile`), and the
 * template's rules are checked row by row where a row can break them (a scored row without its
 * score, a row answered otherwise than the first). `over` is the template whose next content the
 * file is (its batches are kept apart from other templates' and new templates'); null for a new
 * template. `save` writes the confirmed rows (not needed for a preview).
 */
export function checklistImportArea(
  deps: Deps,
  over: string | null,
  save?: (tx: Tx, actor: UserActor, rows: ChecklistImportValues[]) => Promise<void>,
): ImportArea<ChecklistImportValues, ChecklistImportSample> {
  const categoryLabels = new Map<string, string>();
  return {
    kind: over ? `checklist:${over}` : "checklist",
    actions: { preview: "checklist.import_preview", confirm: "checklist.import" },
    columns: CHECKLIST_COLUMNS,
    maxRows: MAX_CHECKLIST_IMPORT_ROWS,
    wholeFile: true,
    createSchema: ChecklistImportValues,
    updateSchema: ChecklistImportValues,
    keyField: "text",
    keyOf: (raw) => (typeof raw.section === "string" && typeof raw.text === "string" ? `${raw.section.trim()}|${raw.text.trim()}` : undefined),
    areaReader: async (db, rows, actor) => {
      const categories = await hazardCategoriesFor(db, deps.directory, ownAuthority(actor));
      for (const c of categories) categoryLabels.set(c.value, c.label);
      const firstType = answerTypeIn(rows[0]?.answerType ?? "");
      return (cells, raw) => {
        const problems = [];
        const category = cells.category ?? "";
        if (category) {
          const found = categories.find((c) => c.label === category || c.value === category);
          if (found) raw.category = found.value;
          else problems.push({ field: "category", message: `隐患类别「${category}」不在类别清单中（${categories.map((c) => c.label).join("、")}）` });
        }
        const type = answerTypeIn(cells.answerType ?? "");
        if (firstType && type && type !== firstType) {
          problems.push({
            field: "answerType",
            message: `作答方式：与第一项（${CHECKLIST_ANSWER_TYPES[firstType]}）不一致；同一检查表须都按“符合/不符合/不适用”作答，或都评分`,
          });
        }
        return problems;
      };
    },
    checkRow: (values) => {
      if (values.answerType === "score" && values.maxScore === undefined) return [{ field: "maxScore", message: "分值：评分项须填写分值" }];
      if (values.answerType !== "score" && values.maxScore !== undefined) {
        return [{ field: "maxScore", message: "分值：按“符合/不符合/不适用”作答的检查项不设分值" }];
      }
      return [];
    },
    findExisting: async () => new Map(),
    display: (_field, value) => String(value ?? ""),
    sample: (row, values) => ({
      row,
      section: values.section,
      text: values.text,
      category: categoryLabels.get(values.category) ?? hazardCategoryLabel(values.category),
      answerType: CHECKLIST_ANSWER_TYPES[values.answerType],
      maxScore: values.maxScore ?? null,
    }),
    write: async (tx, actor, { create }) => {
      if (!save) throw new Error("a checklist import is confirmed with what to save");
      await save(tx, actor, create);
    },
  };
}

/** The import template: the columns, drop-downs for category, grade hint, answer type and photo, and how to fill it in. */
export async function checklistImportTemplate(deps: Deps, actor: UserActor): Promise<FileReply> {
  const categories = await hazardCategoriesFor(deps.db, deps.directory, ownAuthority(actor));
  const choicesOf: Record<string, readonly string[]> = {
    category: categories.map((c) => c.label),
    gradeHint: Object.values(HAZARD_GRADES),
    answerType: Object.values(CHECKLIST_ANSWER_TYPES),
    photoRequired: ["是", "否"],
  };
  const notes: Record<string, string> = {
    section: "同一部分的检查项填写相同的部分名称",
    gradeHint: "不填为一般隐患",
    answerType: "不填为“符合/不符合/不适用”",
    maxScore: "评分项必填，其他不填",
    photoRequired: "不填为否",
  };
  const body = await writeTemplate({
    sheetName: "检查表",
    columns: CHECKLIST_COLUMNS,
    choices: choicesOf,
    notes,
    instructions: {
      title: "检查表导入填写说明",
      lines: [
        "每行一个检查项；同一部分的检查项填写相同的“部分”名称，部分按首次出现的顺序排列。",
        "标红“*”的列必填；隐患类别、等级提示、作答方式请从下拉列表中选择。",
        "同一检查表的检查项须都按“符合/不符合/不适用”作答，或都评分（评审表）；评分项须填写分值。",
        "导入前先预检：任何一行有误则整表不导入；确认后作为本部门的新检查表（第 1 版）保存，检查表名称在确认时填写。",
        "在检查表详情页“导入新版本”时，确认后作为该检查表的下一版本保存：已被使用的版本不改动，检查内容与原版本相同的检查项保留原编号。",
      ],
    },
  });
  return { fileName: "检查表导入模板.xlsx", contentType: XLSX_TYPE, body };
}

type ItemRow = ChecklistItem & { section: string };

const ITEM_COLUMNS: readonly ExportColumn<ItemRow>[] = [
  { header: "部分", width: 20, value: (r) => r.section },
  { header: "检查项", width: 40, value: (r) => r.text },
  { header: "检查依据", width: 40, value: (r) => r.basis },
  { header: "隐患类别", width: 14, value: (r) => hazardCategoryLabel(r.category) },
  { header: "等级提示", width: 12, value: (r) => HAZARD_GRADES[r.gradeHint] },
  { header: "作答方式", width: 18, value: (r) => CHECKLIST_ANSWER_TYPES[r.answerType] },
  { header: "分值", width: 8, value: (r) => r.maxScore ?? null },
  { header: "须拍照", width: 8, value: (r) => (r.photoRequired ? "是" : "否") },
];

/** One version of a template as a workbook in the import's columns, audited like any export. */
export function exportChecklistVersion(
  deps: Deps,
  actor: UserActor,
  checklist: { id: string; name: string; version: number; content: ChecklistContent },
): FileReply {
  const rows: ItemRow[] = checklist.content.sections.flatMap((section) => section.items.map((item) => ({ ...item, section: section.title })));
  return exportList(deps.db, actor, {
    action: "checklist.export_one",
    targetType: "checklist",
    filters: { id: checklist.id, name: checklist.name, version: checklist.version },
    fileName: `${checklist.name}（第${checklist.version}版）.xlsx`,
    sheetName: "检查表",
    columns: ITEM_COLUMNS,
    batches: (async function* () {
      yield rows;
    })(),
  });
}

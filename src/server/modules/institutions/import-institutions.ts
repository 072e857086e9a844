import { inArray, type SQL, sql } from "drizzle-orm";
import { displayValue } from "../../../contracts/display";
import { INSTITUTION_GRADES, INSTITUTION_STATUSES, INSTITUTION_TYPES, OWNERSHIPS } from "../../../contracts/enums";
import { InstitutionCreate, type InstitutionInput, InstitutionUpdate } from "../../../contracts/institutions";
import { institution } from "../../../db/schema";
import { normalizeCreditCode } from "../../../domain/credit-code";
import type { InstitutionStatus } from "../../../domain/institution-grades";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import { writeAuditMany } from "../../platform/audit";
import { writeTemplate } from "../../platform/excel/write-template";
import type { FileReply } from "../../platform/http/routes";
import type { ImportArea, KeyHolder } from "../../platform/import/pipeline";
import { XLSX_TYPE } from "../../platform/list/xlsx";
import { inScope } from "../../platform/scope";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { findCounty } from "../jurisdictions/find-county";
import { COUNTY_CODE_HEADER, COUNTY_NAME_HEADER, INSTITUTION_IMPORT_COLUMNS } from "./excel-columns";
import { INSTITUTION_SCOPE } from "./queries";
import {
  applyInstitutionChanges,
  changedFields,
  creditCodeWarning,
  editableValues,
  institutionValues,
  jurisdictionProblem,
  updateProblem,
} from "./save-institution";

export const MAX_IMPORT_ROWS = 20_000;

export interface InstitutionImportSample {
  row: number;
  name: string;
  creditCode: string;
  type: string;
  grade: string;
  jurisdictionName: string;
}

/** "开封市 / 兰考县": a county as the preview and lists of changes show it. */
const placeName = (directory: JurisdictionDirectory, code: string) =>
  directory
    .trail(code)
    .slice(1)
    .map((j) => j.name)
    .join(" / ") || code;

/** Sets `raw.jurisdictionCode` from the code column, or from the county (and city) name columns. */
function readCounty(directory: JurisdictionDirectory, cells: Record<string, string>, raw: Record<string, unknown>) {
  const code = cells.jurisdictionCode ?? "";
  const name = cells.county ?? "";
  if (!code && !name) return [];
  const byName = name ? findCounty(directory, name, cells.city ?? "") : undefined;
  if (byName && "problem" in byName) return [{ field: "jurisdictionCode", message: `${COUNTY_NAME_HEADER}：${byName.problem}` }];
  if (code) {
    if (!/^\d{6}$/.test(code)) return [{ field: "jurisdictionCode", message: `${COUNTY_CODE_HEADER}「${code}」应为 6 位数字` }];
    if (byName && byName.county.code !== code) {
      return [{ field: "jurisdictionCode", message: `${COUNTY_CODE_HEADER} ${code} 与${COUNTY_NAME_HEADER}「${name}」不一致` }];
    }
    raw.jurisdictionCode = code;
  } else if (byName) {
    raw.jurisdictionCode = byName.county.code;
  }
  return [];
}

/**
 * The institution register as an import area (platform/import/pipeline.ts): its columns, its key
 * (the credit code), the county by code or name, and the caller's scope over new and existing rows.
 */
export function institutionImportArea(directory: JurisdictionDirectory): ImportArea<InstitutionInput, InstitutionImportSample> {
  return {
    kind: "institution",
    actions: { preview: "institution.import_preview", confirm: "institution.import" },
    columns: INSTITUTION_IMPORT_COLUMNS,
    maxRows: MAX_IMPORT_ROWS,
    createSchema: InstitutionCreate,
    updateSchema: InstitutionUpdate,
    keyField: "creditCode",
    keyOf: (raw) => (typeof raw.creditCode === "string" && raw.creditCode.trim() !== "" ? normalizeCreditCode(raw.creditCode) : undefined),
    areaReader: async () => (cells, raw) => readCounty(directory, cells, raw),
    checkRow: (values, actor) => {
      if (typeof values.jurisdictionCode !== "string") return [];
      const problem = jurisdictionProblem(directory, actor.scope, values.jurisdictionCode);
      return problem ? [{ field: "jurisdictionCode", message: `所在县（市、区）：${problem}` }] : [];
    },
    warnRow: (values) => [creditCodeWarning(values.creditCode)].filter((w) => w !== null),
    findExisting: async (db, keys, actor) => {
      const holders = new Map<string, KeyHolder<InstitutionInput>>();
      if (keys.length === 0) return holders;
      const visible: SQL = inScope(actor.scope, INSTITUTION_SCOPE) ?? sql`true`;
      const rows = await db
        .select({ row: institution, visible: sql<boolean>`${visible}` })
        .from(institution)
        .where(inArray(institution.creditCode, keys));
      for (const { row, visible: inCallerScope } of rows) {
        if (!inCallerScope) {
          // The holder may be outside the caller's scope, so it is not named.
          holders.set(row.creditCode, { refused: "该代码已登记给其他机构" });
        } else if (row.status !== "active") {
          holders.set(row.creditCode, {
            refused: `该代码属于${INSTITUTION_STATUSES[row.status as InstitutionStatus] ?? "已注销"}的机构“${row.name}”，恢复后才能更新`,
          });
        } else {
          holders.set(row.creditCode, { id: row.id, values: editableValues(row), version: row.updatedAt.toISOString(), name: row.name });
        }
      }
      return holders;
    },
    display: (field, value) =>
      displayValue(InstitutionUpdate, field, value, (kind, code) => (kind === "jurisdiction" ? placeName(directory, code) : undefined)),
    sample: (row, values) => ({
      row,
      name: values.name,
      creditCode: values.creditCode,
      type: values.type,
      grade: values.grade,
      jurisdictionName: placeName(directory, values.jurisdictionCode),
    }),
    write: async (tx, actor, { create, update }) => {
      const created = [];
      for (let i = 0; i < create.length; i += 1000) {
        created.push(
          ...(await tx
            .insert(institution)
            .values(create.slice(i, i + 1000).map((values) => institutionValues(directory, values)))
            .returning()),
        );
      }
      const updated = [];
      for (const { id, before, values } of update) {
        const problem = updateProblem(directory, actor, before, values);
        if (problem) throw problem.refusal;
        updated.push({ row: await applyInstitutionChanges(tx, directory, id, before, values), changes: changedFields(before, values) });
      }
      // Each institution's own history shows the import that created or changed it.
      await writeAuditMany(
        tx,
        actor,
        created.map((row) => ({
          action: "institution.create" as const,
          target: { type: "institution" as const, id: row.id, path: row.jurisdictionPath, name: row.name },
          detail: { name: row.name },
        })),
      );
      await writeAuditMany(
        tx,
        actor,
        updated.map(({ row, changes }) => ({
          action: "institution.update" as const,
          target: { type: "institution" as const, id: row.id, path: row.jurisdictionPath, name: row.name },
          detail: { name: row.name, changes },
        })),
      );
    },
  };
}

/** The import template: the import's columns with drop-down lists and an instructions sheet. */
export async function importTemplate({ directory }: Pick<AppDeps, "directory">, actor: UserActor): Promise<FileReply> {
  const leaves = directory.leavesIn(actor.scope);
  // A name two counties share is offered with its city, the way the import reads it.
  const shared = new Set(leaves.map((leaf) => leaf.name).filter((name, i, names) => names.indexOf(name) !== i));
  const counties = leaves.map((leaf) => (shared.has(leaf.name) ? `${directory.cityOf(leaf.code)?.name ?? ""}${leaf.name}` : leaf.name));
  const choicesOf: Record<string, readonly string[]> = {
    type: Object.values(INSTITUTION_TYPES),
    ownership: Object.values(OWNERSHIPS),
    grade: Object.values(INSTITUTION_GRADES),
    provincialDirect: ["是", "否"],
    county: counties,
  };
  const notes: Record<string, string> = {
    creditCode: "18 位，按 GB 32100 校验",
    city: "县区重名时填写，可不填",
    county: "填写名称，或在下一列填写 6 位代码",
    jurisdictionCode: "6 位行政区划代码，与名称二选一",
    beds: "非负整数，可用全角数字或千位分隔符",
  };
  const body = await writeTemplate({
    sheetName: "机构",
    columns: INSTITUTION_IMPORT_COLUMNS,
    choices: choicesOf,
    notes,
    instructions: {
      title: "机构导入填写说明",
      lines: [
        "每行填写一家机构。表格上方可以保留标题行，系统会自动找到列名所在的行；表格下方的“注：”“填表人”等说明行不会导入。",
        "带 * 的列必须填写。所在县（市、区）可填名称或 6 位代码；县区重名时请同时填写所在市，或写成“开封市兰考县”。",
        "统一社会信用代码已登记的机构：预览会列出将要更新的内容，确认导入时勾选“更新已存在数据”才会更新；更新时留空的单元格保持原值。",
        "数字可以用全角或半角，可以带千位分隔符；公式单元格按显示的计算结果导入。",
        `一次最多导入 ${MAX_IMPORT_ROWS} 行。上传后先预检，列出每一行的问题；确认后才会写入，且全部成功或全部不写入。`,
      ],
    },
  });
  return { fileName: "机构导入模板.xlsx", contentType: XLSX_TYPE, body };
}

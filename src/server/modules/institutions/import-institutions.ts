import type { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { FIELD_LABELS } from "../../../contracts/common";
import { type ImportPreview, type ImportRowError, InstitutionInput } from "../../../contracts/institutions";
import { institution, institutionImport } from "../../../db/schema";
import { requirePermission } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import type { Db } from "../../platform/db";
import { badRequest, conflict, notFound } from "../../platform/http/errors";
import type { Caller } from "../../platform/http/request-context";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { INSTITUTION_COLUMNS } from "./excel-columns";
import { registeredCreditCodes } from "./queries";
import { creditCodeWarning, institutionValues, jurisdictionProblem } from "./save-institution";

export const MAX_IMPORT_ROWS = 20_000;
const SAMPLE_SIZE = 10;

type ValidRow = InstitutionInput & { row: number };

/** Plain text of an exceljs cell value (rich text, formulas, hyperlinks, dates). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value)
    return value.richText
      .map((part) => part.text)
      .join("")
      .trim();
  if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
  if ("text" in value) return String(value.text).trim();
  return "";
}

/** Reads the first worksheet: the header row names the columns (any order), every later non-empty row is data. */
async function readSheet(file: Readable): Promise<{ headers: string[]; rows: { number: number; cells: string[] }[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: "cache", hyperlinks: "ignore", styles: "ignore", worksheets: "emit" });
  let headers: string[] = [];
  const rows: { number: number; cells: string[] }[] = [];
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (headers.length === 0) {
          headers = values;
          continue;
        }
        if (values.every((v) => v === "")) continue;
        if (rows.length >= MAX_IMPORT_ROWS) throw badRequest(`文件：一次最多导入 ${MAX_IMPORT_ROWS} 行，请拆分后再导入`, "file");
        rows.push({ number: row.number, cells: values });
      }
      break;
    }
  } catch (error) {
    if (error instanceof Error && "statusCode" in error) throw error;
    throw badRequest("文件：无法读取，请上传 Excel（.xlsx）文件", "file");
  }
  return { headers, rows };
}

/** Turns one sheet row into the raw object InstitutionInput parses; unknown labels become errors. */
function rawInstitution(cellsByHeader: Map<string, string>, errors: ImportRowError[], row: number): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const column of INSTITUTION_COLUMNS) {
    if (!column.field) continue;
    const text = cellsByHeader.get(column.header) ?? "";
    if (text === "") continue;
    if (column.kind === "integer") {
      raw[column.field] = /^-?\d+(\.0+)?$/.test(text) ? Number(text) : text;
    } else if (column.kind === "boolean") {
      if (text === "是") raw[column.field] = true;
      else if (text === "否") raw[column.field] = false;
      else errors.push({ row, field: column.field, message: `${column.header}：应填“是”或“否”，实际为“${text}”` });
    } else if (column.labels) {
      const key = Object.keys(column.labels).find((k) => column.labels?.[k] === text || k === text);
      if (key) raw[column.field] = key;
      else errors.push({ row, field: column.field, message: `${column.header}：“${text}”不是可选值（${Object.values(column.labels).join("、")}）` });
    } else {
      raw[column.field] = text;
    }
  }
  return raw;
}

/**
 * Validates every row of an uploaded workbook and keeps the valid ones for confirmation.
 * Nothing reaches the institution table here: the user sees every bad row first.
 */
export async function previewImport(db: Db, directory: JurisdictionDirectory, caller: Caller, fileName: string, file: Readable): Promise<ImportPreview> {
  requirePermission(caller.user, "institution:create");
  const { headers, rows } = await readSheet(file);
  const missing = INSTITUTION_COLUMNS.filter((c) => c.required && !headers.includes(c.header)).map((c) => c.header);
  if (missing.length > 0) throw badRequest(`文件：缺少列“${missing.join("”“")}”，请使用导入模板`, "file");

  const errors: ImportRowError[] = [];
  const warnings: ImportRowError[] = [];
  const candidates: ValidRow[] = [];
  const firstRowOfCode = new Map<string, number>();
  for (const { number, cells } of rows) {
    const cellsByHeader = new Map(headers.map((header, i) => [header, cells[i] ?? ""]));
    const rowErrors: ImportRowError[] = [];
    const raw = rawInstitution(cellsByHeader, rowErrors, number);
    const parsed = InstitutionInput.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "");
        const column = INSTITUTION_COLUMNS.find((c) => c.field === field);
        const label = column?.header ?? FIELD_LABELS[field] ?? field;
        if (!rowErrors.some((e) => e.field === field))
          rowErrors.push({ row: number, field, message: `${label}：${raw[field] === undefined ? "必填" : issue.message}` });
      }
    }
    // The county is checked even when other cells fail, so one upload shows every problem of a row.
    const county = raw.jurisdictionCode;
    if (typeof county === "string" && !rowErrors.some((e) => e.field === "jurisdictionCode")) {
      const problem = jurisdictionProblem(directory, caller.scope, county);
      if (problem) rowErrors.push({ row: number, field: "jurisdictionCode", message: `所在县（市、区）代码：${problem}` });
    }
    if (parsed.success) {
      const earlier = firstRowOfCode.get(parsed.data.creditCode);
      if (earlier) rowErrors.push({ row: number, field: "creditCode", message: `统一社会信用代码：与第 ${earlier} 行重复` });
      else firstRowOfCode.set(parsed.data.creditCode, number);
    }
    if (rowErrors.length > 0 || !parsed.success) {
      errors.push(...rowErrors);
      continue;
    }
    candidates.push({ ...parsed.data, row: number });
  }

  const taken = await registeredCreditCodes(
    db,
    candidates.map((c) => c.creditCode),
  );
  const valid = candidates.filter((c) => {
    if (!taken.has(c.creditCode)) return true;
    errors.push({ row: c.row, field: "creditCode", message: "统一社会信用代码：该代码已登记给其他机构" });
    return false;
  });
  for (const row of valid) {
    const warning = creditCodeWarning(row.creditCode);
    if (warning) warnings.push({ row: row.row, field: "creditCode", message: warning });
  }
  errors.sort((a, b) => a.row - b.row);

  // Keeping the valid rows for confirmation is a change of its own: stored and audited together.
  const importId = await db.transaction(async (tx) => {
    const [stored] =
      valid.length > 0
        ? await tx
            .insert(institutionImport)
            .values({ userId: caller.user.id, fileName, validRows: valid, errorCount: errors.length })
            .returning({ id: institutionImport.id })
        : [];
    await writeAudit(tx, caller, {
      action: "institution.import_preview",
      targetType: "institution_import",
      targetId: stored?.id,
      result: "success",
      detail: { fileName, totalRows: rows.length, validRows: valid.length, errorRows: new Set(errors.map((e) => e.row)).size },
    });
    return stored?.id ?? null;
  });
  return { importId, fileName, totalRows: rows.length, validRows: valid.length, errors, warnings, sample: valid.slice(0, SAMPLE_SIZE) };
}

/** Inserts the rows kept by `previewImport`, all or none, re-checking what may have changed since. */
export async function confirmImport(db: Db, directory: JurisdictionDirectory, caller: Caller, importId: string): Promise<{ imported: number }> {
  requirePermission(caller.user, "institution:create");
  return db.transaction(async (tx) => {
    const [pending] = await tx
      .select()
      .from(institutionImport)
      .where(and(eq(institutionImport.id, importId), eq(institutionImport.userId, caller.user.id)))
      .for("update");
    if (!pending) throw notFound("导入批次不存在");
    if (pending.status !== "pending") throw conflict("该批次已导入，请勿重复确认");
    const rows = pending.validRows as ValidRow[];
    for (const row of rows) {
      const problem = jurisdictionProblem(directory, caller.scope, row.jurisdictionCode);
      if (problem) throw badRequest(`第 ${row.row} 行 所在县（市、区）代码：${problem}`, "jurisdictionCode");
    }
    const taken = await registeredCreditCodes(
      tx,
      rows.map((r) => r.creditCode),
    );
    const clash = rows.find((r) => taken.has(r.creditCode));
    if (clash) throw conflict(`第 ${clash.row} 行 统一社会信用代码：确认前已被登记，请重新上传`, "creditCode");
    for (let i = 0; i < rows.length; i += 1000) {
      await tx.insert(institution).values(rows.slice(i, i + 1000).map(({ row: _row, ...input }) => institutionValues(directory, input)));
    }
    await tx.update(institutionImport).set({ status: "confirmed", confirmedAt: new Date() }).where(eq(institutionImport.id, importId));
    await writeAudit(tx, caller, {
      action: "institution.import",
      targetType: "institution_import",
      targetId: importId,
      result: "success",
      detail: { fileName: pending.fileName, imported: rows.length },
    });
    return { imported: rows.length };
  });
}

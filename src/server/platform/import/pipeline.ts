import type { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { ActionsWithDetail, ImportDetail, ImportPreviewDetail } from "../../../contracts/audit";
import type { FieldChange, ImportRowProblem } from "../../../contracts/imports";
import { checkInput, labelAt } from "../../../contracts/validation";
import { dataImport } from "../../../db/schema";
import type { UserActor } from "../access";
import { type AuditTarget, writeAudit } from "../audit";
import type { Db, Tx } from "../db";
import { parseCount, parseYesNo } from "../excel/numbers";
import { readTable, type TableColumn } from "../excel/read-table";
import { badRequest, conflict, notFound } from "../http/errors";
import { scopePath } from "../scope";

/** How a column's cell becomes a field value. */
export type CellReading =
  | { kind: "text" }
  | { kind: "count" }
  | { kind: "yes-no" }
  /** One of the keys of `labels`, written as its label (or the key itself). */
  | { kind: "choice"; labels: Readonly<Record<string, string>> }
  /** Read by the area itself (a county given by code or by name, say). */
  | { kind: "area" };

export interface ImportColumn extends TableColumn {
  reading: CellReading;
}

export type AreaCellReader = (cells: Record<string, string>, raw: Record<string, unknown>) => Omit<ImportRowProblem, "row">[];

/** A record that already exists under the row's key. */
export interface ExistingRecord<Values> {
  id: string;
  /** Its editable values, as an update would replace them. */
  values: Values;
  /** Its last change, to notice an edit made between preview and confirmation. */
  version: string;
  name: string;
}

/** What a key names in the database: a record the caller may update, or one they may not (and why). */
export type KeyHolder<Values> = ExistingRecord<Values> | { refused: string };

/** One checked row kept for confirmation. */
export type StoredRow<Values> =
  | { row: number; action: "create"; values: Values }
  | { row: number; action: "update"; values: Values; id: string; version: string };

/**
 * One register that imports from Excel: its columns and rules. The pipeline does the rest: read
 * the workbook, check every row, classify new and existing, store the batch, confirm atomically.
 */
export interface ImportArea<Values extends Record<string, unknown>, Sample> {
  kind: string;
  actions: { preview: ActionsWithDetail<ImportPreviewDetail>; confirm: ActionsWithDetail<ImportDetail> };
  columns: readonly ImportColumn[];
  maxRows: number;
  /** The rows make one record together (a checklist template's items): one bad row leaves nothing to confirm. */
  wholeFile?: boolean;
  /** A complete new record (defaults for what a row leaves empty). */
  createSchema: z.ZodType<Values>;
  /** A complete record; an update row is the existing record with the row's non-empty cells over it. */
  updateSchema: z.ZodType<Values>;
  keyField: keyof Values & string;
  /** The key a row names, normalised as the schema will store it, so an existing record is found however the file wrote it. */
  keyOf(raw: Record<string, unknown>): string | undefined;
  /**
   * The reader of the rows' "area" cells for one upload: it sets a row's "area" fields from its
   * cells and returns what is wrong with them. Made once per file, so an area whose cells name
   * records (an institution by its name) looks them all up at once rather than row by row.
   */
  areaReader(db: Db | Tx, rows: readonly Record<string, string>[], actor: UserActor): Promise<AreaCellReader>;
  /**
   * What is wrong with a row for this caller (a county outside their scope, say), or nothing;
   * asked also of a row whose other cells failed, so one upload shows all of a row's problems.
   */
  checkRow(values: Readonly<Record<string, unknown>>, actor: UserActor): Omit<ImportRowProblem, "row">[];
  /** Warnings that do not stop the row (a doubtful check digit, say). */
  warnRow?(values: Values): string[];
  findExisting(db: Db | Tx, keys: string[], actor: UserActor): Promise<Map<string, KeyHolder<Values>>>;
  /** A value as the user reads it in a list of changes. */
  display(field: keyof Values & string, value: unknown): string;
  sample(row: number, values: Values): Sample;
  /** Writes the confirmed rows; the pipeline has re-checked them in the same transaction. */
  write(tx: Tx, actor: UserActor, rows: { create: Values[]; update: { id: string; before: Values; values: Values }[] }): Promise<void>;
}

const SAMPLE_SIZE = 10;
const UPDATES_SHOWN = 20;

function readCell(column: ImportColumn, text: string): { value: unknown } | { problem: string } {
  const label = column.header;
  switch (column.reading.kind) {
    case "text":
      return { value: text };
    case "count": {
      const parsed = parseCount(text);
      return parsed.ok ? { value: parsed.value } : { problem: `${label}「${text}」${parsed.reason}` };
    }
    case "yes-no": {
      const parsed = parseYesNo(text);
      return parsed.ok ? { value: parsed.value } : { problem: `${label}「${text}」${parsed.reason}` };
    }
    case "choice": {
      const labels = column.reading.labels;
      const key = Object.keys(labels).find((k) => labels[k] === text || k === text);
      return key ? { value: key } : { problem: `${label}「${text}」不是可选值（${Object.values(labels).join("、")}）` };
    }
    case "area":
      return { value: undefined };
  }
}

/** The raw field values of a row: only its non-empty cells, so an update keeps what the row leaves empty. */
function rawValues(columns: readonly ImportColumn[], cells: Record<string, string>) {
  const raw: Record<string, unknown> = {};
  const problems: Omit<ImportRowProblem, "row">[] = [];
  for (const column of columns) {
    const text = cells[column.field] ?? "";
    if (text === "" || column.reading.kind === "area") continue;
    const read = readCell(column, text);
    if ("problem" in read) problems.push({ field: column.field, message: read.problem });
    else raw[column.field] = read.value;
  }
  return { raw, problems };
}

function changesBetween<Values extends Record<string, unknown>>(area: ImportArea<Values, unknown>, before: Values, after: Values): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(after) as (keyof Values & string)[]) {
    if (before[field] === after[field]) continue;
    changes.push({
      field,
      label: labelAt(area.updateSchema, [field]) ?? field,
      from: area.display(field, before[field]),
      to: area.display(field, after[field]),
    });
  }
  return changes;
}

const byRow = (a: ImportRowProblem, b: ImportRowProblem) => a.row - b.row;

/**
 * Checks every row of an uploaded workbook and keeps the good ones for confirmation. Nothing
 * reaches the register here: the user first sees every bad row, and what would be new or changed.
 */
export async function previewImport<Values extends Record<string, unknown>, Sample>(
  db: Db,
  actor: UserActor,
  area: ImportArea<Values, Sample>,
  fileName: string,
  file: Readable,
) {
  if (!fileName.toLowerCase().endsWith(".xlsx")) throw badRequest("文件：只支持 .xlsx 格式（可在 Excel 中“另存为”Excel 工作簿）", "file");
  const table = await readTable(file, area.columns, { maxRows: area.maxRows });
  const errors: ImportRowProblem[] = [];
  const warnings: ImportRowProblem[] = [];
  if (table.missingRequired.length > 0) {
    throw badRequest(`文件：工作表“${table.sheetName}”第 ${table.headerRow} 行的表头缺少列“${table.missingRequired.join("”“")}”，请使用导入模板`, "file");
  }

  type Candidate = { row: number; raw: Record<string, unknown>; problems: Omit<ImportRowProblem, "row">[] };
  const candidates: Candidate[] = [];
  const firstRowOfKey = new Map<string, number>();
  const readAreaCells = await area.areaReader(
    db,
    table.rows.map((row) => row.cells),
    actor,
  );
  for (const { number, cells } of table.rows) {
    const { raw, problems } = rawValues(area.columns, cells);
    problems.push(...readAreaCells(cells, raw));
    const key = area.keyOf(raw);
    if (key) {
      const earlier = firstRowOfKey.get(key);
      if (earlier) problems.push({ field: area.keyField, message: `${labelAt(area.updateSchema, [area.keyField]) ?? area.keyField}：与第 ${earlier} 行重复` });
      else firstRowOfKey.set(key, number);
    }
    candidates.push({ row: number, raw, problems });
  }

  const existing = await area.findExisting(
    db,
    candidates.flatMap((c) => area.keyOf(c.raw) ?? []),
    actor,
  );
  const stored: StoredRow<Values>[] = [];
  const updates: { row: number; name: string; changes: FieldChange[] }[] = [];
  let unchangedRows = 0;
  for (const { row, raw, problems: cellProblems } of candidates) {
    const key = area.keyOf(raw);
    const holder = key === undefined ? undefined : existing.get(key);
    if (holder && "refused" in holder) {
      errors.push(
        { row, field: area.keyField, message: `${labelAt(area.updateSchema, [area.keyField])}：${holder.refused}` },
        ...cellProblems.map((p) => ({ ...p, row })),
      );
      continue;
    }
    const merged: Record<string, unknown> = { ...holder?.values, ...raw };
    const checked = holder ? checkInput(area.updateSchema, merged) : checkInput(area.createSchema, raw);
    // Every problem of a row at once: its cells', the schema's, the caller's scope, one per field.
    const problems: Omit<ImportRowProblem, "row">[] = [];
    for (const problem of [...cellProblems, ...(checked.success ? [] : checked.problems), ...area.checkRow(checked.success ? checked.data : merged, actor)]) {
      if (!problems.some((p) => p.field === problem.field)) problems.push(problem);
    }
    if (!checked.success || problems.length > 0) {
      errors.push(...problems.map((p) => ({ ...p, row })));
      continue;
    }
    const values = checked.data;
    for (const warning of area.warnRow?.(values) ?? []) warnings.push({ row, field: area.keyField, message: warning });
    if (!holder) {
      stored.push({ row, action: "create", values });
      continue;
    }
    const changes = changesBetween(area, holder.values, values);
    if (changes.length === 0) {
      unchangedRows += 1;
      continue;
    }
    stored.push({ row, action: "update", values, id: holder.id, version: holder.version });
    if (updates.length < UPDATES_SHOWN) updates.push({ row, name: holder.name, changes });
  }
  errors.sort(byRow);
  warnings.sort(byRow);
  if (area.wholeFile && errors.length > 0) stored.length = 0;

  const newRows = stored.filter((r) => r.action === "create").length;
  const updateRows = stored.length - newRows;
  const importId = await db.transaction(async (tx) => {
    const [batch] =
      stored.length > 0
        ? await tx
            .insert(dataImport)
            .values({ userId: actor.user.id, kind: area.kind, fileName, rows: stored, errorCount: errors.length })
            .returning({ id: dataImport.id })
        : [];
    const detail: ImportPreviewDetail = { fileName, totalRows: table.rows.length, newRows, updateRows, errorRows: new Set(errors.map((e) => e.row)).size };
    await writeAudit(tx, actor, {
      action: area.actions.preview,
      target: { type: "import", id: batch?.id, path: scopePath(actor.scope), name: fileName },
      detail,
    });
    return batch?.id ?? null;
  });
  return {
    importId,
    fileName,
    sheetName: table.sheetName,
    headerRow: table.headerRow,
    totalRows: table.rows.length,
    newRows,
    updateRows,
    unchangedRows,
    errors,
    warnings,
    notes: table.notes,
    unknownHeaders: table.unknownHeaders,
    sample: stored
      .filter((r) => r.action === "create")
      .slice(0, SAMPLE_SIZE)
      .map((r) => area.sample(r.row, r.values)),
    updates,
  };
}

/**
 * Writes a previewed batch, all rows or none, after checking again what may have changed since
 * the preview: the caller's scope, keys registered meanwhile, records edited meanwhile. Rows that
 * would update an existing record are written only when the user asked for it; otherwise they are
 * left out, as the preview said.
 */
export async function confirmImport<Values extends Record<string, unknown>, Sample>(
  db: Db,
  actor: UserActor,
  area: ImportArea<Values, Sample>,
  importId: string,
  updateExisting: boolean,
): Promise<{ created: number; updated: number }> {
  return db.transaction(async (tx) => {
    const [batch] = await tx
      .select()
      .from(dataImport)
      .where(and(eq(dataImport.id, importId), eq(dataImport.userId, actor.user.id), eq(dataImport.kind, area.kind)))
      .for("update");
    if (!batch) throw notFound("导入批次不存在");
    if (batch.status !== "pending") throw conflict("该批次已导入，请勿重复确认");
    const rows = (batch.rows as StoredRow<Values>[]).filter((r) => r.action === "create" || updateExisting);
    for (const row of rows) {
      const problem = area.checkRow(row.values, actor)[0];
      if (problem) throw conflict(`第 ${row.row} 行 ${problem.message}`, problem.field);
    }
    const keyOf = (values: Values) => area.keyOf(values) ?? "";
    const existing = await area.findExisting(
      tx,
      rows.map((r) => keyOf(r.values)),
      actor,
    );
    const create: Values[] = [];
    const update: { id: string; before: Values; values: Values }[] = [];
    for (const row of rows) {
      const holder = existing.get(keyOf(row.values));
      if (row.action === "create") {
        if (holder) throw conflict(`第 ${row.row} 行 ${labelAt(area.updateSchema, [area.keyField])}：确认前已被登记，请重新上传`, area.keyField);
        create.push(row.values);
      } else {
        if (!holder || "refused" in holder || holder.id !== row.id || holder.version !== row.version) {
          throw conflict(`第 ${row.row} 行：预览后该记录已被修改，请重新上传`, area.keyField);
        }
        update.push({ id: row.id, before: holder.values, values: row.values });
      }
    }
    await area.write(tx, actor, { create, update });
    await tx.update(dataImport).set({ status: "confirmed", confirmedAt: new Date() }).where(eq(dataImport.id, importId));
    const target: AuditTarget = { type: "import", id: importId, path: scopePath(actor.scope), name: batch.fileName };
    const detail: ImportDetail = { fileName: batch.fileName, created: create.length, updated: update.length };
    await writeAudit(tx, actor, { action: area.actions.confirm, target, detail });
    return { created: create.length, updated: update.length };
  });
}

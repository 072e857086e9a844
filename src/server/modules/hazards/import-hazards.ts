import { and, eq, inArray, or } from "drizzle-orm";
import { HazardImportValues, IMPORTABLE_STATES } from "../../../contracts/hazard-import";
import { hazard, hazardEvent, institution } from "../../../db/schema";
import { normalizeCreditCode } from "../../../domain/credit-code";
import { hazardNumber } from "../../../domain/document-numbers";
import { hazardCategoryLabel } from "../../../domain/hazard-categories";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import { writeAuditMany } from "../../platform/audit";
import type { Db, Tx } from "../../platform/db";
import { writeTemplate } from "../../platform/excel/write-template";
import { conflict, forbidden } from "../../platform/http/errors";
import type { FileReply } from "../../platform/http/routes";
import type { AreaCellReader, ImportArea, ImportColumn, KeyHolder } from "../../platform/import/pipeline";
import { XLSX_TYPE } from "../../platform/list/xlsx";
import { inScope } from "../../platform/scope";
import { nextSerials } from "../../platform/serials";
import { INSTITUTION_SCOPE } from "../institutions/queries";
import { hazardCategoriesFor, hazardSettingsOf } from "../settings/hazard-settings";
import { HAZARD_SCOPE } from "./queries";

export const MAX_HAZARD_IMPORT_ROWS = 20_000;

const NAME_HEADER = "机构名称";
const CODE_HEADER = "统一社会信用代码";
const GRADE_HEADER = "隐患等级";

/**
 * The columns of the hazard ledger a county keeps today, in the template's order, with the other
 * names their own sheets give them. The institution is named by its name or its credit code.
 */
export const HAZARD_IMPORT_COLUMNS: ImportColumn[] = [
  { field: "institutionName", header: NAME_HEADER, aliases: ["被检查机构", "单位名称", "医疗机构名称", "被检查单位"], reading: { kind: "area" } },
  { field: "creditCode", header: CODE_HEADER, aliases: ["信用代码", "社会信用代码"], reading: { kind: "area" } },
  { field: "foundOn", header: "发现日期", aliases: ["检查日期", "排查日期", "发现时间"], required: true, reading: { kind: "area" } },
  { field: "finders", header: "发现人", aliases: ["检查人", "排查人"], reading: { kind: "text" } },
  { field: "place", header: "隐患部位", aliases: ["部位", "隐患位置", "地点", "具体位置"], required: true, reading: { kind: "text" } },
  { field: "category", header: "隐患类别", aliases: ["类别", "隐患类型"], required: true, reading: { kind: "area" } },
  { field: "description", header: "隐患描述", aliases: ["隐患内容", "存在问题", "问题描述", "隐患情况"], required: true, reading: { kind: "text" } },
  { field: "basis", header: "判定依据", aliases: ["依据", "检查依据"], reading: { kind: "text" } },
  { field: "grade", header: GRADE_HEADER, aliases: ["等级", "隐患级别"], reading: { kind: "area" } },
  { field: "deadline", header: "整改时限", aliases: ["整改期限", "完成时限", "整改完成时限"], reading: { kind: "area" } },
  { field: "responsiblePerson", header: "整改责任人", aliases: ["责任人"], required: true, reading: { kind: "text" } },
  { field: "responsiblePhone", header: "责任人电话", aliases: ["联系电话", "电话"], reading: { kind: "text" } },
  { field: "state", header: "整改状态", aliases: ["状态", "整改情况", "是否整改"], reading: { kind: "choice", labels: IMPORTABLE_STATES } },
];

/** 2026-06-01, 2026/6/1, 2026.6.1 or 2026年6月1日 as YYYY-MM-DD; undefined for anything else or a day that does not exist. */
export function readDay(text: string): string | undefined {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!match) return undefined;
  const day = `${match[1]}-${match[2]?.padStart(2, "0")}-${match[3]?.padStart(2, "0")}`;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day) ? day : undefined;
}

type Found = { id: string; name: string; creditCode: string };

/** The institutions of the caller's scope a file names, by name and by credit code, looked up at once. */
async function institutionsNamed(db: Db | Tx, rows: readonly Record<string, string>[], actor: UserActor) {
  const names = [...new Set(rows.map((cells) => cells.institutionName?.trim() ?? "").filter(Boolean))];
  const codes = [...new Set(rows.map((cells) => normalizeCreditCode(cells.creditCode ?? "")).filter(Boolean))];
  const byName = new Map<string, Found[]>();
  const byCode = new Map<string, Found>();
  if (names.length === 0 && codes.length === 0) return { byName, byCode };
  const found = await db
    .select({ id: institution.id, name: institution.name, creditCode: institution.creditCode })
    .from(institution)
    .where(
      and(
        inScope(actor.scope, INSTITUTION_SCOPE),
        eq(institution.status, "active"),
        or(names.length > 0 ? inArray(institution.name, names) : undefined, codes.length > 0 ? inArray(institution.creditCode, codes) : undefined),
      ),
    );
  for (const row of found) {
    byName.set(row.name, [...(byName.get(row.name) ?? []), row]);
    byCode.set(row.creditCode, row);
  }
  return { byName, byCode };
}

function readInstitution(found: Awaited<ReturnType<typeof institutionsNamed>>, cells: Record<string, string>, raw: Record<string, unknown>) {
  const name = cells.institutionName?.trim() ?? "";
  const code = normalizeCreditCode(cells.creditCode ?? "");
  if (!name && !code) return [{ field: "institutionId", message: `${NAME_HEADER}：请填写机构名称或${CODE_HEADER}` }];
  if (code) {
    const byCode = found.byCode.get(code);
    if (!byCode) return [{ field: "institutionId", message: `${CODE_HEADER}「${code}」：不在管辖范围内的在册机构中` }];
    if (name && byCode.name !== name)
      return [{ field: "institutionId", message: `${CODE_HEADER}「${code}」登记的机构是“${byCode.name}”，与机构名称“${name}”不一致` }];
    raw.institutionId = byCode.id;
    return [];
  }
  const matches = found.byName.get(name) ?? [];
  if (matches.length === 0)
    return [{ field: "institutionId", message: `${NAME_HEADER}「${name}」：不在管辖范围内的在册机构中，请核对名称或填写${CODE_HEADER}` }];
  if (matches.length > 1) return [{ field: "institutionId", message: `${NAME_HEADER}「${name}」：有 ${matches.length} 家同名机构，请填写${CODE_HEADER}` }];
  raw.institutionId = matches[0]?.id;
  return [];
}

/** Where a row's institution, dates, category and grade come from its cells. */
function hazardCellReader(found: Awaited<ReturnType<typeof institutionsNamed>>, categories: { value: string; label: string }[]): AreaCellReader {
  return (cells, raw) => {
    const problems = readInstitution(found, cells, raw);
    for (const [field, header] of [
      ["foundOn", "发现日期"],
      ["deadline", "整改时限"],
    ] as const) {
      const text = cells[field] ?? "";
      if (!text) continue;
      const day = readDay(text);
      if (day) raw[field] = day;
      else problems.push({ field, message: `${header}「${text}」不是日期（如 2026-06-01）` });
    }
    const category = cells.category ?? "";
    if (category) {
      const item = categories.find((c) => c.label === category || c.value === category);
      if (item) raw.category = item.value;
      else problems.push({ field: "category", message: `隐患类别「${category}」不在类别清单中（${categories.map((c) => c.label).join("、")}）` });
    }
    const grade = cells.grade ?? "";
    if (/^重大/.test(grade)) problems.push({ field: "grade", message: `${GRADE_HEADER}：重大隐患须逐条登记并填写“五落实”方案，不能批量导入` });
    else if (grade && !/^一般(隐患)?$/.test(grade)) problems.push({ field: "grade", message: `${GRADE_HEADER}「${grade}」应为“一般隐患”` });
    return problems;
  };
}

/** The same hazard twice: one institution, one day found, one description. */
const keyOfValues = (values: Record<string, unknown>) =>
  typeof values.institutionId === "string" && typeof values.foundOn === "string" && typeof values.description === "string"
    ? `${values.institutionId}|${values.foundOn}|${values.description.trim()}`
    : undefined;

const authorityOf = (actor: UserActor) => {
  const code = actor.user.jurisdictionCode;
  if (!code) throw forbidden("只有监管部门的用户可以导入隐患台账");
  return code;
};

/**
 * A county's existing Excel hazard ledger as an import area (platform/import/pipeline.ts): rows
 * become general hazards of institutions in the caller's scope, in the state the ledger gives,
 * numbered by the caller's authority in file order. A row already in the ledger (same
 * institution, day and description) is refused, so a file imported twice adds nothing.
 */
export function hazardImportArea({ directory, clock }: Pick<AppDeps, "directory" | "clock">): ImportArea<HazardImportValues, HazardImportSampleRow> {
  const names = new Map<string, string>();
  return {
    kind: "hazard",
    actions: { preview: "hazard.import_preview", confirm: "hazard.import" },
    columns: HAZARD_IMPORT_COLUMNS,
    maxRows: MAX_HAZARD_IMPORT_ROWS,
    createSchema: HazardImportValues,
    updateSchema: HazardImportValues,
    keyField: "description",
    keyOf: keyOfValues,
    areaReader: async (db, rows, actor) => {
      const [found, categories] = await Promise.all([institutionsNamed(db, rows, actor), hazardCategoriesFor(db, directory, authorityOf(actor))]);
      for (const row of found.byCode.values()) names.set(row.id, row.name);
      return hazardCellReader(found, categories);
    },
    checkRow: (values) => {
      const today = clock.today();
      const problems = [];
      if (typeof values.foundOn === "string" && values.foundOn > today) problems.push({ field: "foundOn", message: "发现日期：不能晚于今天" });
      if (typeof values.deadline === "string" && typeof values.foundOn === "string" && values.deadline < values.foundOn) {
        problems.push({ field: "deadline", message: "整改时限：不能早于发现日期" });
      }
      return problems;
    },
    findExisting: async (db, keys, actor) => {
      const holders = new Map<string, KeyHolder<HazardImportValues>>();
      const wanted = new Set(keys);
      const institutionIds = [...new Set(keys.map((key) => key.split("|")[0] ?? ""))].filter(Boolean);
      if (institutionIds.length === 0) return holders;
      const rows = await db
        .select({ number: hazard.number, institutionId: hazard.institutionId, foundOn: hazard.foundOn, description: hazard.description })
        .from(hazard)
        .where(and(inArray(hazard.institutionId, institutionIds), inScope(actor.scope, HAZARD_SCOPE)));
      for (const row of rows) {
        const key = keyOfValues(row);
        if (key && wanted.has(key)) holders.set(key, { refused: `该隐患已在台账中（${row.number}），不能重复导入` });
      }
      return holders;
    },
    display: (_field, value) => String(value ?? ""),
    sample: (row, values) => ({
      row,
      institutionName: names.get(values.institutionId) ?? values.institutionId,
      foundOn: values.foundOn,
      category: hazardCategoryLabel(values.category),
      description: values.description,
      state: IMPORTABLE_STATES[values.state],
    }),
    write: async (tx, actor, { create }) => {
      if (create.length === 0) return;
      const authorityCode = authorityOf(actor);
      const owners = await tx
        .select({ id: institution.id, name: institution.name, path: institution.jurisdictionPath })
        .from(institution)
        .where(
          and(
            inArray(institution.id, [...new Set(create.map((values) => values.institutionId))]),
            inScope(actor.scope, INSTITUTION_SCOPE),
            eq(institution.status, "active"),
          ),
        );
      const ownerOf = new Map(owners.map((owner) => [owner.id, owner]));
      const missing = create.find((values) => !ownerOf.has(values.institutionId));
      if (missing) throw conflict("被检查机构：预览后已注销或移出管辖范围，请重新上传", "institutionId");
      const today = clock.today();
      const year = Number(today.slice(0, 4));
      const { hazardPrefix } = await hazardSettingsOf(tx, directory, authorityCode);
      const first = await nextSerials(tx, authorityCode, "hazard", year, create.length);
      for (let start = 0; start < create.length; start += 1000) {
        const batch = create.slice(start, start + 1000);
        const inserted = await tx
          .insert(hazard)
          .values(
            batch.map((values, i) => ({
              ...values,
              number: hazardNumber(hazardPrefix, year, first + start + i),
              authorityCode,
              jurisdictionPath: ownerOf.get(values.institutionId)?.path ?? "",
              grade: "general",
              handling: values.deadline ? "by_deadline" : "on_the_spot",
              // A ledger row already submitted or closed had its rectification: one review round.
              round: values.state === "awaiting_review" || values.state === "closed" ? 1 : 0,
              recordedBy: actor.user.id,
            })),
          )
          .returning({ id: hazard.id, number: hazard.number, institutionId: hazard.institutionId, path: hazard.jurisdictionPath, state: hazard.state });
        await tx.insert(hazardEvent).values(
          inserted.map((row) => ({
            hazardId: row.id,
            kind: "record",
            round: 0,
            actorId: actor.user.id,
            actorName: actor.user.displayName,
            details: { imported: true, state: row.state },
          })),
        );
        await writeAuditMany(
          tx,
          actor,
          inserted.map((row) => ({
            action: "hazard.record" as const,
            target: { type: "hazard" as const, id: row.id, path: row.path, name: row.number },
            detail: { number: row.number, institution: ownerOf.get(row.institutionId)?.name ?? "" },
          })),
        );
      }
    },
  };
}

type HazardImportSampleRow = { row: number; institutionName: string; foundOn: string; category: string; description: string; state: string };

/** The template: the ledger's columns, drop-downs for category, grade and state, and how to fill it in. */
export async function hazardImportTemplate({ db, directory }: Pick<AppDeps, "db" | "directory">, actor: UserActor): Promise<FileReply> {
  const categories = await hazardCategoriesFor(db, directory, authorityOf(actor));
  const choicesOf: Record<string, readonly string[]> = {
    category: categories.map((c) => c.label),
    grade: ["一般隐患"],
    state: Object.values(IMPORTABLE_STATES),
  };
  const notes: Record<string, string> = {
    institutionName: `与${CODE_HEADER}至少填一项；重名时填代码`,
    foundOn: "如 2026-06-01",
    deadline: "立行立改的不填",
    grade: "重大隐患请逐条登记",
    state: "不填为待整改",
  };
  const body = await writeTemplate({
    sheetName: "隐患台账",
    columns: HAZARD_IMPORT_COLUMNS,
    choices: choicesOf,
    notes,
    instructions: {
      title: "隐患台账导入填写说明",
      lines: [
        "每行一条隐患；机构须为本部门管辖范围内的在册机构，按名称或统一社会信用代码匹配。",
        "标红“*”的列必填；日期可写作 2026-06-01、2026/6/1 或 2026年6月1日。",
        "只导入一般隐患；重大隐患须逐条登记并填写“五落实”方案。",
        "同一机构、同一发现日期、相同描述的隐患视为重复，不会导入两次。",
        "导入前先预检：列出每一行的问题；确认后全部导入，或一条也不导入。",
      ],
    },
  });
  return { fileName: "隐患台账导入模板.xlsx", contentType: XLSX_TYPE, body };
}

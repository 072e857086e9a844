import { count } from "drizzle-orm";
import { HAZARD_EXPORT_INLINE_LIMIT, type HazardExportQuery } from "../../../contracts/hazards";
import { hazard } from "../../../db/schema";
import { BUILT_IN_HAZARD_CATEGORIES, HAZARD_SOURCES } from "../../../domain/hazard-categories";
import { HAZARD_GRADES, HAZARD_HANDLINGS, HAZARD_STATES, type HazardState, isOverdue } from "../../../domain/hazard-lifecycle";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import { conflict } from "../../platform/http/errors";
import type { FileReply } from "../../platform/http/routes";
import { createExportJob, type ExportKind } from "../../platform/list/background-export";
import { cappedCountQuery } from "../../platform/list/counting";
import type { ExportColumn } from "../../platform/list/excel-export";
import { streamWorkbook } from "../../platform/list/excel-export";
import { exportList } from "../../platform/list/export-list";
import type { Scope } from "../../platform/scope";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { type ExportedHazard, hazardBatches, hazardListCondition, textMatching } from "./queries";

const labelOf = (labels: Record<string, string>, key: string) => labels[key] ?? key;

/** The ledger's columns in a workbook, as a county clerk's own sheet has them. */
export function hazardExportColumns(directory: JurisdictionDirectory, today: string): ExportColumn<ExportedHazard>[] {
  return [
    { header: "隐患编号", width: 22, value: ({ row }) => row.number },
    { header: "被检查机构", width: 28, value: (h) => h.institutionName },
    { header: "所在县（市、区）", width: 14, value: (h) => directory.name(h.jurisdictionCode) },
    { header: "发现日期", width: 12, value: ({ row }) => row.foundOn },
    { header: "隐患部位", width: 20, value: ({ row }) => row.place },
    { header: "隐患类别", width: 16, value: ({ row }) => labelOf(BUILT_IN_HAZARD_CATEGORIES, row.category) },
    { header: "隐患描述", width: 40, value: ({ row }) => row.description },
    { header: "隐患等级", width: 10, value: ({ row }) => labelOf(HAZARD_GRADES, row.grade) },
    { header: "处理方式", width: 10, value: ({ row }) => labelOf(HAZARD_HANDLINGS, row.handling) },
    { header: "整改时限", width: 12, value: ({ row }) => row.deadline },
    { header: "状态", width: 10, value: ({ row }) => labelOf(HAZARD_STATES, row.state) },
    { header: "是否逾期", width: 8, value: ({ row }) => (isOverdue({ state: row.state as HazardState, deadline: row.deadline }, today) ? "是" : "否") },
    { header: "整改责任人", width: 12, value: ({ row }) => row.responsiblePerson },
    { header: "责任人电话", width: 14, value: ({ row }) => row.responsiblePhone },
    { header: "隐患来源", width: 10, value: ({ row }) => labelOf(HAZARD_SOURCES, row.source) },
    { header: "判定依据", width: 30, value: ({ row }) => row.basis },
  ];
}

type ExportDeps = Pick<AppDeps, "db" | "directory" | "clock">;

/** What an export of the ledger reads: the list's own condition, so it never holds more than the list. */
async function ledgerOf({ db, directory, clock }: ExportDeps, scope: Scope, query: HazardExportQuery) {
  const today = clock.today();
  const where = hazardListCondition(directory, scope, query, today, await textMatching(db, directory, scope, query));
  return {
    where,
    columns: hazardExportColumns(directory, today),
    batches: () => hazardBatches(db, where, query, today),
  };
}

/**
 * The caller's filtered ledger as .xlsx, at once: up to HAZARD_EXPORT_INLINE_LIMIT rows. A larger
 * one is refused (409) with where to go instead: a background job (`createHazardExportJob`).
 */
export async function exportHazards(deps: ExportDeps, actor: UserActor, query: HazardExportQuery): Promise<FileReply> {
  const ledger = await ledgerOf(deps, actor.scope, query);
  const [counted] = await cappedCountQuery(deps.db, hazard, ledger.where, HAZARD_EXPORT_INLINE_LIMIT);
  if ((counted?.total ?? 0) > HAZARD_EXPORT_INLINE_LIMIT) {
    throw conflict(`符合条件的隐患超过 ${HAZARD_EXPORT_INLINE_LIMIT.toLocaleString("en")} 条，请使用“后台导出”，完成后下载`);
  }
  return exportList(deps.db, actor, {
    action: "hazard.export",
    targetType: "hazard",
    filters: query,
    fileName: `隐患台账-${deps.clock.today()}.xlsx`,
    sheetName: "隐患台账",
    columns: ledger.columns,
    batches: ledger.batches(),
  });
}

/** The kind of background export the job queue runs for the ledger: the owner's scope and filters as they asked. */
export const HAZARD_EXPORT_KIND = "hazards";

export function hazardExportKind(deps: ExportDeps): ExportKind {
  return {
    action: "hazard.export",
    targetType: "hazard",
    source: async ({ filters, scope }) => {
      const ledger = await ledgerOf(deps, scope, filters as HazardExportQuery);
      return {
        count: async () => (await deps.db.select({ total: count() }).from(hazard).where(ledger.where))[0]?.total ?? 0,
        workbook: (progress) =>
          streamWorkbook({ sheetName: "隐患台账", columns: ledger.columns, batches: progress(ledger.batches()), onFinish: async () => {} }),
      };
    },
  };
}

/** Queues the caller's filtered ledger as a background export; answers the job to follow. */
export const createHazardExportJob = (deps: Pick<AppDeps, "db" | "jobs" | "clock">, actor: UserActor, query: HazardExportQuery) =>
  createExportJob(deps, actor, {
    kind: HAZARD_EXPORT_KIND,
    filters: query,
    fileName: `隐患台账-${deps.clock.today()}.xlsx`,
    action: "hazard.export_job",
    targetType: "hazard",
  });

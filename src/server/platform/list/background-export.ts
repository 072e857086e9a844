import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { and, eq, sql } from "drizzle-orm";
import type { ActionsWithDetail, AuditTargetType, ExportDetail, ExportJobDetail } from "../../../contracts/audit";
import type { ExportJob } from "../../../contracts/hazards";
import { exportJob } from "../../../db/schema";
import type { Config } from "../../config";
import { systemActor, type UserActor } from "../access";
import { writeAudit } from "../audit";
import { chooseDataDir } from "../data-dir";
import type { Db } from "../db";
import { conflict, notFound } from "../http/errors";
import type { FileReply } from "../http/routes";
import type { JobQueue } from "../jobs";
import { type Scope, scopePath } from "../scope";
import { XLSX_TYPE } from "./xlsx";

/**
 * Exports too large for one request (platform/list/export-list.ts answers the small ones): the
 * request records a job with the caller's scope and filters as they are now, and a worker of the
 * job queue streams the rows (keyset batches, never the whole result in memory) into a file under
 * the data directory, counting its progress as it goes. Only the job's owner reads its progress
 * and its file.
 */

/** The queue every background export runs on; the job's `kind` picks how its rows are read. */
export const EXPORT_QUEUE = "list-export";

type ExportJobRow = typeof exportJob.$inferSelect;

/** Passes a list's batches through, counting each as it goes. */
export type ProgressOf = <Row>(batches: AsyncIterable<Row[]>) => AsyncIterable<Row[]>;

/** What a kind of export reads, for one job: its rows as the owner could see them when asking. */
export interface ExportSource {
  /** The exact number of rows, for the progress shown. */
  count: () => Promise<number>;
  /** The workbook (streamWorkbook), its batches passed through `progress`. */
  workbook: (progress: ProgressOf) => Readable;
}

export interface ExportKind {
  /** The audit action of the finished file (with its row count). */
  action: ActionsWithDetail<ExportDetail>;
  targetType: AuditTargetType;
  source: (job: { filters: Record<string, unknown>; scope: Scope }) => Promise<ExportSource>;
}

/** Where finished files are kept: `exports/` in the data directory (beside the embedded cluster's `pg/`). */
export const exportsDirectory = (config: Pick<Config, "DATA_DIR">) => path.join(chooseDataDir({ requested: config.DATA_DIR }).dir, "exports");
const fileOf = (config: Pick<Config, "DATA_DIR">, id: string) => path.join(exportsDirectory(config), `${id}.xlsx`);

export const toExportJob = (row: ExportJobRow): ExportJob => ({
  id: row.id,
  kind: row.kind,
  state: row.state as ExportJob["state"],
  rowsDone: row.rowsDone,
  rowsTotal: row.rowsTotal,
  fileName: row.fileName,
  error: row.error,
  createdAt: row.createdAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
});

type ExportDeps = { db: Db; config: Pick<Config, "DATA_DIR">; jobs: JobQueue };

/** The one worker of every background export: `kinds` say how each kind of job reads its rows. */
export function registerExportWorker({ db, config, jobs }: ExportDeps, kinds: Record<string, ExportKind>) {
  jobs.work<{ jobId: string }>(EXPORT_QUEUE, async ({ jobId }) => {
    const [job] = await db
      .update(exportJob)
      .set({ state: "running" })
      .where(and(eq(exportJob.id, jobId), eq(exportJob.state, "queued")))
      .returning();
    // Already taken (a retry of a job that ran), or gone.
    if (!job) return;
    const kind = kinds[job.kind];
    const file = fileOf(config, job.id);
    const partial = `${file}.part`;
    let rows = 0;
    try {
      if (!kind) throw new Error(`no export kind ${job.kind}`);
      const source = await kind.source({ filters: job.filters as Record<string, unknown>, scope: job.scope as Scope });
      const total = await source.count();
      await db.update(exportJob).set({ rowsTotal: total }).where(eq(exportJob.id, job.id));
      await mkdir(path.dirname(file), { recursive: true });
      // Progress is saved after each batch: one row update per few thousand rows written.
      const progress: ProgressOf = async function* <Row>(batches: AsyncIterable<Row[]>) {
        for await (const batch of batches) {
          yield batch;
          rows += batch.length;
          await db.update(exportJob).set({ rowsDone: rows }).where(eq(exportJob.id, jobId));
        }
      };
      await pipeline(source.workbook(progress), createWriteStream(partial));
      await rename(partial, file);
      await db.update(exportJob).set({ state: "done", rowsDone: rows, finishedAt: sql`now()` }).where(eq(exportJob.id, job.id));
      await writeAudit(db, systemActor("export"), {
        action: kind.action,
        target: { type: kind.targetType, id: job.id, path: scopePath(job.scope as Scope) },
        detail: { filters: job.filters as Record<string, unknown>, rows, complete: true },
      });
    } catch (error) {
      await rm(partial, { force: true });
      await db.update(exportJob).set({ state: "failed", error: "导出失败，请重新提交", finishedAt: sql`now()` }).where(eq(exportJob.id, job.id));
      throw error;
    }
  });
}

/** Records a background export for the caller, with their scope as it is now, audits it and queues it. */
export async function createExportJob(
  { db, jobs }: Pick<ExportDeps, "db" | "jobs">,
  actor: UserActor,
  request: {
    kind: string;
    filters: Record<string, unknown>;
    fileName: string;
    action: ActionsWithDetail<ExportJobDetail>;
    targetType: AuditTargetType;
  },
): Promise<ExportJob> {
  const job = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(exportJob)
      .values({ userId: actor.user.id, kind: request.kind, filters: request.filters, scope: actor.scope, fileName: request.fileName })
      .returning();
    if (!row) throw new Error("the export job insert returned no row");
    await writeAudit(tx, actor, {
      action: request.action,
      target: { type: request.targetType, id: row.id, path: scopePath(actor.scope) },
      detail: { filters: request.filters, jobId: row.id },
    });
    return row;
  });
  await jobs.send(EXPORT_QUEUE, { jobId: job.id });
  return toExportJob(job);
}

/** The caller's own job; anyone else's reads as missing. */
async function ownJob(db: Db, actor: UserActor, id: string): Promise<ExportJobRow> {
  const [job] = await db
    .select()
    .from(exportJob)
    .where(and(eq(exportJob.id, id), eq(exportJob.userId, actor.user.id)));
  if (!job) throw notFound("导出任务不存在");
  return job;
}

export const exportJobProgress = async (db: Db, actor: UserActor, id: string) => toExportJob(await ownJob(db, actor, id));

const STATE_NAMES: Record<string, string> = { queued: "排队中", running: "导出中", failed: "失败" };

export async function exportJobFile(deps: { db: Db; config: Pick<Config, "DATA_DIR"> }, actor: UserActor, id: string): Promise<FileReply> {
  const job = await ownJob(deps.db, actor, id);
  if (job.state !== "done") throw conflict(`导出任务当前状态为「${STATE_NAMES[job.state] ?? job.state}」，完成后才能下载`);
  return { fileName: job.fileName, contentType: XLSX_TYPE, body: createReadStream(fileOf(deps.config, job.id)) };
}

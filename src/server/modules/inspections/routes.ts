import type { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { and, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { inspectionRoutes } from "../../../contracts/inspections";
import { attachment, storedFile } from "../../../db/schema";
import { INSPECTION_KINDS } from "../../../domain/inspections";
import type { AppDeps } from "../../deps";
import { requireUser } from "../../platform/access";
import type { DbOrTx } from "../../platform/db";
import type { FileStore } from "../../platform/files/file-store";
import { notFound } from "../../platform/http/errors";
import { registerRoute } from "../../platform/http/routes";
import { exportList } from "../../platform/list/export-list";
import { PDF_TYPE, renderPdf } from "../../platform/pdf";
import { type DocumentImages, inspectionDocument } from "./inspection-document";
import { inspectionForm } from "./inspection-form";
import { findInspection, inspectionBatches, inspectionDetail, inspectionListCondition, listInspections } from "./queries";
import { submitInspection } from "./submit-inspection";

const NOT_FOUND = "检查记录不存在";

const dataUrl = async (type: string, stream: Promise<Readable>) => `data:${type};base64,${(await buffer(await stream)).toString("base64")}`;

/** The inspection's photos as thumbnails and its signature as drawn, read from the file store for the printed record. */
async function documentImages(db: DbOrTx, files: FileStore, inspectionId: string): Promise<DocumentImages> {
  const rows = await db
    .select({ id: attachment.id, sha256: attachment.sha256, purpose: attachment.purpose, hasThumbnail: storedFile.hasThumbnail })
    .from(attachment)
    .innerJoin(storedFile, eq(storedFile.sha256, attachment.sha256))
    .where(and(eq(attachment.recordKind, "inspection"), eq(attachment.recordId, inspectionId)));
  const thumbnails = new Map<string, string>();
  let signature: string | null = null;
  for (const row of rows) {
    if (row.purpose === "signature") signature = await dataUrl("image/png", files.get(row.sha256));
    else if (row.hasThumbnail) thumbnails.set(row.id, await dataUrl("image/jpeg", files.thumbnail(row.sha256)));
  }
  return { thumbnails, signature };
}

export function registerInspectionRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, directory, clock, files } = deps;
  registerRoute(app, inspectionRoutes.submit, async ({ actor, body, repeated }) => {
    const { created, detail } = await submitInspection(deps, requireUser(actor), body, "supervision");
    if (!created) repeated();
    return detail;
  });
  registerRoute(app, inspectionRoutes.submitSelf, async ({ actor, body, repeated }) => {
    const { created, detail } = await submitInspection(deps, requireUser(actor), body, "self");
    if (!created) repeated();
    return detail;
  });
  registerRoute(app, inspectionRoutes.form, ({ actor, params, query }) => inspectionForm(deps, requireUser(actor), params.id, query.campaignId));
  registerRoute(app, inspectionRoutes.list, ({ actor, query }) => listInspections(db, directory, actor.scope, query));
  registerRoute(app, inspectionRoutes.export, async ({ actor, query }) =>
    exportList(db, requireUser(actor), {
      action: "inspection.export",
      targetType: "inspection",
      filters: query,
      fileName: `检查记录-${clock.today()}.xlsx`,
      sheetName: "检查记录",
      columns: [
        { header: "检查日期", width: 12, value: (i) => i.inspectedOn },
        { header: "检查类型", width: 10, value: (i) => INSPECTION_KINDS[i.kind] },
        { header: "被检查机构", width: 30, value: (i) => i.institutionName },
        { header: "所在地", width: 12, value: (i) => i.jurisdictionName },
        { header: "检查单位", width: 24, value: (i) => i.authorityName ?? "机构自查" },
        { header: "检查工作", width: 28, value: (i) => i.campaignName ?? "" },
        { header: "工作组", width: 12, value: (i) => i.groupName ?? "" },
        { header: "检查表", width: 24, value: (i) => `${i.checklistName}（第 ${i.checklistVersion} 版）` },
        { header: "检查地点", width: 20, value: (i) => i.place },
        { header: "检查人员", width: 20, value: (i) => i.inspectorNames },
        { header: "不符合项", width: 8, value: (i) => i.nonCompliantCount },
        { header: "隐患数", width: 8, value: (i) => i.hazardCount },
        { header: "得分", width: 8, value: (i) => i.score ?? "" },
        { header: "提交人", width: 12, value: (i) => i.submittedByName },
      ],
      batches: inspectionBatches(db, directory, inspectionListCondition(directory, actor.scope, query), query),
    }),
  );
  registerRoute(app, inspectionRoutes.detail, async ({ actor, params }) => {
    const found = await findInspection(db, actor.scope, params.id);
    if (!found) throw notFound(NOT_FOUND);
    return inspectionDetail(db, directory, found);
  });
  registerRoute(app, inspectionRoutes.pdf, async ({ actor, params }) => {
    const found = await findInspection(db, actor.scope, params.id);
    if (!found) throw notFound(NOT_FOUND);
    const detail = await inspectionDetail(db, directory, found);
    const body = await renderPdf(inspectionDocument(detail, await documentImages(db, files, detail.id)));
    return { fileName: `现场检查记录-${detail.institutionName}-${detail.inspectedOn}.pdf`, contentType: PDF_TYPE, body, inline: true };
  });
}

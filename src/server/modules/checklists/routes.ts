import type { FastifyInstance } from "fastify";
import { checklistRoutes } from "../../../contracts/checklists";
import type { AppDeps } from "../../deps";
import { conflict, notFound } from "../../platform/http/errors";
import { registerRoute } from "../../platform/http/routes";
import { confirmImport, previewImport } from "../../platform/import/pipeline";
import { exportList } from "../../platform/list/export-list";
import { checklistImportArea, checklistImportTemplate, contentOfRows, exportChecklistVersion, nextContentOfRows } from "./checklist-excel";
import { checklistBatches, checklistDetail, findChecklist, listChecklists, readerOf } from "./queries";
import { CHECKLIST_NOT_FOUND, copyChecklist, createChecklist, ownChecklist, reviseChecklist, setChecklistArchived, updateChecklist } from "./save-checklist";

export function registerChecklistRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, directory, clock } = deps;

  /** A template with one version's content, through the caller's visibility; a version it does not have reads as missing. */
  const detailOf = async (actor: Parameters<typeof readerOf>[0], id: string, version?: number) => {
    const reader = readerOf(actor);
    const found = await findChecklist(db, reader, id);
    const detail = found && (await checklistDetail(db, directory, reader, found, version));
    if (!detail) throw notFound(found ? `检查表没有第 ${version} 版` : CHECKLIST_NOT_FOUND);
    return detail;
  };

  registerRoute(app, checklistRoutes.list, ({ actor, query }) => listChecklists(db, directory, readerOf(actor), query));
  registerRoute(app, checklistRoutes.export, async ({ actor, query }) =>
    exportList(db, actor, {
      action: "checklist.export",
      targetType: "checklist",
      filters: query,
      fileName: `检查表-${clock.today()}.xlsx`,
      sheetName: "检查表",
      columns: [
        { header: "名称", width: 30, value: (c) => c.name },
        { header: "来源", width: 24, value: (c) => c.ownerName },
        { header: "类型", width: 10, value: (c) => (c.scored ? `评分表（满分 ${c.maxScore}）` : "检查表") },
        { header: "当前版本", width: 10, value: (c) => `第 ${c.currentVersion} 版` },
        { header: "检查项数", width: 10, value: (c) => c.itemCount },
        { header: "状态", width: 10, value: (c) => (c.archived ? "已归档" : "使用中") },
        { header: "更新时间", width: 20, value: (c) => c.updatedAt.slice(0, 10) },
      ],
      batches: checklistBatches(db, directory, readerOf(actor), query),
    }),
  );
  registerRoute(app, checklistRoutes.importTemplate, ({ actor }) => checklistImportTemplate(deps, actor));
  registerRoute(app, checklistRoutes.importPreview, ({ actor, file }) => previewImport(db, actor, checklistImportArea(deps, null), file.filename, file.file));
  registerRoute(app, checklistRoutes.importConfirm, async ({ actor, params, body }) => {
    let checklistId: string | undefined;
    const area = checklistImportArea(deps, null, async (tx, creator, rows) => {
      checklistId = (await createChecklist(deps, creator, { name: body.name, content: contentOfRows(rows) }, { imported: true }, tx)).id;
    });
    const result = await confirmImport(db, actor, area, params.id, false);
    if (!checklistId) throw notFound("导入批次不存在");
    return { ...result, checklistId };
  });
  registerRoute(app, checklistRoutes.versionImportPreview, async ({ actor, params, file }) => {
    // Refused before the file is read, as an edit of the template would be (404, 403, 409 archived).
    await ownChecklist(db, actor, params.id, { lock: false });
    return previewImport(db, actor, checklistImportArea(deps, params.id), file.filename, file.file);
  });
  registerRoute(app, checklistRoutes.versionImportConfirm, async ({ actor, params, body }) => {
    let saved: Awaited<ReturnType<typeof reviseChecklist>> | undefined;
    const area = checklistImportArea(deps, params.id, async (tx, editor, rows) => {
      saved = await reviseChecklist(
        tx,
        deps,
        editor,
        params.id,
        body.baseVersion,
        async (row, current) => ({ name: row.name, content: await nextContentOfRows(tx, row.id, current, rows) }),
        { imported: true },
      );
      // Nothing to save: refused, so the batch stays unconfirmed and no import is recorded that changed nothing.
      if (saved.edit.kind === "unchanged") throw conflict(`文件：内容与当前第 ${saved.detail.currentVersion} 版相同，无需导入`, "file");
    });
    // The template is checked first, so another authority's template answers 404 whatever batch is named.
    await ownChecklist(db, actor, params.id, { lock: false });
    const result = await confirmImport(db, actor, area, body.importId, false);
    if (!saved) throw notFound("导入批次不存在");
    return { ...result, version: saved.detail.currentVersion, newVersion: saved.edit.kind === "new_version" };
  });
  registerRoute(app, checklistRoutes.create, ({ actor, body }) => createChecklist(deps, actor, body));
  registerRoute(app, checklistRoutes.detail, ({ actor, params, query }) => detailOf(actor, params.id, query.version));
  registerRoute(app, checklistRoutes.update, ({ actor, params, body }) => updateChecklist(deps, actor, params.id, body));
  registerRoute(app, checklistRoutes.archive, ({ actor, params }) => setChecklistArchived(deps, actor, params.id, true));
  registerRoute(app, checklistRoutes.restore, ({ actor, params }) => setChecklistArchived(deps, actor, params.id, false));
  registerRoute(app, checklistRoutes.copy, ({ actor, params, body }) => copyChecklist(deps, actor, params.id, body.name));
  registerRoute(app, checklistRoutes.exportOne, async ({ actor, params, query }) => {
    const detail = await detailOf(actor, params.id, query.version);
    return exportChecklistVersion(deps, actor, { id: detail.id, name: detail.name, version: detail.shownVersion, content: detail.content });
  });
}

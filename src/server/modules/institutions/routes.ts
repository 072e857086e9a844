import type { FastifyInstance } from "fastify";
import { institutionRoutes } from "../../../contracts/institutions";
import type { AppDeps } from "../../deps";
import { notFound } from "../../platform/http/errors";
import { registerRoute } from "../../platform/http/routes";
import { confirmImport, previewImport } from "../../platform/import/pipeline";
import { describeAuditRow } from "../audit/describe";
import { findTargetHistory } from "../audit/queries";
import { exportInstitutions } from "./export-institutions";
import { importTemplate, institutionImportArea } from "./import-institutions";
import { findInstitution, listInstitutions, toDetail } from "./queries";
import { createInstitution, deregisterInstitution, restoreInstitution, updateInstitution } from "./save-institution";

export function registerInstitutionRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, directory } = deps;
  const importArea = institutionImportArea(directory);

  registerRoute(app, institutionRoutes.list, ({ actor, query }) => listInstitutions(db, directory, actor.scope, query));

  registerRoute(app, institutionRoutes.export, async ({ actor, query }) => exportInstitutions(deps, actor, query));

  registerRoute(app, institutionRoutes.importTemplate, ({ actor }) => importTemplate(deps, actor));

  registerRoute(app, institutionRoutes.detail, async ({ actor, params }) => {
    const row = await findInstitution(db, actor.scope, params.id);
    if (!row) throw notFound("机构不存在");
    return toDetail(directory, row, actor);
  });

  registerRoute(app, institutionRoutes.history, async ({ actor, params, query }) => {
    // The institution is loaded through the caller's scope first: its history is as private as it is.
    if (!(await findInstitution(db, actor.scope, params.id))) throw notFound("机构不存在");
    const { rows, total } = await findTargetHistory(db, { type: "institution", id: params.id }, query);
    return { items: rows.map((row) => describeAuditRow(directory, row)), total, page: query.page, pageSize: query.pageSize };
  });

  registerRoute(app, institutionRoutes.create, ({ actor, body }) => createInstitution(deps, actor, body));

  registerRoute(app, institutionRoutes.update, ({ actor, params, body }) => updateInstitution(deps, actor, params.id, body));

  registerRoute(app, institutionRoutes.deregister, ({ actor, params, body }) => deregisterInstitution(deps, actor, params.id, body));

  registerRoute(app, institutionRoutes.restore, ({ actor, params, body }) => restoreInstitution(deps, actor, params.id, body.reason));

  registerRoute(app, institutionRoutes.importPreview, ({ actor, file }) => previewImport(db, actor, importArea, file.filename, file.file));

  registerRoute(app, institutionRoutes.importConfirm, ({ actor, params, body }) => confirmImport(db, actor, importArea, params.id, body.updateExisting));
}

import type { FastifyInstance } from "fastify";
import { commonProblemRoutes } from "../../../contracts/common-problems";
import { hazardImportRoutes } from "../../../contracts/hazard-import";
import { hazardRoutes } from "../../../contracts/hazards";
import { listingRoutes } from "../../../contracts/listings";
import type { AppDeps } from "../../deps";
import { requireUser } from "../../platform/access";
import { notFound } from "../../platform/http/errors";
import { registerRoute } from "../../platform/http/routes";
import { confirmImport, previewImport } from "../../platform/import/pipeline";
import { commandHazard } from "./command-hazard";
import { commonProblems } from "./common-problems";
import { createHazardExportJob, exportHazards } from "./export-hazards";
import { hazardImportArea, hazardImportTemplate } from "./import-hazards";
import { exportListingQueue, listingQueue } from "./listing-queue";
import { findHazard, hazardDetail, listHazards } from "./queries";
import { recordHazard } from "./record-hazard";
import { acknowledgeListing, listHazard, publishListing } from "./supervision";

export function registerHazardRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, directory, clock } = deps;
  registerRoute(app, hazardRoutes.list, ({ actor, query }) => listHazards(db, directory, actor.scope, query, clock.today()));
  registerRoute(app, hazardRoutes.export, ({ actor, query }) => exportHazards(deps, actor, query));
  registerRoute(app, hazardRoutes.exportJobCreate, ({ actor, body }) => createHazardExportJob(deps, actor, body));
  registerRoute(app, hazardRoutes.detail, async ({ actor, params }) => {
    const found = await findHazard(db, actor.scope, params.id);
    if (!found) throw notFound("隐患不存在");
    return hazardDetail(db, directory, found, clock.today());
  });
  registerRoute(app, hazardRoutes.record, ({ actor, body }) => recordHazard(deps, requireUser(actor), body));
  registerRoute(app, hazardRoutes.command, ({ actor, params, body }) => commandHazard(deps, requireUser(actor), params.id, body));
  const importArea = hazardImportArea(deps);
  registerRoute(app, hazardImportRoutes.template, ({ actor }) => hazardImportTemplate(deps, requireUser(actor)));
  registerRoute(app, hazardImportRoutes.preview, ({ actor, file }) => previewImport(db, requireUser(actor), importArea, file.filename, file.file));
  registerRoute(app, hazardImportRoutes.confirm, ({ actor, params, body }) =>
    confirmImport(db, requireUser(actor), importArea, params.id, body.updateExisting),
  );
  registerRoute(app, commonProblemRoutes.report, ({ actor, query }) => commonProblems(db, directory, actor.scope, query));
  registerRoute(app, listingRoutes.queue, ({ actor, query }) => listingQueue(deps, requireUser(actor), query));
  registerRoute(app, listingRoutes.export, ({ actor, query }) => exportListingQueue(deps, requireUser(actor), query));
  registerRoute(app, listingRoutes.list, ({ actor, params, body }) => listHazard(deps, requireUser(actor), params.id, body));
  registerRoute(app, listingRoutes.publish, ({ actor, params, body }) => publishListing(deps, requireUser(actor), params.id, body));
  registerRoute(app, listingRoutes.acknowledge, ({ actor, params, body }) => acknowledgeListing(deps, requireUser(actor), params.id, body.version));
}

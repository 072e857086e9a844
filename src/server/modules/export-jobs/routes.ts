import type { FastifyInstance } from "fastify";
import { exportJobRoutes } from "../../../contracts/hazards";
import type { AppDeps } from "../../deps";
import { registerRoute } from "../../platform/http/routes";
import { exportJobFile, exportJobProgress, registerExportWorker } from "../../platform/list/background-export";
import { HAZARD_EXPORT_KIND, hazardExportKind } from "../hazards/export-hazards";

/** Background exports: the one worker with every kind it runs, and their progress and files for their owners. */
export function registerExportJobRoutes(app: FastifyInstance, deps: AppDeps) {
  registerExportWorker(deps, { [HAZARD_EXPORT_KIND]: hazardExportKind(deps) });
  registerRoute(app, exportJobRoutes.progress, ({ actor, params }) => exportJobProgress(deps.db, actor, params.id));
  registerRoute(app, exportJobRoutes.file, ({ actor, params }) => exportJobFile(deps, actor, params.id));
}

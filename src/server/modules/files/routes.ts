import type { FastifyInstance } from "fastify";
import { fileRoutes } from "../../../contracts/files";
import type { AppDeps } from "../../deps";
import { requireUser } from "../../platform/access";
import { registerRoute } from "../../platform/http/routes";
import { readFile, readThumbnail } from "./read-file";
import { uploadFile } from "./upload-file";

export function registerFileRoutes(app: FastifyInstance, deps: AppDeps) {
  registerRoute(app, fileRoutes.upload, ({ actor, file, query }) => uploadFile(deps, requireUser(actor), file, query.clientId));
  registerRoute(app, fileRoutes.content, ({ actor, params }) => readFile(deps, requireUser(actor), params.id));
  registerRoute(app, fileRoutes.thumbnail, ({ actor, params }) => readThumbnail(deps, requireUser(actor), params.id));
}

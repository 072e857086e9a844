import type { FastifyInstance } from "fastify";
import { jurisdictionRoutes } from "../../../contracts/jurisdictions";
import type { AppDeps } from "../../deps";
import { registerRoute } from "../../platform/http/routes";

export function registerJurisdictionRoutes(app: FastifyInstance, { directory }: AppDeps) {
  registerRoute(app, jurisdictionRoutes.tree, async ({ actor }) => ({ roots: directory.treeFor(actor.scope) }));
}

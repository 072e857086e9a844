import type { FastifyInstance } from "fastify";
import { commonProblemRoutes } from "../../../contracts/common-problems";
import { hazardRoutes } from "../../../contracts/hazards";
import { listingRoutes } from "../../../contracts/listings";
import type { AppDeps } from "../../deps";
import { requireUser } from "../../platform/access";
import { notFound } from "../../platform/http/errors";
import { registerRoute } from "../../platform/http/routes";
import { commandHazard } from "./command-hazard";
import { commonProblems } from "./common-problems";
import { findHazard, hazardDetail, listHazards } from "./queries";
import { recordHazard } from "./record-hazard";
import { acknowledgeListing, listHazard, listingQueue, publishListing } from "./supervision";

export function registerHazardRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, directory, clock } = deps;
  registerRoute(app, hazardRoutes.list, ({ actor, query }) => listHazards(db, directory, actor.scope, query, clock.today()));
  registerRoute(app, hazardRoutes.detail, async ({ actor, params }) => {
    const found = await findHazard(db, actor.scope, params.id);
    if (!found) throw notFound("隐患不存在");
    return hazardDetail(db, directory, found, clock.today());
  });
  registerRoute(app, hazardRoutes.record, ({ actor, body }) => recordHazard(deps, requireUser(actor), body));
  registerRoute(app, hazardRoutes.command, ({ actor, params, body }) => commandHazard(deps, requireUser(actor), params.id, body));
  registerRoute(app, commonProblemRoutes.report, ({ actor, query }) => commonProblems(db, directory, actor.scope, query));
  registerRoute(app, listingRoutes.queue, ({ actor, query }) => listingQueue(deps, requireUser(actor), query));
  registerRoute(app, listingRoutes.list, ({ actor, params, body }) => listHazard(deps, requireUser(actor), params.id, body));
  registerRoute(app, listingRoutes.publish, ({ actor, params, body }) => publishListing(deps, requireUser(actor), params.id, body));
  registerRoute(app, listingRoutes.acknowledge, ({ actor, params, body }) => acknowledgeListing(deps, requireUser(actor), params.id, body.version));
}

import type { FastifyInstance } from "fastify";
import { settingsRoutes } from "../../../contracts/settings";
import type { AppDeps } from "../../deps";
import { requireUser } from "../../platform/access";
import { forbidden } from "../../platform/http/errors";
import { registerRoute } from "../../platform/http/routes";
import { addHazardCategory, correctCalendar, hazardCategoriesFor, hazardSettingsView, pageCalendarCorrections, updateHazardSettings } from "./hazard-settings";

export function registerSettingsRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, directory } = deps;
  registerRoute(app, settingsRoutes.hazardSettings, ({ actor }) => hazardSettingsView(deps, requireUser(actor)));
  registerRoute(app, settingsRoutes.updateHazardSettings, ({ actor, body }) => updateHazardSettings(deps, requireUser(actor), body));
  registerRoute(app, settingsRoutes.categories, ({ actor }) => {
    const user = requireUser(actor).user;
    // An institution's users pick from its supervising county's list.
    const authorityCode = user.jurisdictionCode ?? (actor.scope.kind === "institution" ? actor.scope.path.split("/").filter(Boolean).at(-1) : undefined);
    if (!authorityCode) throw forbidden();
    return hazardCategoriesFor(db, directory, authorityCode);
  });
  registerRoute(app, settingsRoutes.addCategory, ({ actor, body }) => addHazardCategory(deps, requireUser(actor), body.name));
  registerRoute(app, settingsRoutes.calendar, ({ query }) => pageCalendarCorrections(db, query));
  registerRoute(app, settingsRoutes.correctCalendar, ({ actor, params, body }) => correctCalendar(deps, requireUser(actor), params.day, body));
  registerRoute(app, settingsRoutes.removeCalendarCorrection, ({ actor, params }) => correctCalendar(deps, requireUser(actor), params.day, null));
}

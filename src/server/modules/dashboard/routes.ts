import type { FastifyInstance } from "fastify";
import { dashboardRoutes, type InstitutionBreakdown } from "../../../contracts/dashboard";
import type { AppDeps } from "../../deps";
import { registerRoute } from "../../platform/http/routes";
import type { Scope } from "../../platform/scope";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { countByCountyTypeAndGrade, countByTypeAndGrade } from "./queries";

/** The level below the scope's jurisdiction, if there is one to break counts down by. */
function childLevel(directory: JurisdictionDirectory, scope: Scope) {
  if (scope.kind !== "jurisdiction" || scope.position === "leaf") return null;
  const children = directory.children(scope.code);
  const level = children[0]?.level;
  return level === "city" || level === "county" ? { level, children } : null;
}

export function registerDashboardRoutes(app: FastifyInstance, { db, directory }: AppDeps) {
  registerRoute(app, dashboardRoutes.counts, async ({ actor }) => {
    const cells = await countByTypeAndGrade(db, actor.scope);
    return { total: cells.reduce((sum, c) => sum + c.count, 0), cells };
  });

  registerRoute(app, dashboardRoutes.breakdown, async ({ actor }): Promise<InstitutionBreakdown> => {
    const below = childLevel(directory, actor.scope);
    if (!below) return { level: null, children: [], cells: [] };
    // Each county's counts go to the child of the scope above it (its city, for the province).
    const childOf = new Map(below.children.flatMap((child) => directory.leavesUnder(child.code).map((leaf) => [leaf.path, child.code] as const)));
    const totals = new Map<string, { code: string; type: string; grade: string; count: number }>();
    for (const cell of await countByCountyTypeAndGrade(db, actor.scope)) {
      const code = childOf.get(cell.path);
      if (!code) continue;
      const key = `${code}|${cell.type}|${cell.grade}`;
      const total = totals.get(key) ?? { code, type: cell.type, grade: cell.grade, count: 0 };
      total.count += cell.count;
      totals.set(key, total);
    }
    return { level: below.level, children: below.children.map((child) => ({ code: child.code, name: child.name })), cells: [...totals.values()] };
  });
}

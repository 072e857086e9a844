import type { FastifyInstance } from "fastify";
import { dashboardRoutes, type InstitutionBreakdown } from "../../../contracts/dashboard";
import type { AppDeps } from "../../deps";
import { registerRoute } from "../../platform/http/routes";
import type { Scope } from "../../platform/scope";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { countByChildGroupAndGrade, countByTypeAndGrade } from "./queries";

/** The level below the scope's jurisdiction, if there is one to break counts down by. */
function childLevel(directory: JurisdictionDirectory, scope: Scope) {
  if (scope.kind !== "jurisdiction" || scope.position === "leaf") return null;
  const children = directory.children(scope.code);
  const level = children[0]?.level;
  return level === "city" || level === "county" ? { level, children, jurisdiction: scope } : null;
}

export function registerDashboardRoutes(app: FastifyInstance, { db, directory }: AppDeps) {
  registerRoute(app, dashboardRoutes.counts, async ({ actor }) => {
    const cells = await countByTypeAndGrade(db, actor.scope);
    return { total: cells.reduce((sum, c) => sum + c.count, 0), cells };
  });

  registerRoute(app, dashboardRoutes.breakdown, async ({ actor }): Promise<InstitutionBreakdown> => {
    const below = childLevel(directory, actor.scope);
    if (!below) return { level: null, children: [], cells: [] };
    // Children are one path segment below the scope; codes are six digits (GB/T 2260), so every
    // child's path has the same length.
    const codeOf = new Map(below.children.map((child) => [child.path, child.code]));
    const childPathLength = below.children[0]?.path.length ?? 0;
    const cells = (await countByChildGroupAndGrade(db, below.jurisdiction, childPathLength)).flatMap(({ path, ...cell }) => {
      const code = codeOf.get(path);
      return code ? [{ code, ...cell }] : [];
    });
    return { level: below.level, children: below.children.map((child) => ({ code: child.code, name: child.name })), cells };
  });
}

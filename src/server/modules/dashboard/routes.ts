import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { InstitutionCounts } from "../../../contracts/dashboard";
import { requirePermission } from "../../platform/access";
import type { Db } from "../../platform/db";
import { callerOf } from "../../platform/http/request-context";
import { countByTypeAndGrade } from "../institutions/queries";
import type { JurisdictionDirectory } from "../jurisdictions/directory";

type Cell = { type: string; grade: string; count: number };

function totalsBy(cells: Cell[], key: "type" | "grade"): [string, number][] {
  const totals = new Map<string, number>();
  for (const cell of cells) totals.set(cell[key], (totals.get(cell[key]) ?? 0) + cell.count);
  return [...totals];
}

export function dashboardRoutes(app: FastifyInstance, deps: { db: Db; directory: JurisdictionDirectory }) {
  app.withTypeProvider<ZodTypeProvider>().get("/api/dashboard/institution-counts", { schema: { response: { 200: InstitutionCounts } } }, async (request) => {
    const caller = callerOf(request);
    requirePermission(caller.user, "institution:read");
    const cells = await countByTypeAndGrade(deps.db, deps.directory, caller.scope);
    return {
      total: cells.reduce((sum, c) => sum + c.count, 0),
      byType: totalsBy(cells, "type").map(([type, count]) => ({ type, count })),
      byGrade: totalsBy(cells, "grade").map(([grade, count]) => ({ grade, count })),
      cells,
    };
  });
}

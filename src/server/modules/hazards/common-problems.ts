import { and, between, countDistinct, eq, sql } from "drizzle-orm";
import type { CommonProblem, CommonProblems } from "../../../contracts/common-problems";
import { hazard, inspection, institution } from "../../../db/schema";
import { hazardCategoryLabel } from "../../../domain/hazard-categories";
import { OPEN_STATES } from "../../../domain/hazard-lifecycle";
import type { DbOrTx } from "../../platform/db";
import { badRequest, notFound } from "../../platform/http/errors";
import { inScope, type Scope } from "../../platform/scope";
import { findCampaign } from "../campaigns/queries";
import { groupOfType } from "../dashboard/queries";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { HAZARD_SCOPE } from "./queries";

const openState = sql`${hazard.state} in (${sql.join(
  OPEN_STATES.map((state) => sql`${state}`),
  sql`, `,
)})`;

/**
 * 共性问题 (seed 003 "对共性问题进行归类梳理"): the hazards found in a period, voided ones left out,
 * grouped by category with their spread — how many institutions had one, by jurisdiction one
 * level down and by institution category — and how many are still open. Of one campaign, only the
 * hazards its inspections found.
 */
export async function commonProblems(
  db: DbOrTx,
  directory: JurisdictionDirectory,
  scope: Scope,
  period: { from: string; to: string; campaignId?: string },
): Promise<CommonProblems> {
  if (period.from > period.to) throw badRequest("发现日期止：不能早于发现日期起", "to");
  if (period.campaignId && !(await findCampaign(db, scope, period.campaignId))) throw notFound("检查工作不存在或无权查看");
  const foundInCampaign = period.campaignId
    ? sql`${hazard.source} = 'inspection' and ${hazard.sourceId} in (select ${inspection.id} from ${inspection} where ${inspection.campaignId} = ${period.campaignId})`
    : undefined;
  const children = scope.kind === "jurisdiction" && scope.position !== "leaf" ? directory.children(scope.code) : [];
  const codeOf = new Map(children.map((child) => [child.path, child.code]));
  const childPathLength = children[0]?.path.length ?? 0;
  const childPath = sql<string>`left(${hazard.jurisdictionPath}, ${sql.raw(String(childPathLength))})`;
  const where = and(inScope(scope, HAZARD_SCOPE), between(hazard.foundOn, period.from, period.to), sql`${hazard.state} <> 'voided'`, foundInCampaign);
  const group = groupOfType(institution.type);
  const [cells, spread] = await Promise.all([
    db
      .select({
        category: hazard.category,
        child: childPath,
        group,
        hazards: sql<number>`count(*)::int`,
        open: sql<number>`(count(*) filter (where ${openState}))::int`,
      })
      .from(hazard)
      .innerJoin(institution, eq(institution.id, hazard.institutionId))
      .where(where)
      .groupBy(hazard.category, childPath, group),
    db
      .select({ category: hazard.category, institutions: countDistinct(hazard.institutionId) })
      .from(hazard)
      .where(where)
      .groupBy(hazard.category),
  ]);
  const byCategory = new Map<string, CommonProblem>();
  for (const cell of cells) {
    const problem = byCategory.get(cell.category) ?? {
      category: cell.category,
      label: hazardCategoryLabel(cell.category),
      hazards: 0,
      institutions: 0,
      open: 0,
      byChild: {},
      byGroup: {},
    };
    problem.hazards += cell.hazards;
    problem.open += cell.open;
    const code = codeOf.get(cell.child);
    if (code) problem.byChild[code] = (problem.byChild[code] ?? 0) + cell.hazards;
    problem.byGroup[cell.group] = (problem.byGroup[cell.group] ?? 0) + cell.hazards;
    byCategory.set(cell.category, problem);
  }
  for (const { category, institutions } of spread) {
    const problem = byCategory.get(category);
    if (problem) problem.institutions = institutions;
  }
  return {
    children: children.map((child) => ({ code: child.code, name: child.name })),
    categories: [...byCategory.values()].sort((a, b) => b.institutions - a.institutions || b.hazards - a.hazards),
  };
}

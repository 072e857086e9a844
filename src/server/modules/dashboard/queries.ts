import { and, count, eq, gt, sql } from "drizzle-orm";
import { institution, institutionTally } from "../../../db/schema";
import type { DbOrTx } from "../../platform/db";
import { type Scope, underJurisdiction } from "../../platform/scope";
import { INSTITUTION_SCOPE, onRegister } from "../institutions/queries";

const tallied = sql`${institutionTally.status} = 'active'`;

/**
 * Institutions on the register in a scope, by county (its path), type and grade, from the tally the
 * triggers keep (migration 0007): a few thousand rows for the whole province. An institution's own
 * users have no county to tally: theirs is counted directly.
 */
export function countByCountyTypeAndGrade(db: DbOrTx, scope: Scope) {
  if (scope.kind === "institution") {
    return db
      .select({ path: institution.jurisdictionPath, type: institution.type, grade: institution.grade, count: count() })
      .from(institution)
      .where(and(eq(INSTITUTION_SCOPE.institutionId, scope.institutionId), onRegister))
      .groupBy(institution.jurisdictionPath, institution.type, institution.grade);
  }
  return db
    .select({ path: institutionTally.jurisdictionPath, type: institutionTally.type, grade: institutionTally.grade, count: institutionTally.count })
    .from(institutionTally)
    .where(
      and(scope.kind === "jurisdiction" ? underJurisdiction(scope, institutionTally.jurisdictionPath) : undefined, tallied, gt(institutionTally.count, 0)),
    );
}

/** Institutions on the register in a scope, by type and grade. */
export async function countByTypeAndGrade(db: DbOrTx, scope: Scope) {
  const totals = new Map<string, { type: string; grade: string; count: number }>();
  for (const cell of await countByCountyTypeAndGrade(db, scope)) {
    const key = `${cell.type}|${cell.grade}`;
    const total = totals.get(key) ?? { type: cell.type, grade: cell.grade, count: 0 };
    total.count += cell.count;
    totals.set(key, total);
  }
  return [...totals.values()];
}

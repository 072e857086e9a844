import { and, count } from "drizzle-orm";
import { institution } from "../../../db/schema";
import type { DbOrTx } from "../../platform/db";
import { inScope, type Scope } from "../../platform/scope";
import { INSTITUTION_SCOPE, onRegister } from "../institutions/queries";

/** Institutions on the register in a scope, by type and grade. */
export function countByTypeAndGrade(db: DbOrTx, scope: Scope) {
  return db
    .select({ type: institution.type, grade: institution.grade, count: count() })
    .from(institution)
    .where(and(inScope(scope, INSTITUTION_SCOPE), onRegister))
    .groupBy(institution.type, institution.grade);
}

/** Institutions on the register in a scope, by county, type and grade: the home page folds the counties into their parents. */
export function countByCountyTypeAndGrade(db: DbOrTx, scope: Scope) {
  return db
    .select({ code: institution.jurisdictionCode, type: institution.type, grade: institution.grade, count: count() })
    .from(institution)
    .where(and(inScope(scope, INSTITUTION_SCOPE), onRegister))
    .groupBy(institution.jurisdictionCode, institution.type, institution.grade);
}

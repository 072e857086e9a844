import { and, count, eq, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { institution, institutionTally } from "../../../db/schema";
import { INSTITUTION_TYPE_GROUPS, type InstitutionTypeGroup, typesOfGroup } from "../../../domain/institution-types";
import type { DbOrTx } from "../../platform/db";
import { type JurisdictionScope, type Scope, underJurisdiction } from "../../platform/scope";
import { INSTITUTION_SCOPE, onRegister } from "../institutions/queries";

const tallied = sql`${institutionTally.status} = 'active'`;
const tallyCount = sql<number>`sum(${institutionTally.count})::int`;

/**
 * Institutions on the register in a scope, by type and grade. Authorities read the tally the
 * triggers keep per county (migration 0007): a few thousand rows for the whole province, not
 * 80,000. An institution's own users have no county to tally: theirs is counted directly.
 */
export function countByTypeAndGrade(db: DbOrTx, scope: Scope) {
  if (scope.kind === "institution") {
    return db
      .select({ type: institution.type, grade: institution.grade, count: count() })
      .from(institution)
      .where(and(eq(INSTITUTION_SCOPE.institutionId, scope.institutionId), onRegister))
      .groupBy(institution.type, institution.grade);
  }
  return db
    .select({ type: institutionTally.type, grade: institutionTally.grade, count: tallyCount })
    .from(institutionTally)
    .where(and(scope.kind === "jurisdiction" ? underJurisdiction(scope, institutionTally.jurisdictionPath) : undefined, tallied))
    .groupBy(institutionTally.type, institutionTally.grade)
    .having(sql`sum(${institutionTally.count}) > 0`);
}

/**
 * The category (医院 / 基层 / 专业公共卫生 / 其他) of a tallied type, from the domain's catalogue:
 * literal SQL built once (the keys are the domain's identifiers), so the home page's statement
 * carries no parameter per type and costs nothing to build on each request.
 */
const literalList = (values: readonly string[]) => sql.raw(`(${values.map((value) => `'${value}'`).join(", ")})`);
export const groupOfType = (type: AnyPgColumn) =>
  sql<InstitutionTypeGroup>`case ${sql.join(
    (Object.keys(INSTITUTION_TYPE_GROUPS) as InstitutionTypeGroup[]).map(
      (group) => sql`when ${type} in ${literalList(typesOfGroup(group))} then ${sql.raw(`'${group}'`)}`,
    ),
    sql` `,
  )} else 'other' end`;
const groupOfTallied = groupOfType(institutionTally.type);

/**
 * The counts one level below a jurisdiction, by child, category and grade (what the home page
 * shows): each county's tally goes to the child whose path begins its own, `childPathLength`
 * characters long. Folded in the database, a couple of hundred rows leave it for the province.
 */
export function countByChildGroupAndGrade(db: DbOrTx, jurisdiction: JurisdictionScope, childPathLength: number) {
  const childPath = sql<string>`left(${institutionTally.jurisdictionPath}, ${sql.raw(String(childPathLength))})`;
  return db
    .select({ path: childPath, group: groupOfTallied, grade: institutionTally.grade, count: tallyCount })
    .from(institutionTally)
    .where(and(underJurisdiction(jurisdiction, institutionTally.jurisdictionPath), tallied))
    .groupBy(childPath, groupOfTallied, institutionTally.grade)
    .having(sql`sum(${institutionTally.count}) > 0`);
}

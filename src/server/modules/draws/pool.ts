import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { appUser, campaignAssignment, expert, institution, jurisdiction } from "../../../db/schema";
import type { DrawPool, PoolInspector, PoolInstitution } from "../../../domain/random-draw";
import { AUTHORITY_ROLES } from "../../../domain/roles";
import type { DbOrTx } from "../../platform/db";
import { onRegister } from "../institutions/queries";
import type { CampaignRow } from "./campaign-access";

/**
 * Who may inspect for a campaign, and what it draws from (regulations.md "双随机、一公开": a register of
 * inspection objects and one of inspectors).
 *
 * The inspectors are the active users of the campaign's authority and the experts in its pool (专家库).
 * The institutions are, for a campaign chosen by draw, the institutions on the register that its scope
 * rule selects; for any other campaign, its institutions not yet inspected (the draw then picks which of
 * them are visited and by whom).
 */

/** `column = any($1)` with the ids as ONE array parameter: a province's draw names more ids than a statement may have parameters. */
export const anyOf = (column: AnyPgColumn, ids: string[]): SQL => sql`${column} = any(${sql.param(ids)}::uuid[])`;

/** The authority's active users who can inspect, and its experts in the pool, as the draw and the groups see them. */
export async function inspectorsOf(db: DbOrTx, authorityCode: string): Promise<(PoolInspector & { unit: string; speciality: string })[]> {
  // One after the other: inside a transaction both would queue on its one connection anyway.
  const users = await db
    .select({ id: appUser.id, name: appUser.displayName, unit: jurisdiction.authorityName })
    .from(appUser)
    .innerJoin(jurisdiction, eq(jurisdiction.code, appUser.jurisdictionCode))
    .where(and(eq(appUser.jurisdictionCode, authorityCode), eq(appUser.active, true), inArray(appUser.role, [...AUTHORITY_ROLES])))
    .orderBy(asc(appUser.id));
  const experts = await db
    .select({
      id: expert.id,
      name: expert.name,
      unit: expert.unit,
      speciality: expert.speciality,
      institutionId: expert.institutionId,
      conflictInstitutionIds: expert.conflictInstitutionIds,
    })
    .from(expert)
    .where(and(eq(expert.authorityCode, authorityCode), eq(expert.active, true)))
    .orderBy(asc(expert.id));
  return [
    ...users.map((user) => ({ ...user, kind: "user" as const, speciality: "", institutionId: null, conflictInstitutionIds: [] })),
    ...experts.map((one) => ({ ...one, kind: "expert" as const })),
  ];
}

/**
 * The institutions a campaign chosen by draw selects on the register. Until the campaigns area is
 * merged, the rule understood here is the list form `{ institutionIds }` (the one the test factory
 * writes); every other rule is read as "every institution on the register under the authority". On
 * merge this gives way to the campaigns area's scopeCondition / scopeInstitutionIds (campaigns/scope-rule.ts).
 */
export function scopeRuleCondition(found: CampaignRow): SQL {
  const rule = found.scopeRule as { institutionIds?: unknown };
  const listed = Array.isArray(rule.institutionIds) ? rule.institutionIds.filter((id): id is string => typeof id === "string") : undefined;
  const underAuthority = sql`${institution.jurisdictionPath} like ${`${found.authorityPath}%`}`;
  return and(onRegister, underAuthority, listed ? inArray(institution.id, listed) : undefined) as SQL;
}

/** The institutions a campaign draws from today, in id order. */
export async function institutionPoolOf(db: DbOrTx, found: CampaignRow): Promise<PoolInstitution[]> {
  if (found.selection === "draw") {
    return db.select({ id: institution.id, name: institution.name }).from(institution).where(scopeRuleCondition(found)).orderBy(asc(institution.id));
  }
  return db
    .select({ id: institution.id, name: institution.name })
    .from(campaignAssignment)
    .innerJoin(institution, eq(institution.id, campaignAssignment.institutionId))
    .where(and(eq(campaignAssignment.campaignId, found.id), eq(campaignAssignment.state, "pending")))
    .orderBy(asc(institution.id));
}

/** The whole pool of a campaign as it stands today. */
export async function drawPoolOf(db: DbOrTx, found: CampaignRow): Promise<DrawPool> {
  const institutions = await institutionPoolOf(db, found);
  const inspectors = await inspectorsOf(db, found.authorityCode);
  return {
    institutions,
    inspectors: inspectors.map(({ id, kind, name, institutionId, conflictInstitutionIds }) => ({ id, kind, name, institutionId, conflictInstitutionIds })),
  };
}

/**
 * Makes the drawn institutions a campaign's assignments (未检查, for the campaign's period), in one
 * statement; one already assigned stays as it is. Interim twin of the campaigns area's
 * insertDrawnAssignments (campaigns/scope-rule.ts), which replaces it on merge.
 */
export async function insertDrawnAssignments(tx: DbOrTx, found: CampaignRow, institutionIds: string[]) {
  if (institutionIds.length === 0) return;
  await tx.execute(sql`
    insert into ${campaignAssignment} (campaign_id, institution_id, jurisdiction_path, window_start, window_end, state)
    select ${found.id}::uuid, ${institution.id}, ${institution.jurisdictionPath}, ${found.periodStart}::date, ${found.periodEnd}::date, 'pending'
    from ${institution}
    where ${and(scopeRuleCondition(found), anyOf(institution.id, institutionIds))}
    on conflict (campaign_id, institution_id) do nothing`);
}

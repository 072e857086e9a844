import { and, asc, eq, inArray } from "drizzle-orm";
import { appUser, campaignAssignment, expert, institution, jurisdiction } from "../../../db/schema";
import type { DrawPool, PoolInspector, PoolInstitution } from "../../../domain/random-draw";
import { AUTHORITY_ROLES } from "../../../domain/roles";
import type { DbOrTx } from "../../platform/db";
import type { CampaignRow } from "../campaigns/queries";
import { scopeInstitutions } from "../campaigns/scope-rule";
import type { JurisdictionDirectory } from "../jurisdictions/directory";

/**
 * Who may inspect for a campaign, and what it draws from (regulations.md "双随机、一公开": a register of
 * inspection objects and one of inspectors; issue 8: "draw a number or ratio of institutions from the
 * scope and match inspectors to them at random").
 *
 * The inspectors are the active users of the campaign's authority and the experts in its pool (专家库).
 * What the institutions are depends on the campaign's selection (campaign.selection):
 * - "draw" (随机抽取): the campaign has no assignment until its draw; the pool is every institution its
 *   scope rule selects on the register today (campaigns/scope-rule.ts scopeInstitutions, a 回头看's
 *   being its first round's institutions with hazards), and the drawn ones become its assignments.
 * - "all" (全部检查): every institution of the scope is assigned when the campaign is made; a draw then
 *   decides which of those not yet inspected are visited first and by whom: the pool is its 未检查
 *   assignments, and the drawn ones get their matched inspectors. No assignment is added or removed.
 */

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

/** The institutions a campaign draws from today, in id order (see above for what they are by selection). */
export async function institutionPoolOf(db: DbOrTx, directory: JurisdictionDirectory, found: CampaignRow): Promise<PoolInstitution[]> {
  if (found.selection === "draw") return scopeInstitutions(db, directory, found);
  return db
    .select({ id: institution.id, name: institution.name })
    .from(campaignAssignment)
    .innerJoin(institution, eq(institution.id, campaignAssignment.institutionId))
    .where(and(eq(campaignAssignment.campaignId, found.id), eq(campaignAssignment.state, "pending")))
    .orderBy(asc(institution.id));
}

/** The whole pool of a campaign as it stands today. */
export async function drawPoolOf(db: DbOrTx, directory: JurisdictionDirectory, found: CampaignRow): Promise<DrawPool> {
  const institutions = await institutionPoolOf(db, directory, found);
  const inspectors = await inspectorsOf(db, found.authorityCode);
  return {
    institutions,
    inspectors: inspectors.map(({ id, kind, name, institutionId, conflictInstitutionIds }) => ({ id, kind, name, institutionId, conflictInstitutionIds })),
  };
}

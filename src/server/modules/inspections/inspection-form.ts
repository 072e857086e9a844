import { and, asc, eq, sql } from "drizzle-orm";
import { ChecklistContent } from "../../../contracts/checklists";
import type { InspectionForm } from "../../../contracts/inspections";
import { appUser, campaignAssignment, expert, workingGroup, workingGroupMember } from "../../../db/schema";
import type { InspectionKind } from "../../../domain/inspections";
import { isAuthorityRole } from "../../../domain/permissions";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import type { DbOrTx } from "../../platform/db";
import { notFound } from "../../platform/http/errors";
import { campaignChecklistVersions, findCampaign } from "../campaigns/queries";
import { currentVersions, readerOf } from "../checklists/queries";
import { findInstitution } from "../institutions/queries";
import { hazardCategoriesFor } from "../settings/hazard-settings";
import { recheckCandidates } from "./rechecks";

/**
 * A campaign the caller may inspect in, or undefined: one the campaigns area lets the caller see
 * (findCampaign: an authority's own and those below it; an institution only a campaign it is assigned
 * in and may see, never an unannounced one before its inspection, 四不两直), and for a
 * self-inspection a 自查 campaign. Whether the institution is one of its assignments is checked by the caller.
 */
export async function campaignToInspect(db: DbOrTx, actor: UserActor, id: string, kind: InspectionKind) {
  const found = await findCampaign(db, actor.scope, id);
  if (!found || (kind === "self" && found.kind !== "self")) return undefined;
  return found;
}

/** The names a drawn assignment keeps of its inspectors (the draw's own shape: objects with a name). */
const drawnNames = (drawn: unknown): { name: string; unit: string }[] =>
  Array.isArray(drawn)
    ? drawn.flatMap((one) => (typeof one?.name === "string" ? [{ name: one.name as string, unit: typeof one.unit === "string" ? one.unit : "" }] : []))
    : [];

/**
 * What the form needs to inspect one institution without a connection (contracts InspectionForm):
 * the institution in the caller's scope, the campaign's assignment when one is named, the checklist
 * versions (the campaign's, or every template offered to the institution), the hazard categories
 * and a 回头看's hazards to re-check.
 */
export async function inspectionForm(
  { db, directory }: Pick<AppDeps, "db" | "directory">,
  actor: UserActor,
  institutionId: string,
  campaignId: string | undefined,
): Promise<InspectionForm> {
  const owner = await findInstitution(db, actor.scope, institutionId);
  if (!owner) throw notFound("机构不存在");
  const kind: InspectionKind = isAuthorityRole(actor.user.role) || actor.scope.kind === "all" ? "supervision" : "self";
  const planned = campaignId ? await campaignToInspect(db, actor, campaignId, kind) : undefined;
  if (campaignId && !planned) throw notFound("检查工作不存在");
  const [assignment] = planned
    ? await db
        .select({ row: campaignAssignment, groupName: workingGroup.name })
        .from(campaignAssignment)
        .leftJoin(workingGroup, eq(workingGroup.id, campaignAssignment.groupId))
        .where(and(eq(campaignAssignment.campaignId, planned.id), eq(campaignAssignment.institutionId, owner.id)))
    : [];
  if (planned && !assignment) throw notFound("该机构不在本次检查工作的检查范围内");

  const members = assignment?.row.groupId
    ? await db
        .select({ userName: appUser.displayName, expertName: expert.name, expertUnit: expert.unit })
        .from(workingGroupMember)
        .leftJoin(appUser, eq(appUser.id, workingGroupMember.userId))
        .leftJoin(expert, eq(expert.id, workingGroupMember.expertId))
        .where(eq(workingGroupMember.groupId, assignment.row.groupId))
        .orderBy(sql`${workingGroupMember.isLeader} desc`, asc(workingGroupMember.id))
    : [];
  const suggested = [
    ...members.map((one) => ({ name: one.userName ?? one.expertName ?? "", unit: one.expertUnit ?? "" })),
    ...drawnNames(assignment?.row.drawnInspectors),
  ].filter((one, index, all) => one.name && all.findIndex((other) => other.name === one.name) === index);

  // The campaign's versions; outside a campaign (or for one without checklists) the current versions of the templates the
  // caller reads through the checklists area: an institution reads its county's chain, an inspector their authority's.
  const versions = planned ? await campaignChecklistVersions(db, planned.id) : [];
  const offered = versions.length > 0 ? versions : await currentVersions(db, readerOf(actor));

  const numberingAuthority = kind === "self" ? owner.jurisdictionCode : (actor.user.jurisdictionCode ?? owner.jurisdictionCode);
  return {
    kind,
    institution: {
      id: owner.id,
      name: owner.name,
      address: owner.address,
      contactPerson: owner.contactPerson,
      jurisdictionName: directory.name(owner.jurisdictionCode),
    },
    campaign: planned
      ? {
          id: planned.id,
          name: planned.name,
          kind: planned.kind,
          authorityName: directory.get(planned.authorityCode)?.authorityName ?? planned.authorityCode,
          followUp: planned.followUpOf !== null,
          periodStart: planned.periodStart,
          periodEnd: planned.periodEnd,
        }
      : null,
    assignment: assignment
      ? {
          state: assignment.row.state,
          groupName: assignment.groupName,
          windowStart: assignment.row.windowStart,
          windowEnd: assignment.row.windowEnd,
          inspectionId: assignment.row.inspectionId,
        }
      : null,
    suggestedInspectors: suggested,
    checklists: offered.map(({ versionId, checklistId, name, version, scored, content }) => ({
      versionId,
      checklistId,
      name,
      version,
      scored,
      content: ChecklistContent.parse(content),
    })),
    categories: await hazardCategoriesFor(db, directory, numberingAuthority),
    recheckHazards: planned?.followUpOf ? await recheckCandidates(db, planned.followUpOf, owner.id) : [],
  };
}

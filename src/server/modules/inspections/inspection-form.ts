import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import { ChecklistContent } from "../../../contracts/checklists";
import type { InspectionForm } from "../../../contracts/inspections";
import {
  appUser,
  campaign,
  campaignAssignment,
  campaignChecklist,
  checklist,
  checklistVersion,
  expert,
  workingGroup,
  workingGroupMember,
} from "../../../db/schema";
import type { InspectionKind } from "../../../domain/inspections";
import { isAuthorityRole } from "../../../domain/permissions";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import type { DbOrTx } from "../../platform/db";
import { notFound } from "../../platform/http/errors";
import { findInstitution } from "../institutions/queries";
import { hazardCategoriesFor } from "../settings/hazard-settings";
import { recheckCandidates } from "./rechecks";

/**
 * A campaign the caller may inspect in, or undefined: for a supervision, a campaign of the caller's
 * authority or of one below it (the caller's authority is the campaign's or above); for a
 * self-inspection, a 自查 campaign whose authority's area holds the institution. An institution
 * never reaches a supervision campaign this way, announced or not (四不两直).
 */
export async function visibleCampaign(db: DbOrTx, actor: UserActor, id: string, kind: InspectionKind, institutionPath: string) {
  const [found] = await db.select().from(campaign).where(eq(campaign.id, id));
  if (!found) return undefined;
  if (kind === "self") return found.kind === "self" && institutionPath.startsWith(found.authorityPath) ? found : undefined;
  const callerPath = actor.scope.kind === "all" ? "/" : actor.scope.path;
  return found.authorityPath.startsWith(callerPath) ? found : undefined;
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
  const planned = campaignId ? await visibleCampaign(db, actor, campaignId, kind, owner.jurisdictionPath) : undefined;
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

  const versionColumns = {
    versionId: checklistVersion.id,
    checklistId: checklist.id,
    name: checklist.name,
    version: checklistVersion.version,
    scored: checklist.scored,
    content: checklistVersion.content,
  };
  const versions = planned
    ? await db
        .select(versionColumns)
        .from(campaignChecklist)
        .innerJoin(checklistVersion, eq(checklistVersion.id, campaignChecklist.checklistVersionId))
        .innerJoin(checklist, eq(checklist.id, checklistVersion.checklistId))
        .where(eq(campaignChecklist.campaignId, planned.id))
        .orderBy(asc(campaignChecklist.ordinal))
    : [];
  const offered =
    versions.length > 0
      ? versions
      : await db
          .select(versionColumns)
          .from(checklist)
          .innerJoin(checklistVersion, and(eq(checklistVersion.checklistId, checklist.id), eq(checklistVersion.version, checklist.currentVersion)))
          .where(
            and(
              eq(checklist.archived, false),
              or(
                isNull(checklist.authorityCode),
                sql`${checklist.authorityCode} in (${sql.join(
                  directory.trail(owner.jurisdictionCode).map((one) => sql`${one.code}`),
                  sql`, `,
                )})`,
              ),
            ),
          )
          .orderBy(sql`${checklist.authorityCode} is null`, asc(checklist.name));

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
    checklists: offered.map((one) => ({ ...one, content: ChecklistContent.parse(one.content) })),
    categories: await hazardCategoriesFor(db, directory, numberingAuthority),
    recheckHazards: planned?.followUpOf ? await recheckCandidates(db, planned.followUpOf, owner.id) : [],
  };
}

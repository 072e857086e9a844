import { and, eq, exists, not, or, type SQL, sql } from "drizzle-orm";
import { campaign, campaignAssignment, inspection } from "../../../db/schema";
import { type Scope, underJurisdiction } from "../../platform/scope";

/**
 * Who sees which campaign and which assignment — the one rule every campaign query goes through.
 *
 * - An authority sees the campaigns of its own jurisdiction and of the jurisdictions below it
 *   (campaign.authority_path under its path): a county sees its own, the city its own and its
 *   counties', the province all. A neighbouring county sees nothing of another's.
 * - An institution sees only its own assignment, and of an unannounced campaign (四不两直: "不发通知、
 *   不打招呼", regulations.md) nothing at all — neither the campaign, its schedule nor its own window —
 *   until an inspection of it in that campaign is recorded. An announced campaign shows its name
 *   and window.
 * - The system sees all.
 */

/** An inspection of the assignment's institution in its campaign has been recorded. */
const inspectionRecorded = exists(
  sql`(select 1 from ${inspection} where ${inspection.campaignId} = ${campaignAssignment.campaignId} and ${inspection.institutionId} = ${campaignAssignment.institutionId})`,
);

/** Over campaign_assignment joined with its campaign: the assignments the caller may see. Undefined: all. */
export function visibleAssignments(scope: Scope): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "jurisdiction":
      return underJurisdiction(scope, campaign.authorityPath);
    case "institution":
      return and(eq(campaignAssignment.institutionId, scope.institutionId), or(not(campaign.unannounced), inspectionRecorded));
  }
}

/** Over campaign: the campaigns the caller may see. Undefined: all. An authority's rule is the assignments' own (on campaign). */
export function visibleCampaigns(scope: Scope): SQL | undefined {
  if (scope.kind !== "institution") return visibleAssignments(scope);
  return exists(sql`(select 1 from ${campaignAssignment} where ${campaignAssignment.campaignId} = ${campaign.id} and ${visibleAssignments(scope)})`);
}

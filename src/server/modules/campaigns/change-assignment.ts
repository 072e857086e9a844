import { and, eq, sql } from "drizzle-orm";
import type { AssignmentStateBody, AssignmentSummary, AssignmentWindowBody } from "../../../contracts/campaigns";
import { campaignAssignment } from "../../../db/schema";
import { ASSIGNMENT_STATES, type AssignmentState } from "../../../domain/inspections";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import type { DbOrTx } from "../../platform/db";
import { badRequest, conflict, forbidden, notFound } from "../../platform/http/errors";
import { type CampaignRow, findAssignment, managesCampaign, requireCampaign, toAssignment } from "./queries";

type Deps = Pick<AppDeps, "db" | "directory">;

/** Locks the campaign and one of its assignments for a change by the authority that made it; 404 out of sight, 403 for an authority above. */
async function lockForChange(tx: DbOrTx, actor: UserActor, campaignId: string, institutionId: string) {
  const found = await requireCampaign(tx, actor.scope, campaignId, { lock: true });
  if (!managesCampaign(actor, found)) throw forbidden("只有部署该检查工作的部门可以调整检查对象");
  const assignment = await findAssignment(tx, actor.scope, campaignId, institutionId, { lock: true });
  if (!assignment) throw notFound("该机构不是本检查工作的检查对象");
  return { campaign: found, assignment };
}

const auditTarget = (row: CampaignRow) => ({ type: "campaign" as const, id: row.id, path: row.authorityPath, name: row.name });

/**
 * 不适用 (closed, merged, under renovation) with a reason, or back to 未检查. An inspected assignment
 * keeps its state: 409 naming it.
 */
export async function changeAssignmentState(
  { db, directory }: Deps,
  actor: UserActor,
  campaignId: string,
  body: AssignmentStateBody,
): Promise<AssignmentSummary> {
  return db.transaction(async (tx) => {
    const { campaign, assignment } = await lockForChange(tx, actor, campaignId, body.institutionId);
    const current = assignment.row.state as AssignmentState;
    if (current === "inspected" || current === body.state)
      throw conflict(`当前状态为“${ASSIGNMENT_STATES[current]}”，不能改为“${ASSIGNMENT_STATES[body.state]}”`, "state");
    if (body.state === "not_applicable" && body.reason === "") throw badRequest("不适用原因：不能为空", "reason");
    const reason = body.state === "not_applicable" ? body.reason : null;
    await tx
      .update(campaignAssignment)
      .set({ state: body.state, notApplicableReason: reason, updatedAt: sql`now()` })
      .where(and(eq(campaignAssignment.campaignId, campaignId), eq(campaignAssignment.institutionId, body.institutionId)));
    await writeAudit(tx, actor, {
      action: "campaign.assignment_state",
      target: auditTarget(campaign),
      detail: {
        campaign: campaign.name,
        institution: assignment.institutionName,
        changes: { state: { from: current, to: body.state } },
        ...(reason ? { reason } : {}),
      },
    });
    return toAssignment(directory, { ...assignment, row: { ...assignment.row, state: body.state, notApplicableReason: reason } });
  });
}

/** Moves an assignment's date window, within the campaign's period. */
export async function changeAssignmentWindow(
  { db, directory }: Deps,
  actor: UserActor,
  campaignId: string,
  body: AssignmentWindowBody,
): Promise<AssignmentSummary> {
  return db.transaction(async (tx) => {
    const { campaign, assignment } = await lockForChange(tx, actor, campaignId, body.institutionId);
    if (body.windowStart < campaign.periodStart || body.windowStart > campaign.periodEnd)
      throw badRequest(`检查窗口开始：应在检查期间（${campaign.periodStart} 至 ${campaign.periodEnd}）内`, "windowStart");
    if (body.windowEnd < body.windowStart || body.windowEnd > campaign.periodEnd)
      throw badRequest(`检查窗口结束：应在检查窗口开始之后、${campaign.periodEnd} 之前`, "windowEnd");
    await tx
      .update(campaignAssignment)
      .set({ windowStart: body.windowStart, windowEnd: body.windowEnd, updatedAt: sql`now()` })
      .where(and(eq(campaignAssignment.campaignId, campaignId), eq(campaignAssignment.institutionId, body.institutionId)));
    await writeAudit(tx, actor, {
      action: "campaign.assignment_window",
      target: auditTarget(campaign),
      detail: {
        campaign: campaign.name,
        institution: assignment.institutionName,
        changes: {
          windowStart: { from: assignment.row.windowStart, to: body.windowStart },
          windowEnd: { from: assignment.row.windowEnd, to: body.windowEnd },
        },
      },
    });
    return toAssignment(directory, { ...assignment, row: { ...assignment.row, windowStart: body.windowStart, windowEnd: body.windowEnd } });
  });
}

/**
 * For the inspections area: records that an inspection of a campaign's institution was submitted —
 * the assignment becomes 已检查 and names the inspection (the first one, when the campaign inspects
 * with several checklists; from then on the institution sees it, even in an unannounced campaign).
 * Call it in the submit's transaction; answers false when the institution is not one of the
 * campaign's (the submit should then be refused).
 */
export async function markAssignmentInspected(tx: DbOrTx, at: { campaignId: string; institutionId: string; inspectionId: string }): Promise<boolean> {
  const marked = await tx
    .update(campaignAssignment)
    .set({
      state: "inspected",
      notApplicableReason: null,
      inspectionId: sql`coalesce(${campaignAssignment.inspectionId}, ${at.inspectionId}::uuid)`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(campaignAssignment.campaignId, at.campaignId), eq(campaignAssignment.institutionId, at.institutionId)))
    .returning({ institutionId: campaignAssignment.institutionId });
  return marked.length > 0;
}

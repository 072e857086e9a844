import type { CampaignCreateBody, CampaignDetail } from "../../../contracts/campaigns";
import { campaign, campaignChecklist } from "../../../db/schema";
import { cadenceOf, quarterlyPeriodProblem } from "../../../domain/quarterly-cadence";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import { badRequest, forbidden } from "../../platform/http/errors";
import { takeChecklistVersion } from "../checklists/take-checklist-version";
import { campaignDetail } from "./queries";
import { checkListedInstitutions, insertScopeAssignments, storedScopeRule } from "./scope-rule";

/** The caller's authority, or a refusal: campaigns belong to an authority. */
export function authorityOfActor(actor: UserActor) {
  const { scope } = actor;
  if (scope.kind !== "jurisdiction") throw forbidden("只有卫生健康行政部门可以部署检查工作");
  return scope;
}

/** The dates of a new campaign checked against each other and, for a quarter's, against the cadence (400 naming the field). */
function checkDates(body: CampaignCreateBody): { start: string; end: string } {
  if (body.periodEnd < body.periodStart) throw badRequest("结束日期：不能早于开始日期", "periodEnd");
  if (body.kind === "quarterly") {
    const problem = quarterlyPeriodProblem(body.periodStart, body.periodEnd);
    if (problem) throw badRequest(`结束日期：${problem}`, "periodEnd");
  }
  const window = { start: body.windowStart ?? body.periodStart, end: body.windowEnd ?? body.periodEnd };
  if (window.start < body.periodStart || window.start > body.periodEnd) throw badRequest("检查窗口开始：应在检查期间内", "windowStart");
  if (window.end < window.start || window.end > body.periodEnd) throw badRequest("检查窗口结束：应在检查窗口开始之后、检查期间之内", "windowEnd");
  return window;
}

/**
 * Plans a campaign (检查工作) of the caller's authority. With selection "all" its assignments are
 * made in one INSERT … SELECT over the scope (tens of thousands for a province); with "draw" none
 * until the draw. A quarter's campaign (季度督导检查) also schedules its 回头看 in the quarter's third
 * month (seed 003), whose list is made when the first round ends. One transaction, one audit record.
 */
export async function createCampaign(
  { db, directory, clock }: Pick<AppDeps, "db" | "directory" | "clock">,
  actor: UserActor,
  body: CampaignCreateBody,
): Promise<CampaignDetail> {
  const authority = authorityOfActor(actor);
  const window = checkDates(body);
  const versionIds = [...new Set(body.checklistVersionIds)];
  const row = await db.transaction(async (tx) => {
    // Each version is taken through the checklists area: readable by the authority, and frozen from now on (an edit makes a new
    // version). Locked in id order, so two campaigns taking the same versions at once wait for each other instead of deadlocking.
    for (const versionId of [...versionIds].sort()) {
      const used = await takeChecklistVersion(tx, actor, versionId);
      if (!used || used.archived) throw badRequest(`检查表：${used ? `“${used.name}”已归档` : "不存在或本部门不能使用"}`, "checklistVersionIds");
    }
    await checkListedInstitutions(tx, directory, authority.code, body.scope);
    const values = {
      authorityCode: authority.code,
      authorityPath: authority.path,
      kind: body.kind,
      selection: body.selection,
      unannounced: body.unannounced,
      createdBy: actor.user.id,
    };
    const [created] = await tx
      .insert(campaign)
      .values({
        ...values,
        name: body.name,
        periodStart: body.periodStart,
        periodEnd: body.periodEnd,
        scopeRule: storedScopeRule(directory, authority.code, body.scope),
      })
      .returning();
    if (!created) throw new Error("no row");
    const assigned = body.selection === "all" ? await insertScopeAssignments(tx, directory, created, body.scope, window) : 0;
    let followUpId: string | null = null;
    if (body.kind === "quarterly") {
      const { followUp } = cadenceOf(body.periodStart);
      const [scheduled] = await tx
        .insert(campaign)
        .values({
          ...values,
          kind: "follow_up",
          selection: "all",
          name: `${body.name}（回头看）`,
          periodStart: followUp.start,
          periodEnd: followUp.end,
          scopeRule: { kind: "follow_up", listMadeAt: null },
          followUpOf: created.id,
        })
        .returning({ id: campaign.id });
      followUpId = scheduled?.id ?? null;
    }
    const campaignIds = followUpId ? [created.id, followUpId] : [created.id];
    await tx
      .insert(campaignChecklist)
      .values(campaignIds.flatMap((campaignId) => versionIds.map((checklistVersionId, ordinal) => ({ campaignId, checklistVersionId, ordinal }))));
    await writeAudit(tx, actor, {
      action: "campaign.create",
      target: { type: "campaign", id: created.id, path: authority.path, name: created.name },
      detail: { name: created.name, kind: created.kind, assignments: assigned, followUpId },
    });
    return created;
  });
  return campaignDetail({ db, directory }, actor, row, clock.today());
}

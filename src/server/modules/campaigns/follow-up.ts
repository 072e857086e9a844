import { and, eq, lt, sql } from "drizzle-orm";
import type { CampaignDetail } from "../../../contracts/campaigns";
import { campaign, campaignAssignment } from "../../../db/schema";
import type { AppDeps } from "../../deps";
import { type Actor, systemActor, type UserActor } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import type { Db, DbOrTx } from "../../platform/db";
import { conflict, forbidden } from "../../platform/http/errors";
import { type CampaignRow, campaignDetail, managesCampaign, requireCampaign } from "./queries";
import { insertFollowUpAssignments } from "./scope-rule";

/** The daily job that makes the lists of 回头看 whose first round has ended. */
export const FOLLOW_UP_LIST_JOB = "campaign-follow-up-lists";
export const FOLLOW_UP_LIST_CRON = "30 1 * * *";

/**
 * Makes (or completes) a 回头看's list in one statement: every institution with hazards found in its
 * first round's inspections that is not on it yet. Records when, and writes its audit record.
 */
async function makeList(tx: DbOrTx, actor: Actor, row: CampaignRow & { followUpOf: string }) {
  const added = await insertFollowUpAssignments(tx, row);
  await tx
    .update(campaign)
    .set({ scopeRule: { kind: "follow_up", listMadeAt: new Date().toISOString() }, updatedAt: sql`now()`, version: sql`${campaign.version} + 1` })
    .where(eq(campaign.id, row.id));
  const [counted] = await tx.select({ total: sql<number>`count(*)::int` }).from(campaignAssignment).where(eq(campaignAssignment.campaignId, row.id));
  await writeAudit(tx, actor, {
    action: "campaign.follow_up_list",
    target: { type: "campaign", id: row.id, path: row.authorityPath, name: row.name },
    detail: { campaign: row.name, added, total: counted?.total ?? 0 },
  });
  return added;
}

/** 生成回头看名单, on demand: by the authority that made the 回头看; again later adds institutions found since. */
export async function makeFollowUpList(
  { db, directory, clock }: Pick<AppDeps, "db" | "directory" | "clock">,
  actor: UserActor,
  id: string,
): Promise<CampaignDetail> {
  const row = await db.transaction(async (tx) => {
    const found = await requireCampaign(tx, actor.scope, id, { lock: true });
    if (!managesCampaign(actor, found)) throw forbidden("只有部署该检查工作的部门可以生成回头看名单");
    if (found.kind !== "follow_up" || !found.followUpOf) throw conflict("只有“回头看”可以生成名单：本检查工作不是回头看", "kind");
    await makeList(tx, actor, { ...found, followUpOf: found.followUpOf });
    return found;
  });
  const [fresh] = await db.select().from(campaign).where(eq(campaign.id, row.id));
  return campaignDetail({ db, directory }, actor, fresh ?? row, clock.today());
}

/**
 * The lists of every 回头看 not made yet whose first round's period ended before `today`, each in its
 * own transaction (run daily by the job queue).
 */
export async function makeDueFollowUpLists(db: Db, today: string): Promise<number> {
  const first = sql`(select period_end from campaign f where f.id = ${campaign.followUpOf})`;
  const due = await db
    .select()
    .from(campaign)
    .where(and(eq(campaign.kind, "follow_up"), sql`${campaign.scopeRule}->>'listMadeAt' is null`, lt(first, today)));
  const actor = systemActor("follow-up-lists");
  for (const row of due) {
    if (!row.followUpOf) continue;
    const followUpOf = row.followUpOf;
    await db.transaction((tx) => makeList(tx, actor, { ...row, followUpOf }));
  }
  return due.length;
}

import { eq } from "drizzle-orm";
import { hazard, hazardEvent, notice, noticeHazard } from "../../../db/schema";
import { chinaMinute } from "../../../domain/calendar";
import { isInstitutionRole } from "../../../domain/permissions";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import { conflict, forbidden, notFound } from "../../platform/http/errors";
import { findNotice, noticeDetail } from "./queries";

/**
 * The institution's 签收 of a notice addressed to it: the time and the user are recorded once, with
 * an event on each hazard it lists and the audit record, in one transaction. A second 签收 is
 * refused (409) saying when the first was made, so a double click cannot move the recorded time.
 */
export async function acknowledgeNotice({ db, clock }: Pick<AppDeps, "db" | "clock">, actor: UserActor, id: string) {
  if (!isInstitutionRole(actor.user.role)) throw forbidden("只有被通知机构的用户可以签收");
  return db.transaction(async (tx) => {
    const found = await findNotice(tx, actor.scope, id, { lock: true });
    if (!found) throw notFound("通知书不存在");
    const { row } = found;
    if (row.acknowledgedAt) {
      throw conflict(`该文书已于 ${chinaMinute(row.acknowledgedAt)} 由${found.acknowledgedByName ?? "本单位"}签收，不能重复签收`);
    }
    const at = clock.now();
    await tx.update(notice).set({ acknowledgedAt: at, acknowledgedBy: actor.user.id }).where(eq(notice.id, id));
    const covered = await tx
      .select({ id: hazard.id, round: hazard.round })
      .from(noticeHazard)
      .innerJoin(hazard, eq(hazard.id, noticeHazard.hazardId))
      .where(eq(noticeHazard.noticeId, id));
    await tx.insert(hazardEvent).values(
      covered.map((h) => ({
        hazardId: h.id,
        kind: "notice_acknowledged",
        round: h.round,
        actorId: actor.user.id,
        actorName: actor.user.displayName,
        at,
        details: { noticeId: id, number: row.number },
      })),
    );
    await writeAudit(tx, actor, {
      action: "notice.acknowledge",
      target: { type: "notice", id, path: row.jurisdictionPath, name: row.number },
      detail: { number: row.number, institution: found.institutionName },
    });
    const acknowledged = await findNotice(tx, actor.scope, id);
    if (!acknowledged) throw notFound("通知书不存在");
    return noticeDetail(tx, acknowledged);
  });
}

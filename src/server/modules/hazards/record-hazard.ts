import type { HazardRecordBody } from "../../../contracts/hazards";
import { hazard, hazardEvent } from "../../../db/schema";
import { hazardNumber } from "../../../domain/document-numbers";
import { newHazardProblem, recordedHazard } from "../../../domain/hazard-lifecycle";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import { badRequest, forbidden } from "../../platform/http/errors";
import { nextSerial } from "../../platform/serials";
import { bindPhotos, claimPhotos } from "../files/attachments";
import { findInstitution } from "../institutions/queries";
import { hazardCategoriesFor, hazardSettingsOf } from "../settings/hazard-settings";
import { hazardDetail } from "./queries";

/**
 * Records a hazard in an institution's ledger: the institution must be in the recorder's scope,
 * the hazard gets the next number of the recorder's authority for this year, and the record, its
 * first event, its on-site photos (现场照片, the recorder's own uploads) and its audit entry commit together.
 */
export async function recordHazard(
  { db, directory, clock }: Pick<AppDeps, "db" | "directory" | "clock">,
  actor: UserActor,
  { photoIds, ...body }: HazardRecordBody,
) {
  const authorityCode = actor.user.jurisdictionCode;
  if (!authorityCode) throw forbidden("只有监管部门的用户可以登记隐患");
  const today = clock.today();
  const problem = newHazardProblem(body, today);
  if (problem) throw badRequest(problem.message, problem.field);
  return db.transaction(async (tx) => {
    const owner = await findInstitution(tx, actor.scope, body.institutionId);
    if (!owner) throw badRequest("被检查机构：不存在或不在管辖范围内", "institutionId");
    if (owner.status !== "active") throw badRequest("被检查机构：已注销或停业", "institutionId");
    const categories = await hazardCategoriesFor(tx, directory, authorityCode);
    if (!categories.some((item) => item.value === body.category)) throw badRequest(`隐患类别：「${body.category}」不在类别清单中`, "category");
    const photos = await claimPhotos(tx, actor, photoIds, { name: "photoIds", label: "现场照片" });
    const year = Number(today.slice(0, 4));
    const serial = await nextSerial(tx, authorityCode, "hazard", year);
    const { hazardPrefix } = await hazardSettingsOf(tx, directory, authorityCode);
    const facts = recordedHazard(body);
    const [row] = await tx
      .insert(hazard)
      .values({
        ...body,
        ...facts,
        number: hazardNumber(hazardPrefix, year, serial),
        authorityCode,
        jurisdictionPath: owner.jurisdictionPath,
        recordedBy: actor.user.id,
      })
      .returning();
    if (!row) throw new Error("the hazard insert returned no row");
    const [event] = await tx
      .insert(hazardEvent)
      .values({ hazardId: row.id, kind: "record", round: 0, actorId: actor.user.id, actorName: actor.user.displayName })
      .returning({ id: hazardEvent.id });
    if (!event) throw new Error("the hazard event insert returned no row");
    await bindPhotos(tx, photos, { recordKind: "hazard", recordId: row.id, eventId: event.id, purpose: "before" });
    await writeAudit(tx, actor, {
      action: "hazard.record",
      target: { type: "hazard", id: row.id, path: row.jurisdictionPath, name: row.number },
      detail: { number: row.number, institution: owner.name },
    });
    return hazardDetail(tx, directory, { row, institutionName: owner.name, jurisdictionCode: owner.jurisdictionCode }, today);
  });
}

import type { HazardRecordBody } from "../../../contracts/hazards";
import { hazard, hazardEvent, type institution } from "../../../db/schema";
import { hazardNumber } from "../../../domain/document-numbers";
import type { HazardSource } from "../../../domain/hazard-categories";
import { newHazardProblem, recordedHazard } from "../../../domain/hazard-lifecycle";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import type { Tx } from "../../platform/db";
import { badRequest, forbidden } from "../../platform/http/errors";
import { nextSerial } from "../../platform/serials";
import { bindPhotos, claimPhotos } from "../files/attachments";
import { findInstitution } from "../institutions/queries";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { hazardCategoriesFor, hazardSettingsOf } from "../settings/hazard-settings";
import { hazardDetail } from "./queries";

/** Where a hazard comes from, and whose number it carries. */
export interface HazardOrigin {
  /** The authority whose number it carries: the recorder's, or for a self-found hazard the institution's county. */
  authorityCode: string;
  source: HazardSource;
  /** The inspection it was found in. */
  sourceId?: string | null;
  /** The checklist item whose 不符合 it records. */
  sourceItemKey?: string | null;
  /** An id made on the device that found it, so a resent inspection records it once. */
  id?: string;
  /** How a refusal names the hazard's fields in the request ("hazards.2."), and the hazard in words. */
  field?: { prefix: string; label: string };
}

export type HazardEntry = Omit<HazardRecordBody, "institutionId" | "photoIds">;

/**
 * Writes a hazard into an institution's ledger in the caller's transaction: its category must be one
 * the numbering authority's chain knows, it takes that authority's next number for the year of
 * `today`, and its record event and audit entry are written with it. Answers the row and the record
 * event (for the photos the caller binds to it). The caller has checked the institution and the
 * rules of a new hazard (newHazardProblem).
 */
export async function recordInLedger(
  tx: Tx,
  directory: JurisdictionDirectory,
  actor: UserActor,
  owner: Pick<typeof institution.$inferSelect, "id" | "name" | "jurisdictionPath">,
  body: HazardEntry,
  origin: HazardOrigin,
  today: string,
) {
  const { prefix, label } = origin.field ?? { prefix: "", label: "" };
  const categories = await hazardCategoriesFor(tx, directory, origin.authorityCode);
  if (!categories.some((item) => item.value === body.category)) {
    throw badRequest(`${label}隐患类别：「${body.category}」不在类别清单中`, `${prefix}category`);
  }
  const year = Number(today.slice(0, 4));
  const serial = await nextSerial(tx, origin.authorityCode, "hazard", year);
  const { hazardPrefix } = await hazardSettingsOf(tx, directory, origin.authorityCode);
  const [row] = await tx
    .insert(hazard)
    .values({
      ...body,
      ...recordedHazard(body),
      ...(origin.id ? { id: origin.id } : {}),
      number: hazardNumber(hazardPrefix, year, serial),
      authorityCode: origin.authorityCode,
      institutionId: owner.id,
      jurisdictionPath: owner.jurisdictionPath,
      source: origin.source,
      sourceId: origin.sourceId ?? null,
      sourceItemKey: origin.sourceItemKey ?? null,
      recordedBy: actor.user.id,
    })
    .returning();
  if (!row) throw new Error("the hazard insert returned no row");
  const [event] = await tx
    .insert(hazardEvent)
    .values({ hazardId: row.id, kind: "record", round: 0, actorId: actor.user.id, actorName: actor.user.displayName })
    .returning({ id: hazardEvent.id });
  if (!event) throw new Error("the hazard event insert returned no row");
  await writeAudit(tx, actor, {
    action: "hazard.record",
    target: { type: "hazard", id: row.id, path: row.jurisdictionPath, name: row.number },
    detail: { number: row.number, institution: owner.name },
  });
  return { row, eventId: event.id };
}

/**
 * Records a hazard in an institution's ledger: the institution must be in the recorder's scope,
 * the hazard gets the next number of the recorder's authority for this year, and the record, its
 * first event, its on-site photos (现场照片, the recorder's own uploads) and its audit entry commit together.
 */
export async function recordHazard(
  { db, directory, clock }: Pick<AppDeps, "db" | "directory" | "clock">,
  actor: UserActor,
  { photoIds, institutionId, ...body }: HazardRecordBody,
) {
  const authorityCode = actor.user.jurisdictionCode;
  if (!authorityCode) throw forbidden("只有监管部门的用户可以登记隐患");
  const today = clock.today();
  const problem = newHazardProblem(body, today);
  if (problem) throw badRequest(problem.message, problem.field);
  return db.transaction(async (tx) => {
    const owner = await findInstitution(tx, actor.scope, institutionId);
    if (!owner) throw badRequest("被检查机构：不存在或不在管辖范围内", "institutionId");
    if (owner.status !== "active") throw badRequest("被检查机构：已注销或停业", "institutionId");
    const photos = await claimPhotos(tx, actor, photoIds, { name: "photoIds", label: "现场照片" });
    const { row, eventId } = await recordInLedger(tx, directory, actor, owner, body, { authorityCode, source: "direct" }, today);
    await bindPhotos(tx, photos, { recordKind: "hazard", recordId: row.id, eventId, purpose: "before" });
    return hazardDetail(tx, directory, { row, institutionName: owner.name, jurisdictionCode: owner.jurisdictionCode }, today);
  });
}

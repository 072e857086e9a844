import type { FieldChanges } from "../../../contracts/audit";
import type { AttachmentPurpose } from "../../../contracts/files";
import type { HazardCommandBody } from "../../../contracts/hazards";
import { decide, HAZARD_COMMANDS, type HazardCommand, type HazardFacts, type HazardSide } from "../../../domain/hazard-lifecycle";
import { isAuthorityRole } from "../../../domain/permissions";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import type { Tx } from "../../platform/db";
import { type AppError, badRequest, conflict, forbidden } from "../../platform/http/errors";
import { bindPhotos, claimPhotos } from "../files/attachments";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { applyHazardChange, lockForChange } from "./hazard-change";
import { factsOf, type HazardWithInstitution, hazardDetail } from "./queries";
import { supervisionGate } from "./supervision";

/** The rules' command from the request, with the number of photos it names. */
function commandOf(body: HazardCommandBody["command"], photoCount: number): HazardCommand {
  switch (body.kind) {
    case "submit":
      return { kind: "submit", actionsTaken: body.actionsTaken, evidence: { photoCount, noPhotoReason: body.noPhotoReason } };
    case "verify":
      return {
        kind: "verify",
        verification: { verifiers: body.verifiers, verifiedOn: body.verifiedOn, opinion: body.opinion, photoCount, noPhotoReason: body.noPhotoReason },
      };
    case "close_on_spot":
      return { kind: "close_on_spot", photoCount };
    default:
      return body;
  }
}

/** The commands that carry photos: what the photos show, and the label a refusal names. */
const PHOTOS_OF: Partial<Record<HazardCommandBody["command"]["kind"], { purpose: AttachmentPurpose; label: string }>> = {
  submit: { purpose: "after", label: "整改后照片" },
  verify: { purpose: "verification", label: "复查照片" },
  close_on_spot: { purpose: "after", label: "整改后照片" },
};

/** The command's content worth keeping on the timeline, without its kind and reason (its photos are its attachments). */
function detailsOf(body: HazardCommandBody["command"]): Record<string, unknown> {
  const { kind: _kind, ...rest } = body;
  return Object.fromEntries(Object.entries(rest).filter(([key, value]) => key !== "reason" && key !== "photoIds" && value !== undefined));
}

function fieldChanges(before: HazardFacts, after: HazardFacts, changed: (keyof HazardFacts)[]): FieldChanges {
  return Object.fromEntries(changed.map((key) => [key, { from: before[key], to: after[key] }]));
}

const refusalError = (refusal: ReturnType<typeof decide> & { ok: false }): AppError => {
  const { refusal: r } = refusal;
  if (r.kind === "conflict") return conflict(r.message);
  if (r.kind === "forbidden") return forbidden(r.message);
  return badRequest(r.message, r.field);
};

/**
 * Carries out one command on a hazard in one transaction: the hazard is locked through the
 * caller's scope, the version they saw must still be current, the rules decide (their photo
 * gates count the photos named), the photos must be the caller's own unused uploads, and the
 * change, its event, its bound photos and its audit entry commit together.
 */
export async function commandHazard(
  { db, directory, clock }: Pick<AppDeps, "db" | "directory" | "clock">,
  actor: UserActor,
  id: string,
  body: HazardCommandBody,
) {
  const side: HazardSide = isAuthorityRole(actor.user.role) ? "authority" : "institution";
  const today = clock.today();
  return db.transaction(async (tx) => {
    const found = await lockForChange(tx, actor.scope, id, body.version);
    const requested = new Set("photoIds" in body.command ? body.command.photoIds : []);
    const applied = await runCommand(tx, directory, actor, found, body.command, side, today, {
      count: requested.size,
      // After the rules, so a refusal names the most basic reason; a photo that is not the caller's to use undoes the command (400).
      attach: async (eventId, photos) => {
        const photoIds = await claimPhotos(tx, actor, [...requested], { name: "photoIds", label: photos.label });
        await bindPhotos(tx, photoIds, { recordKind: "hazard", recordId: id, eventId, purpose: photos.purpose });
      },
    });
    return hazardDetail(tx, directory, applied.found, today);
  });
}

/** The photos a command names: how many (the rules' photo gates count them), and how they join the command's event. */
export interface CommandPhotos {
  count: number;
  attach(eventId: number, photos: { purpose: AttachmentPurpose; label: string }): Promise<void>;
}

/**
 * Decides and applies one command on a hazard locked in the caller's transaction: the supervision
 * gate of a major hazard, the rules (a refusal is 409, 403 or 400 naming the field), the change with
 * its event and audit entry, the command's photos, and the listing's follow-up. A 回头看's re-check
 * runs its verification or return through here too.
 */
export async function runCommand(
  tx: Tx,
  directory: JurisdictionDirectory,
  actor: UserActor,
  found: HazardWithInstitution,
  command: HazardCommandBody["command"],
  side: HazardSide,
  today: string,
  photos: CommandPhotos,
) {
  const before = factsOf(found.row);
  const supervision = await supervisionGate(tx, directory, actor, found, command, today);
  const decision = decide(before, side, commandOf(command, photos.count), today);
  if (!decision.ok) throw refusalError(decision);
  const { after, changed } = decision;
  const reason = "reason" in command ? command.reason : null;
  const applied = await applyHazardChange(tx, actor, found, {
    kind: command.kind,
    label: HAZARD_COMMANDS[command.kind].label,
    set: {
      state: after.state,
      grade: after.grade,
      deadline: after.deadline,
      round: after.round,
      pendingExtension: after.pendingExtension,
      majorPlan: after.majorPlan,
    },
    reason,
    details: detailsOf(command),
    changed: fieldChanges(before, after, changed),
  });
  const kept = PHOTOS_OF[command.kind];
  if (kept) await photos.attach(applied.eventId, kept);
  await supervision.afterChange(after);
  return applied;
}

import { and, asc, eq, inArray } from "drizzle-orm";
import type { AttachmentPurpose } from "../../../contracts/files";
import type { HazardCommandBody } from "../../../contracts/hazards";
import type { RecheckBody } from "../../../contracts/inspections";
import { hazard } from "../../../db/schema";
import { type HazardCommand, type HazardState, isOpen } from "../../../domain/hazard-lifecycle";
import { RECHECK_EVENT, recheckCommand, recheckProblem } from "../../../domain/inspection-rechecks";
import { RECHECK_RESULTS } from "../../../domain/inspections";
import type { UserActor } from "../../platform/access";
import type { DbOrTx, Tx } from "../../platform/db";
import { AppError, badRequest } from "../../platform/http/errors";
import { firstRoundHazard } from "../campaigns/scope-rule";
import { copyPhotos } from "../files/attachments";
import { runCommand } from "../hazards/command-hazard";
import { applyHazardChange } from "../hazards/hazard-change";
import { factsOf, findHazard } from "../hazards/queries";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { HAZARD_LINE } from "./queries";

/**
 * The hazards a 回头看 re-checks at an institution (seed 003): the first round's hazards there, as the
 * campaigns area defines them for the 回头看's list (firstRoundHazard), in the order they were numbered.
 */
export function recheckCandidates(db: DbOrTx, firstRoundId: string, institutionId: string) {
  return db
    .select({ ...HAZARD_LINE, foundOn: hazard.foundOn })
    .from(hazard)
    .where(and(firstRoundHazard(firstRoundId), eq(hazard.institutionId, institutionId)))
    .orderBy(asc(hazard.number));
}

type Candidate = Awaited<ReturnType<typeof recheckCandidates>>[number];

/** The lifecycle command as the hazard module's commands take it, with the photos named by the re-check. */
function commandBody(command: HazardCommand, photoIds: string[]): HazardCommandBody["command"] {
  switch (command.kind) {
    case "verify": {
      const { verifiers, verifiedOn, opinion, noPhotoReason } = command.verification;
      return { kind: "verify", verifiers, verifiedOn, opinion, photoIds, noPhotoReason };
    }
    case "close_on_spot":
      return { kind: "close_on_spot", photoIds };
    case "return":
      return { kind: "return", reason: command.reason };
    default:
      throw new Error(`a re-check never asks ${command.kind}`);
  }
}

/** A refusal of the hazard module, named as the re-check's field so the form can point at it. */
function asRecheckError(error: unknown, index: number, number: string): unknown {
  if (!(error instanceof AppError) || (error.statusCode !== 400 && error.statusCode !== 409)) return error;
  const field = error.field === "photoIds" ? `rechecks.${index}.photoIds` : `rechecks.${index}.note`;
  return new AppError(error.statusCode, error.code, `回头看复查隐患 ${number}：${error.message}`, field);
}

/**
 * Feeds each re-check of a 回头看 to its hazard, in the inspection's transaction: every open hazard of
 * the first round is re-checked once; each re-check is kept on the hazard's timeline with its photos,
 * then moves the hazard through the lifecycle's own command when domain/inspection-rechecks.ts says
 * so (verified and closed, closed on the spot, or sent back), checked by the same rules as by hand.
 */
export async function applyRechecks(
  tx: Tx,
  directory: JurisdictionDirectory,
  actor: UserActor,
  context: { inspectionId: string; inspectedOn: string; inspectors: string; today: string },
  rechecks: readonly RecheckBody[],
  candidates: readonly Candidate[],
) {
  const byId = new Map(candidates.map((one) => [one.id, one]));
  const seen = new Set<string>();
  for (const [index, recheck] of rechecks.entries()) {
    if (!byId.has(recheck.hazardId)) throw badRequest("复查的隐患：不是该机构首轮检查发现的隐患", `rechecks.${index}.hazardId`);
    if (seen.has(recheck.hazardId)) throw badRequest("复查的隐患：同一隐患重复复查", `rechecks.${index}.hazardId`);
    seen.add(recheck.hazardId);
    const problem = recheckProblem(recheck);
    if (problem) throw badRequest(problem.message, `rechecks.${index}.${problem.field}`);
  }
  const missed = candidates.find((one) => isOpen(one.state as HazardState) && !seen.has(one.id));
  if (missed) throw badRequest(`回头看复查：隐患 ${missed.number}（${missed.description}）尚未复查`, "rechecks");

  const locked = await tx
    .select({ id: hazard.id })
    .from(hazard)
    .where(
      inArray(
        hazard.id,
        rechecks.map((one) => one.hazardId),
      ),
    )
    .orderBy(asc(hazard.id))
    .for("update");
  if (locked.length !== rechecks.length) throw new Error("a re-checked hazard vanished");
  for (const [index, recheck] of rechecks.entries()) {
    const found = await findHazard(tx, actor.scope, recheck.hazardId, { lock: true });
    if (!found) throw badRequest("复查的隐患：不存在或不在管辖范围内", `rechecks.${index}.hazardId`);
    const command = recheckCommand(factsOf(found.row), {
      ...recheck,
      photoCount: recheck.photoIds.length,
      inspectors: context.inspectors,
      inspectedOn: context.inspectedOn,
    });
    const copyTo = (eventId: number, purpose: AttachmentPurpose = "verification") =>
      copyPhotos(tx, recheck.photoIds, { recordKind: "hazard", recordId: recheck.hazardId, eventId, purpose });
    const noted = await applyHazardChange(tx, actor, found, {
      kind: RECHECK_EVENT,
      label: "回头看复查",
      reason: recheck.note || null,
      details: { inspectionId: context.inspectionId, result: recheck.result, resultLabel: RECHECK_RESULTS[recheck.result] },
    });
    // The photos go with the verification when there is one, else with the re-check itself: each is kept once on the hazard.
    const commandTakesPhotos = command?.kind === "verify" || command?.kind === "close_on_spot";
    if (!commandTakesPhotos) await copyTo(noted.eventId);
    if (!command) continue;
    try {
      await runCommand(tx, directory, actor, noted.found, commandBody(command, recheck.photoIds), "authority", context.today, {
        count: recheck.photoIds.length,
        attach: (eventId, photos) => copyTo(eventId, photos.purpose),
      });
    } catch (error) {
      throw asRecheckError(error, index, found.row.number);
    }
  }
}

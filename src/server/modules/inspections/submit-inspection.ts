import { isDeepStrictEqual } from "node:util";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { InspectionDetail, InspectionSubmitBody } from "../../../contracts/inspections";
import { attachment, campaignAssignment, campaignChecklist, hazard, inspection, storedFile } from "../../../db/schema";
import { newHazardProblem } from "../../../domain/hazard-lifecycle";
import { answerProblem, inspectionTotals } from "../../../domain/inspection-answers";
import { ASSIGNMENT_STATES, type AssignmentState, type InspectionKind } from "../../../domain/inspections";
import type { AppDeps } from "../../deps";
import type { UserActor } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import type { Tx } from "../../platform/db";
import { badRequest, conflict, forbidden } from "../../platform/http/errors";
import { markAssignmentInspected } from "../campaigns/change-assignment";
import { takeChecklistVersion } from "../checklists/take-checklist-version";
import { bindPhotos, claimPhotos, copyPhotos } from "../files/attachments";
import { recordInLedger } from "../hazards/record-hazard";
import { findInstitution } from "../institutions/queries";
import { issueNoticeIn } from "../notices/issue-notice";
import { campaignToInspect } from "./inspection-form";
import { findInspection, inspectionDetail, type StoredAnswer, type StoredRecheck } from "./queries";
import { applyRechecks, recheckCandidates } from "./rechecks";

type Deps = Pick<AppDeps, "db" | "directory" | "clock">;

/** What the inspection row keeps of the request: compared field by field when the same id comes again. */
function storedForm(body: InspectionSubmitBody, kind: InspectionKind) {
  const answers: Record<string, StoredAnswer> = Object.fromEntries(
    body.answers.map(({ itemKey, ...answer }) => [itemKey, JSON.parse(JSON.stringify(answer)) as StoredAnswer]),
  );
  const rechecks: StoredRecheck[] = body.rechecks.map(({ hazardId, result, note, photoIds }) => ({ hazardId, result, note, photoIds }));
  return {
    kind,
    campaignId: body.campaignId,
    institutionId: body.institutionId,
    checklistVersionId: body.checklistVersionId,
    inspectedOn: body.inspectedOn,
    place: body.place,
    inspectors: body.inspectors,
    answers,
    remarks: body.remarks,
    onSiteOpinions: body.onSiteOpinions,
    representativeName: body.representativeName,
    rechecks,
  };
}

/** Whether a stored inspection is the one the request describes (the same submit sent again), hazards included. */
async function isSameSubmit(tx: Tx, existing: typeof inspection.$inferSelect, body: InspectionSubmitBody, kind: InspectionKind): Promise<boolean> {
  const wanted = storedForm(body, kind);
  const kept = Object.fromEntries(Object.keys(wanted).map((key) => [key, existing[key as keyof typeof existing]]));
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(kept)), JSON.parse(JSON.stringify(wanted)))) return false;
  const hazards = await tx.select({ id: hazard.id }).from(hazard).where(eq(hazard.sourceId, existing.id));
  return isDeepStrictEqual(hazards.map((one) => one.id).sort(), body.hazards.map((one) => one.id).sort());
}

/** The problems a request shows on its face, before anything is read: dates, who may submit it, each hazard's own rules. */
function requestProblem(actor: UserActor, body: InspectionSubmitBody, kind: InspectionKind, today: string) {
  if (kind === "self") {
    if (body.institutionId !== actor.user.institutionId) throw badRequest("被检查机构：机构自查只能检查本单位", "institutionId");
    if (body.issueNotice) throw badRequest("开具通知书：机构自查不开具整改通知书", "issueNotice");
    if (body.rechecks.length > 0) throw badRequest("回头看复查：由监管部门的检查组办理", "rechecks");
  } else if (!actor.user.jurisdictionCode) {
    throw forbidden("只有监管部门的用户可以提交监督检查记录");
  }
  if (body.inspectedOn > today) throw badRequest("检查日期：不能晚于今天", "inspectedOn");
  if (body.startedAt && body.finishedAt && body.startedAt > body.finishedAt) throw badRequest("结束时间：不能早于开始时间", "finishedAt");
  if (body.signatureId && !body.representativeName.trim()) throw badRequest("被检查单位负责人：签字确认须填写姓名", "representativeName");
  if (new Set(body.hazards.map((one) => one.id)).size !== body.hazards.length) throw badRequest("发现的隐患：有重复的隐患编号", "hazards");
  for (const [index, one] of body.hazards.entries()) {
    const problem = newHazardProblem({ ...one, foundOn: body.inspectedOn }, today);
    if (problem) throw badRequest(`第 ${index + 1} 条隐患的${problem.message}`, `hazards.${index}.${problem.field}`);
  }
  if (body.issueNotice && body.hazards.length === 0) throw badRequest("开具通知书：本次检查未发现隐患，无需开具", "issueNotice");
}

/**
 * The campaign (campaignToInspect) and the institution's assignment in it, locked. The version must be one the campaign
 * inspects with, and the assignment not already inspected with it by another inspection.
 */
async function lockAssignment(tx: Tx, actor: UserActor, body: InspectionSubmitBody, kind: InspectionKind) {
  if (!body.campaignId) return null;
  const found = await campaignToInspect(tx, actor, body.campaignId, kind);
  if (!found) throw badRequest("检查工作：不存在或不在管辖范围内", "campaignId");
  const [assignment] = await tx
    .select()
    .from(campaignAssignment)
    .where(and(eq(campaignAssignment.campaignId, found.id), eq(campaignAssignment.institutionId, body.institutionId)))
    .for("update");
  if (!assignment) throw badRequest("检查工作：该机构不在本次检查工作的检查范围内", "campaignId");
  if (assignment.state === "not_applicable") {
    throw conflict(`检查任务当前状态为「${ASSIGNMENT_STATES[assignment.state as AssignmentState]}」，不能提交检查记录`, "campaignId");
  }
  const versions = await tx.select({ id: campaignChecklist.checklistVersionId }).from(campaignChecklist).where(eq(campaignChecklist.campaignId, found.id));
  const withCampaignVersion = versions.some((one) => one.id === body.checklistVersionId);
  if (versions.length > 0 && !withCampaignVersion) {
    throw badRequest("检查表版本：不是本次检查工作使用的检查表", "checklistVersionId");
  }
  const [twin] = await tx
    .select({ id: inspection.id })
    .from(inspection)
    .where(
      and(
        eq(inspection.campaignId, found.id),
        eq(inspection.institutionId, body.institutionId),
        eq(inspection.checklistVersionId, body.checklistVersionId),
        ne(inspection.id, body.id),
      ),
    );
  if (twin) throw conflict("该机构在本次检查工作中已用此检查表检查过，请查看已提交的检查记录", "campaignId");
  return { campaign: found, assignment, withCampaignVersion };
}

/**
 * Records an inspection, supervision or self, in one transaction: the inspection with its answers
 * checked against the checklist version, its hazards in the institution's ledger through the
 * hazard module (each with the device's id, tied to its item), the photos bound to the inspection
 * and copied to the hazards they show, the campaign assignment marked 已检查, the checklist version
 * marked used, a 回头看's re-checks fed to their hazards, the notice if asked, and the audit record.
 * The same id sent again answers the inspection as recorded (`created: false`).
 */
export async function submitInspection(
  { db, directory, clock }: Deps,
  actor: UserActor,
  body: InspectionSubmitBody,
  kind: InspectionKind,
): Promise<{ created: boolean; detail: InspectionDetail }> {
  const today = clock.today();
  requestProblem(actor, body, kind, today);
  return db.transaction(async (tx) => {
    const owner = await findInstitution(tx, actor.scope, body.institutionId);
    if (!owner) throw badRequest("被检查机构：不存在或不在管辖范围内", "institutionId");
    const planned = await lockAssignment(tx, actor, body, kind);
    // Through the checklists area: a version the caller reads, frozen from its first use (an edit of its template makes a new
    // version). An archived template's goes on serving the campaigns made with it, not a new inspection outside one.
    const version = await takeChecklistVersion(tx, actor, body.checklistVersionId, { campaign: planned?.withCampaignVersion ?? false });
    if (!version || (version.archived && !planned)) throw badRequest("检查表版本：不存在、已归档或不适用于该机构", "checklistVersionId");
    const problem = answerProblem(
      version.content,
      body.answers,
      body.hazards.map((one) => one.itemKey),
    );
    if (problem) throw badRequest(problem.message, problem.field);

    const stored = storedForm(body, kind);
    const totals = inspectionTotals(version.content, body.answers);
    const [inserted] = await tx
      .insert(inspection)
      .values({
        ...stored,
        id: body.id,
        groupId: planned?.assignment.groupId ?? null,
        jurisdictionPath: owner.jurisdictionPath,
        authorityCode: kind === "self" ? null : actor.user.jurisdictionCode,
        startedAt: body.startedAt ? new Date(body.startedAt) : null,
        finishedAt: body.finishedAt ? new Date(body.finishedAt) : null,
        nonCompliantCount: totals.nonCompliantCount,
        hazardCount: body.hazards.length,
        score: totals.score,
        acknowledgedAt: body.signatureId ? new Date(body.acknowledgedAt ?? Date.now()) : null,
        submittedBy: actor.user.id,
      })
      // The same id at once from a retry waits here for the first to commit, then finds it.
      .onConflictDoNothing({ target: inspection.id })
      .returning({ id: inspection.id });
    if (!inserted) {
      const [existing] = await tx.select().from(inspection).where(eq(inspection.id, body.id));
      const same = existing && existing.submittedBy === actor.user.id && (await isSameSubmit(tx, existing, body, kind));
      const found = same ? await findInspection(tx, actor.scope, body.id) : undefined;
      if (!found) throw conflict("检查记录编号已用于另一份内容不同的检查记录，请刷新后重新填写", "id");
      return { created: false, detail: await inspectionDetail(tx, directory, found) };
    }
    if (owner.status !== "active") throw badRequest("被检查机构：已注销或停业", "institutionId");

    const itemPhotos = [...body.answers.flatMap((one) => one.photoIds), ...body.hazards.flatMap((one) => one.photoIds)];
    const claimed = await claimPhotos(tx, actor, itemPhotos, { name: "answers", label: "现场照片" });
    const recheckPhotos = await claimPhotos(
      tx,
      actor,
      body.rechecks.flatMap((one) => one.photoIds),
      { name: "rechecks", label: "复查照片" },
    );
    const signature = body.signatureId ? await claimSignature(tx, actor, body.signatureId) : [];
    await bindPhotos(tx, claimed, { recordKind: "inspection", recordId: body.id, purpose: "before" });
    await bindPhotos(tx, recheckPhotos, { recordKind: "inspection", recordId: body.id, purpose: "verification" });
    await bindPhotos(tx, signature, { recordKind: "inspection", recordId: body.id, purpose: "signature" });

    const taken = await tx
      .select({ id: hazard.id })
      .from(hazard)
      .where(
        inArray(
          hazard.id,
          body.hazards.map((one) => one.id),
        ),
      );
    if (body.hazards.length > 0 && taken.length > 0) throw conflict("发现的隐患：隐患编号已被使用，请刷新后重新填写", "hazards");
    const authorityCode = kind === "self" ? owner.jurisdictionCode : (actor.user.jurisdictionCode as string);
    const finders = body.inspectors.map((one) => one.name).join("、");
    for (const [index, { id, itemKey, photoIds, ...entry }] of body.hazards.entries()) {
      const { row, eventId } = await recordInLedger(
        tx,
        directory,
        actor,
        owner,
        { ...entry, foundOn: body.inspectedOn, finders },
        {
          authorityCode,
          source: kind === "self" ? "self_inspection" : "inspection",
          sourceId: body.id,
          sourceItemKey: itemKey,
          id,
          field: { prefix: `hazards.${index}.`, label: `第 ${index + 1} 条隐患的` },
        },
        today,
      );
      await copyPhotos(tx, [...new Set(photoIds)], { recordKind: "hazard", recordId: row.id, eventId, purpose: "before" });
    }

    if (planned?.campaign.followUpOf) {
      const candidates = await recheckCandidates(tx, planned.campaign.followUpOf, owner.id);
      await applyRechecks(
        tx,
        directory,
        actor,
        { inspectionId: body.id, inspectedOn: body.inspectedOn, inspectors: finders, today },
        body.rechecks,
        candidates,
      );
    } else if (body.rechecks.length > 0) {
      throw badRequest("回头看复查：本次检查不是回头看，没有要复查的隐患", "rechecks");
    }

    if (planned) await markAssignmentInspected(tx, { campaignId: planned.campaign.id, institutionId: owner.id, inspectionId: body.id });

    if (body.issueNotice) {
      await issueNoticeIn(
        tx,
        directory,
        actor,
        {
          ...body.issueNotice,
          hazardIds: body.hazards.map((one) => one.id),
        },
        today,
      );
    }
    await writeAudit(tx, actor, {
      action: "inspection.submit",
      target: { type: "inspection", id: body.id, path: owner.jurisdictionPath, name: owner.name },
      detail: { institution: owner.name, kind, inspectedOn: body.inspectedOn, hazards: body.hazards.length, campaignId: body.campaignId },
    });
    const found = await findInspection(tx, actor.scope, body.id);
    if (!found) throw new Error("the submitted inspection is not in its submitter's scope");
    return { created: true, detail: await inspectionDetail(tx, directory, found) };
  });
}

/** The representative's drawn signature: the caller's own unused upload, a PNG (what the form's signature pad makes). */
async function claimSignature(tx: Tx, actor: UserActor, id: string): Promise<string[]> {
  const ids = await claimPhotos(tx, actor, [id], { name: "signatureId", label: "负责人签名" });
  const [file] = await tx
    .select({ mediaType: storedFile.mediaType })
    .from(attachment)
    .innerJoin(storedFile, eq(storedFile.sha256, attachment.sha256))
    .where(eq(attachment.id, id));
  if (file?.mediaType !== "image/png") throw badRequest("负责人签名：须为手写签名的 PNG 图片", "signatureId");
  return ids;
}

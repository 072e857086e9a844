import type { z } from "zod";
import type { InspectionSubmitBody } from "../../../contracts/inspections";
import { type AnswerProblem, answerProblem, itemsOf } from "../../../domain/inspection-answers";
import type { InspectionDraft } from "./drafts";

export type SubmitInput = z.input<typeof InspectionSubmitBody>;

/** The checklist version the draft is filled with. */
export const versionOf = (draft: InspectionDraft) => draft.form.checklists.find((one) => one.versionId === draft.checklistVersionId);

/**
 * The submit request a draft makes: every item of its checklist version with its answer, the
 * hazards, the re-checks answered, the signature and whether to issue the notice. The device's ids
 * (the inspection's, each hazard's and photo's) travel with it, so sending it again makes nothing twice.
 */
export function submitBodyOf(draft: InspectionDraft): SubmitInput {
  const version = versionOf(draft);
  const items = version ? itemsOf(version.content) : [];
  return {
    id: draft.id,
    campaignId: draft.campaignId,
    institutionId: draft.institutionId,
    checklistVersionId: draft.checklistVersionId ?? "",
    inspectedOn: draft.inspectedOn,
    startedAt: draft.startedAt,
    finishedAt: null,
    place: draft.place,
    inspectors: draft.inspectors,
    answers: items.map((item) => {
      const answer = draft.answers[item.key];
      return {
        itemKey: item.key,
        result: answer?.result,
        score: answer?.score,
        note: answer?.note ?? "",
        photoIds: answer?.photoIds ?? [],
        ...(answer?.result === "non_compliant" && answer.noHazardReason ? { noHazardReason: answer.noHazardReason } : {}),
      };
    }),
    remarks: draft.remarks,
    onSiteOpinions: draft.onSiteOpinions,
    representativeName: draft.representativeName,
    acknowledgedAt: draft.signatureId ? draft.acknowledgedAt : null,
    signatureId: draft.signatureId,
    // A hazard of an item no longer 不符合 is not sent: the inspector changed the answer after it was prefilled.
    hazards: draft.hazards
      .filter((hazard) => hazard.itemKey === null || draft.answers[hazard.itemKey]?.result === "non_compliant")
      .map((hazard) => ({
        ...hazard,
        deadline: hazard.handling === "on_the_spot" ? null : hazard.deadline,
        majorPlan: hazard.grade === "major" ? hazard.majorPlan : null,
      })),
    rechecks: draft.form.recheckHazards.flatMap((hazard) => {
      const recheck = draft.rechecks[hazard.id];
      return recheck?.result ? [{ hazardId: hazard.id, result: recheck.result, note: recheck.note, photoIds: recheck.photoIds }] : [];
    }),
    issueNotice: draft.issueNotice ? { kind: "rectification" } : null,
  };
}

/** What the device can tell before sending: a checklist chosen, someone present, every item answered as the server will check it. */
export function draftProblem(draft: InspectionDraft): AnswerProblem | null {
  const version = versionOf(draft);
  if (!version) return { field: "checklistVersionId", message: "检查表：请选择" };
  if (draft.inspectors.length === 0) return { field: "inspectors", message: "检查人员：至少一人" };
  const body = submitBodyOf(draft);
  return answerProblem(
    version.content,
    (body.answers ?? []).map((answer) => ({ ...answer, note: answer.note ?? "", photoIds: answer.photoIds ?? [] })),
    (body.hazards ?? []).map((hazard) => hazard.itemKey ?? null),
  );
}

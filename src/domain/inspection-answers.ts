import type { ChecklistContent, ChecklistItem } from "../contracts/checklists";
import type { HazardGrade } from "./hazard-lifecycle";
import type { ItemResult } from "./inspections";

/**
 * What an inspection's answers must be, checked against the checklist version it was made with
 * (shared/domain.md §2: on site the group records each item 符合/不符合/不适用 with notes and photos,
 * or scores a review; issue 8: every 不符合 becomes a hazard of the institution, photo-required
 * items carry a photo). Pure: the server and the form on the phone ask the same questions.
 */

export interface ItemAnswer {
  itemKey: string;
  /** A compliance item's answer; absent for a scored item. */
  result?: ItemResult;
  /** A scored item's score, 0 … its maximum; absent for a compliance item. */
  score?: number;
  note: string;
  photoIds: readonly string[];
  /** Why a 不符合 becomes no hazard (already recorded, fixed while the group watched). */
  noHazardReason?: string;
}

export interface AnswerProblem {
  /** The request's field, by position in the answers ("answers.3.photoIds"). */
  field: string;
  message: string;
}

/** Every item of a version, in the order the inspector meets them, with its section's title. */
export function itemsOf(content: ChecklistContent): (ChecklistItem & { sectionKey: string; sectionTitle: string })[] {
  return content.sections.flatMap((section) => section.items.map((item) => ({ ...item, sectionKey: section.key, sectionTitle: section.title })));
}

const blank = (text: string | undefined) => text === undefined || text.trim() === "";
const named = (item: ChecklistItem) => `检查项「${item.text}」`;

/**
 * The first thing wrong with the answers, or null: every item answered once and by its type
 * (a result for a compliance item, a whole score within the maximum for a scored one), a photo
 * where the item requires one (unless 不适用), a hazard or a stated reason for every 不符合, and
 * no hazard tied to an item that was not found 不符合. `hazardItemKeys` are the items the
 * inspection's hazards are tied to (null for a hazard added freely).
 */
export function answerProblem(content: ChecklistContent, answers: readonly ItemAnswer[], hazardItemKeys: readonly (string | null)[]): AnswerProblem | null {
  const items = new Map(itemsOf(content).map((item) => [item.key, item]));
  const answered = new Map<string, number>();
  for (const [index, answer] of answers.entries()) {
    const item = items.get(answer.itemKey);
    if (!item) return { field: `answers.${index}.itemKey`, message: `检查项：「${answer.itemKey}」不在本检查表中` };
    if (answered.has(answer.itemKey)) return { field: `answers.${index}.itemKey`, message: `${named(item)}：重复作答` };
    answered.set(answer.itemKey, index);
    const problem = itemProblem(item, answer, hazardItemKeys);
    if (problem) return { field: `answers.${index}.${problem.field}`, message: `${named(item)}：${problem.message}` };
  }
  for (const item of items.values()) {
    if (!answered.has(item.key)) return { field: "answers", message: `${named(item)}：未作答` };
  }
  for (const [index, key] of hazardItemKeys.entries()) {
    if (key === null) continue;
    const item = items.get(key);
    if (!item) return { field: `hazards.${index}.itemKey`, message: `隐患所属检查项：「${key}」不在本检查表中` };
    const answer = answers[answered.get(key) ?? -1];
    if (answer?.result !== "non_compliant") return { field: `hazards.${index}.itemKey`, message: `${named(item)}：未判定为“不符合”，不能据此登记隐患` };
  }
  return null;
}

function itemProblem(item: ChecklistItem, answer: ItemAnswer, hazardItemKeys: readonly (string | null)[]): { field: string; message: string } | null {
  if (item.answerType === "score") {
    if (answer.result !== undefined) return { field: "result", message: "为评分项，请打分而非选择符合与否" };
    if (answer.score === undefined) return { field: "score", message: "请打分" };
    const max = item.maxScore ?? 0;
    if (!Number.isInteger(answer.score) || answer.score < 0 || answer.score > max) return { field: "score", message: `得分应为 0～${max} 的整数` };
  } else {
    if (answer.score !== undefined) return { field: "score", message: "不是评分项，请选择符合、不符合或不适用" };
    if (answer.result === undefined) return { field: "result", message: "请选择符合、不符合或不适用" };
  }
  if (item.photoRequired && answer.result !== "not_applicable" && answer.photoIds.length === 0) {
    return { field: "photoIds", message: "须上传现场照片" };
  }
  if (answer.result === "non_compliant" && !hazardItemKeys.includes(item.key) && blank(answer.noHazardReason)) {
    return { field: "noHazardReason", message: "判定为“不符合”，须登记隐患或说明不登记的原因" };
  }
  return null;
}

export interface InspectionTotals {
  nonCompliantCount: number;
  /** The sum of the scores of a scored review, null when the checklist has no scored item. */
  score: number | null;
  /** Each section's score and maximum, for a scored review. */
  sectionScores: { sectionKey: string; score: number; maxScore: number }[];
}

/** The counts and totals an inspection keeps, from answers that passed answerProblem. */
export function inspectionTotals(content: ChecklistContent, answers: readonly ItemAnswer[]): InspectionTotals {
  const byKey = new Map(answers.map((answer) => [answer.itemKey, answer]));
  const sectionScores = content.sections
    .filter((section) => section.items.some((item) => item.answerType === "score"))
    .map((section) => {
      const scored = section.items.filter((item) => item.answerType === "score");
      return {
        sectionKey: section.key,
        score: scored.reduce((sum, item) => sum + (byKey.get(item.key)?.score ?? 0), 0),
        maxScore: scored.reduce((sum, item) => sum + (item.maxScore ?? 0), 0),
      };
    });
  return {
    nonCompliantCount: answers.filter((answer) => answer.result === "non_compliant").length,
    score: sectionScores.length === 0 ? null : sectionScores.reduce((sum, section) => sum + section.score, 0),
    sectionScores,
  };
}

/** A hazard as the form first offers it for a 不符合 item: the item's category, basis and grade hint, the inspector edits the rest. */
export interface HazardPrefill {
  itemKey: string;
  category: string;
  basis: string;
  grade: HazardGrade;
  description: string;
}

export const hazardPrefill = (item: ChecklistItem, note: string): HazardPrefill => ({
  itemKey: item.key,
  category: item.category,
  basis: item.basis,
  grade: item.gradeHint,
  description: note.trim() || item.text,
});

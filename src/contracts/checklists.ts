import { z } from "zod";
import { HAZARD_GRADES } from "../domain/hazard-lifecycle";
import { CHECKLIST_ANSWER_TYPES } from "../domain/inspections";
import { optionalText, requiredText } from "./common";
import { choice, labelled } from "./validation";

/**
 * The key of a section or item: stable across a checklist's versions, so an answer, a hazard's
 * link to the item it failed, and a comparison of two versions all name the same item.
 */
export const ChecklistKey = labelled(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "应为 1～40 位字母、数字、下划线或短横线"), "编号");

/** One thing an inspector checks (检查项): what, against which clause, and what a failure is. */
export const ChecklistItem = z.object({
  key: ChecklistKey,
  text: requiredText("检查内容", 500),
  /** The regulation and clause it checks (a shipped item cites its seed file and clause). */
  basis: optionalText("检查依据", 500).default(""),
  /** The hazard category a 不符合 falls into: a built-in key or an authority's added category. */
  category: requiredText("隐患类别", 30),
  gradeHint: choice(HAZARD_GRADES, "隐患等级提示").default("general"),
  answerType: choice(CHECKLIST_ANSWER_TYPES, "作答方式").default("compliance"),
  /** The most a scored item gives; required for a scored item, absent otherwise. */
  maxScore: labelled(z.number().int().min(1).max(1000), "分值").optional(),
  photoRequired: labelled(z.boolean(), "须拍照").default(false),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const ChecklistSection = z.object({
  key: ChecklistKey,
  title: requiredText("检查部分", 100),
  items: z.array(ChecklistItem).min(1, "每个部分至少一项").max(200),
});
export type ChecklistSection = z.infer<typeof ChecklistSection>;

/** A checklist version's sections and items, as stored in checklist_version.content. */
export const ChecklistContent = z.object({
  sections: z.array(ChecklistSection).min(1, "至少一个部分").max(50),
});
export type ChecklistContent = z.infer<typeof ChecklistContent>;

import type { ChecklistContent, ChecklistItem } from "../../../contracts/checklists";
import type { BuiltInHazardCategory } from "../../../domain/hazard-categories";

/** A checklist template shipped with the product, written from the seeds (shared/seeds/). */
export interface ShippedChecklist {
  /** Stable across releases: seeding finds the template by it (checklist.shipped_key). */
  shippedKey: string;
  name: string;
  content: ChecklistContent;
}

/** The sources the shipped items cite: each names its seed file, so a reader can find the original. */
export const SOURCES = {
  s000: "《医疗和疾控机构 第10部分 治安管理指南》（seeds/000）",
  s001: "河南省卫生健康委岁末年初安全稳定工作部署（seeds/001）",
  s003order: "《关于开展“医疗机构安全秩序管理年”活动的通知》（seeds/003）",
  s003review: "全省卫生健康系统安全工作督导检查汇报会要求（seeds/003）",
  s004childcare: "三门峡市托育机构消防安全检查（seeds/004）",
  s004hygiene: "开封市鼓楼区公共场所和医疗机构专项监督检查（seeds/004）",
  s004promotion: "濮阳市健康促进医院现场评审（seeds/004）",
} as const;

/** The basis of an item: its source, the clause where there is one, and the words it checks. */
export const cite = (source: keyof typeof SOURCES, clause: string, words: string) => `${SOURCES[source]}${clause ? ` ${clause}` : ""}：“${words}”`;

type ItemOptions = Partial<Pick<ChecklistItem, "gradeHint" | "photoRequired" | "maxScore">>;

/** A 符合/不符合/不适用 item. */
export const check = (key: string, text: string, basis: string, category: BuiltInHazardCategory, options: ItemOptions = {}): ChecklistItem => ({
  key,
  text,
  basis,
  category,
  gradeHint: options.gradeHint ?? "general",
  answerType: "compliance",
  photoRequired: options.photoRequired ?? false,
});

/** A scored item of a review. */
export const scored = (key: string, text: string, basis: string, category: BuiltInHazardCategory, maxScore: number): ChecklistItem => ({
  key,
  text,
  basis,
  category,
  gradeHint: "general",
  answerType: "score",
  maxScore,
  photoRequired: false,
});

/**
 * The rules of a checklist template (检查表, shared/domain.md §2; issue 8 "Checklists"): what makes
 * its sections and items consistent, how a scored review (评审, seed 004 濮阳 健康促进医院) is
 * totalled, and when an edit must make a new version so that an inspection always shows the
 * version it was made with.
 */
import type { HazardGrade } from "./hazard-lifecycle";
import type { ChecklistAnswerType, ItemResult } from "./inspections";

/** An item as the rules see it (contracts/checklists.ts ChecklistItem is the schema). */
export interface ChecklistItemShape {
  key: string;
  text: string;
  basis: string;
  category: string;
  gradeHint: HazardGrade;
  answerType: ChecklistAnswerType;
  maxScore?: number | undefined;
  photoRequired: boolean;
}

export interface ChecklistContentShape {
  sections: { key: string; title: string; items: ChecklistItemShape[] }[];
}

/** A problem of one field of the content, by its path ("sections.0.items.2.maxScore") and in words. */
export interface ChecklistProblem {
  field: string;
  message: string;
}

const where = (sectionIndex: number, itemIndex?: number) => `第 ${sectionIndex + 1} 部分${itemIndex === undefined ? "" : `第 ${itemIndex + 1} 项`}`;

/**
 * What the schema cannot see: section keys unique, item keys unique across the whole template
 * (an answer and a hazard name an item by its key alone), a scored item with its maximum score
 * and a compliance item without one, and one way of answering for the whole template — a
 * template is a scored review exactly when its items are scored, so its total means something.
 */
export function checklistProblems(content: ChecklistContentShape): ChecklistProblem[] {
  const problems: ChecklistProblem[] = [];
  const sectionKeys = new Map<string, number>();
  const itemKeys = new Map<string, string>();
  const firstType = content.sections[0]?.items[0]?.answerType;
  content.sections.forEach((section, s) => {
    const earlier = sectionKeys.get(section.key);
    if (earlier !== undefined) problems.push({ field: `sections.${s}.key`, message: `${where(s)}编号：与第 ${earlier + 1} 部分重复（${section.key}）` });
    else sectionKeys.set(section.key, s);
    section.items.forEach((item, i) => {
      const path = `sections.${s}.items.${i}`;
      const seen = itemKeys.get(item.key);
      if (seen !== undefined) problems.push({ field: `${path}.key`, message: `${where(s, i)}编号：与${seen}重复（${item.key}）` });
      else itemKeys.set(item.key, where(s, i));
      if (item.answerType === "score" && item.maxScore === undefined) {
        problems.push({ field: `${path}.maxScore`, message: `${where(s, i)}分值：评分项须填写分值` });
      }
      if (item.answerType === "compliance" && item.maxScore !== undefined) {
        problems.push({ field: `${path}.maxScore`, message: `${where(s, i)}分值：按“符合/不符合/不适用”作答的检查项不设分值` });
      }
      if (item.answerType !== firstType) {
        problems.push({
          field: `${path}.answerType`,
          message: `${where(s, i)}作答方式：同一检查表的检查项须都按“符合/不符合/不适用”作答，或都评分（评审表）`,
        });
      }
    });
  });
  return problems;
}

/** A scored review: every item is scored (checklistProblems keeps a template from mixing the two). */
export const isScoredContent = (content: ChecklistContentShape): boolean =>
  content.sections.length > 0 && content.sections.every((section) => section.items.every((item) => item.answerType === "score"));

export const itemCountOf = (content: ChecklistContentShape): number => content.sections.reduce((sum, section) => sum + section.items.length, 0);

/** The total a scored review can reach; null for a compliance checklist. */
export function maxScoreOf(content: ChecklistContentShape): number | null {
  if (!isScoredContent(content)) return null;
  return content.sections.reduce((sum, section) => sum + section.items.reduce((s, item) => s + (item.maxScore ?? 0), 0), 0);
}

/** Every item key of the content, for a new item's key not to take one already used. */
export const itemKeysOf = (content: ChecklistContentShape): string[] => content.sections.flatMap((section) => section.items.map((item) => item.key));

/** One item's answer: a result for a compliance item, a score for a scored one. */
export interface ItemAnswer {
  result?: ItemResult;
  score?: number;
}

export interface SectionScore {
  key: string;
  title: string;
  /** Points given to the section's scored items so far. */
  score: number;
  maxScore: number;
}

export interface ChecklistTally {
  /** Per section: null for a compliance checklist. */
  sections: SectionScore[] | null;
  /** The total of a scored review; null for a compliance checklist. */
  score: number | null;
  maxScore: number | null;
  compliant: number;
  nonCompliant: number;
  notApplicable: number;
  /** Items without an answer yet. */
  unanswered: number;
}

/**
 * What an inspection's answers add up to: for a scored review, each section's points and the
 * total against their maxima; for any checklist, how many items were 符合 / 不符合 / 不适用
 * (each 不符合 becomes a draft hazard) and how many are still unanswered. Answers to keys the
 * version does not have are not counted.
 */
export function tallyAnswers(content: ChecklistContentShape, answers: Readonly<Record<string, ItemAnswer | undefined>>): ChecklistTally {
  const scored = isScoredContent(content);
  const tally: ChecklistTally = { sections: scored ? [] : null, score: null, maxScore: null, compliant: 0, nonCompliant: 0, notApplicable: 0, unanswered: 0 };
  for (const section of content.sections) {
    let score = 0;
    let maxScore = 0;
    for (const item of section.items) {
      const answer = answers[item.key];
      if (item.answerType === "score") {
        maxScore += item.maxScore ?? 0;
        if (answer?.score === undefined) tally.unanswered += 1;
        else score += answer.score;
        continue;
      }
      switch (answer?.result) {
        case "compliant":
          tally.compliant += 1;
          break;
        case "non_compliant":
          tally.nonCompliant += 1;
          break;
        case "not_applicable":
          tally.notApplicable += 1;
          break;
        default:
          tally.unanswered += 1;
      }
    }
    tally.sections?.push({ key: section.key, title: section.title, score, maxScore });
  }
  if (tally.sections) {
    tally.score = tally.sections.reduce((sum, s) => sum + s.score, 0);
    tally.maxScore = tally.sections.reduce((sum, s) => sum + s.maxScore, 0);
  }
  return tally;
}

/**
 * What is wrong with a set of answers to a version: a key it does not have, a result given to a
 * scored item or a score to a compliance item, a score that is not a whole number from 0 to the
 * item's maximum. The inspection's submit refuses such answers rather than storing them.
 */
export function answerProblems(content: ChecklistContentShape, answers: Readonly<Record<string, ItemAnswer | undefined>>): ChecklistProblem[] {
  const items = new Map(content.sections.flatMap((section) => section.items.map((item) => [item.key, item] as const)));
  const problems: ChecklistProblem[] = [];
  for (const [key, answer] of Object.entries(answers)) {
    if (!answer) continue;
    const item = items.get(key);
    const field = `answers.${key}`;
    if (!item) {
      problems.push({ field, message: `检查项「${key}」：不在本检查表中` });
      continue;
    }
    if (item.answerType === "score") {
      if (answer.result !== undefined) problems.push({ field, message: `「${item.text}」：评分项应填写得分` });
      const max = item.maxScore ?? 0;
      if (answer.score !== undefined && !(Number.isInteger(answer.score) && answer.score >= 0 && answer.score <= max)) {
        problems.push({ field, message: `「${item.text}」得分：应为 0～${max} 的整数` });
      }
    } else if (answer.score !== undefined) {
      problems.push({ field, message: `「${item.text}」：应选择符合、不符合或不适用，不评分` });
    }
  }
  return problems;
}

/** Content in one key order, so two versions compare equal however they were stored (jsonb reorders keys). */
function canonical(content: ChecklistContentShape): string {
  return JSON.stringify(
    content.sections.map((section) => [
      section.key,
      section.title,
      section.items.map((item) => [item.key, item.text, item.basis, item.category, item.gradeHint, item.answerType, item.maxScore ?? null, item.photoRequired]),
    ]),
  );
}

export const sameContent = (a: ChecklistContentShape, b: ChecklistContentShape): boolean => canonical(a) === canonical(b);

/** The current version of a template as the versioning rule needs it. */
export interface CurrentVersion {
  version: number;
  /** Set once an inspection or a campaign has used the version. */
  firstUsedAt: Date | null;
  content: ChecklistContentShape;
}

export type VersionEdit = { kind: "unchanged" } | { kind: "in_place"; version: number } | { kind: "new_version"; version: number };

/**
 * The versioning rule: a version an inspection or a campaign has used never changes (the
 * inspection shows what it was made with), so an edit of it makes the next version; a version
 * nobody has used yet is simply corrected; an edit that changes nothing makes nothing.
 */
export function planVersionEdit(current: CurrentVersion, next: ChecklistContentShape): VersionEdit {
  if (sameContent(current.content, next)) return { kind: "unchanged" };
  if (current.firstUsedAt === null) return { kind: "in_place", version: current.version };
  return { kind: "new_version", version: current.version + 1 };
}

/**
 * What an edit must keep so that answers and hazards keep naming the same item across versions:
 * an item whose key the earlier version had stays that item — its answer type may not change
 * (a 符合/不符合 answer cannot be read as a score). Removing items and adding new keys is free.
 */
export function keyStabilityProblems(previous: ChecklistContentShape, next: ChecklistContentShape): ChecklistProblem[] {
  const before = new Map(previous.sections.flatMap((section) => section.items.map((item) => [item.key, item] as const)));
  const problems: ChecklistProblem[] = [];
  next.sections.forEach((section, s) => {
    section.items.forEach((item, i) => {
      const earlier = before.get(item.key);
      if (earlier && earlier.answerType !== item.answerType) {
        problems.push({
          field: `sections.${s}.items.${i}.answerType`,
          message: `${where(s, i)}作答方式：已有检查项不能改变作答方式，请删除后新增一项`,
        });
      }
    });
  });
  return problems;
}

/**
 * A key for an item or section added in the editor: random rather than numbered, so a key removed
 * in one version is never taken again by a different item in a later one (the same key always
 * means the same item); checked against the keys in use.
 */
export function unusedKey(taken: ReadonlySet<string>, prefix: string, random: () => number = Math.random): string {
  for (;;) {
    const key = `${prefix}${Math.floor(random() * 36 ** 6)
      .toString(36)
      .padStart(6, "0")}`;
    if (!taken.has(key)) return key;
  }
}

/**
 * Keys for content whose items came without them (an imported workbook): sections s1, s2…, items
 * s1-1, s1-2… in the order given.
 */
export function numberedKeys<Item>(sections: { title: string; items: Item[] }[]): { key: string; title: string; items: (Item & { key: string })[] }[] {
  return sections.map((section, s) => ({
    key: `s${s + 1}`,
    title: section.title,
    items: section.items.map((item, i) => ({ ...item, key: `s${s + 1}-${i + 1}` })),
  }));
}

/**
 * Keys for a workbook imported over a template as its next content (the workbook has no keys): an
 * item with the same text and answer type as an item of the current version stays that item and
 * keeps its key — one in a section of the same title first — so answers and hazards go on naming
 * it across versions; a section keeps the key of the current section of the same title; anything
 * else takes a key no version of the template has used (`usedKeys`), as the editor gives one.
 */
export function keysCarriedOver<Item extends { text: string; answerType: ChecklistAnswerType }>(
  current: ChecklistContentShape,
  usedKeys: Iterable<string>,
  sections: { title: string; items: Item[] }[],
  random: () => number = Math.random,
): { key: string; title: string; items: (Item & { key: string })[] }[] {
  const taken = new Set([...usedKeys, ...current.sections.map((s) => s.key), ...itemKeysOf(current)]);
  const earlierItems = current.sections.flatMap((section) => section.items.map((item) => ({ ...item, sectionTitle: section.title })));
  const claimed = new Set<string>();
  const itemKeys = sections.map((section) => section.items.map((): string | undefined => undefined));
  // Rows in a section of the same title claim first, then the rest, so a moved item is matched only where it is not still in place.
  for (const sameSectionOnly of [true, false]) {
    for (const [s, section] of sections.entries()) {
      const keys = itemKeys[s] as (string | undefined)[];
      for (const [i, item] of section.items.entries()) {
        if (keys[i] !== undefined) continue;
        const match = earlierItems.find(
          (e) => e.text === item.text && e.answerType === item.answerType && !claimed.has(e.key) && (!sameSectionOnly || e.sectionTitle === section.title),
        );
        if (!match) continue;
        claimed.add(match.key);
        keys[i] = match.key;
      }
    }
  }
  const fresh = (prefix: string) => {
    const key = unusedKey(taken, prefix, random);
    taken.add(key);
    return key;
  };
  return sections.map((section, s) => {
    const sameTitle = current.sections.find((earlier) => earlier.title === section.title && !claimed.has(earlier.key));
    if (sameTitle) claimed.add(sameTitle.key);
    return {
      key: sameTitle?.key ?? fresh("s"),
      title: section.title,
      items: section.items.map((item, i) => ({ ...item, key: itemKeys[s]?.[i] ?? fresh("i") })),
    };
  });
}

import { describe, expect, it } from "vitest";
import {
  answerProblems,
  type ChecklistContentShape,
  type ChecklistItemShape,
  checklistProblems,
  isScoredContent,
  itemCountOf,
  keyStabilityProblems,
  keysCarriedOver,
  maxScoreOf,
  numberedKeys,
  planVersionEdit,
  sameContent,
  tallyAnswers,
  unusedKey,
} from "./checklists";

const item = (key: string, overrides: Partial<ChecklistItemShape> = {}): ChecklistItemShape => ({
  key,
  text: `检查项${key}`,
  basis: "",
  category: "fire",
  gradeHint: "general",
  answerType: "compliance",
  photoRequired: false,
  ...overrides,
});
const scoredItem = (key: string, maxScore: number) => item(key, { answerType: "score", maxScore });

const compliance: ChecklistContentShape = {
  sections: [
    { key: "fire", title: "消防", items: [item("exits"), item("signs")] },
    { key: "power", title: "用电", items: [item("wiring")] },
  ],
};
const review: ChecklistContentShape = {
  sections: [
    { key: "org", title: "组织管理", items: [scoredItem("leader", 10), scoredItem("plan", 15)] },
    { key: "env", title: "环境建设", items: [scoredItem("smoke_free", 20)] },
  ],
};

describe("checklistProblems: what the schema cannot see", () => {
  it("accepts a consistent compliance checklist and a consistent scored review", () => {
    expect(checklistProblems(compliance)).toEqual([]);
    expect(checklistProblems(review)).toEqual([]);
  });

  it("refuses a repeated section key and a repeated item key, even across sections, naming where", () => {
    const content: ChecklistContentShape = {
      sections: [
        { key: "a", title: "甲", items: [item("x"), item("y")] },
        { key: "a", title: "乙", items: [item("x")] },
      ],
    };
    expect(checklistProblems(content)).toEqual([
      { field: "sections.1.key", message: "第 2 部分编号：与第 1 部分重复（a）" },
      { field: "sections.1.items.0.key", message: "第 2 部分第 1 项编号：与第 1 部分第 1 项重复（x）" },
    ]);
  });

  it("requires a maximum score of a scored item and refuses one on a compliance item", () => {
    const content: ChecklistContentShape = { sections: [{ key: "a", title: "甲", items: [item("x", { answerType: "score" }), scoredItem("y", 5)] }] };
    expect(checklistProblems(content)).toEqual([{ field: "sections.0.items.0.maxScore", message: "第 1 部分第 1 项分值：评分项须填写分值" }]);
    const withScore: ChecklistContentShape = { sections: [{ key: "a", title: "甲", items: [item("x", { maxScore: 5 })] }] };
    expect(checklistProblems(withScore)[0]?.field).toBe("sections.0.items.0.maxScore");
  });

  it("refuses a template that mixes scored and compliance items: it is a review exactly when its items are scored", () => {
    const mixed: ChecklistContentShape = { sections: [{ key: "a", title: "甲", items: [item("x"), scoredItem("y", 5)] }] };
    expect(checklistProblems(mixed).map((p) => p.field)).toEqual(["sections.0.items.1.answerType"]);
    expect(isScoredContent(review)).toBe(true);
    expect(isScoredContent(compliance)).toBe(false);
  });
});

describe("counting and scoring", () => {
  it("counts items and totals a review's maximum; a compliance checklist has none", () => {
    expect(itemCountOf(compliance)).toBe(3);
    expect(maxScoreOf(review)).toBe(45);
    expect(maxScoreOf(compliance)).toBeNull();
  });

  it("totals a scored review by section and overall, counting what is still unanswered", () => {
    const tally = tallyAnswers(review, { leader: { score: 8 }, smoke_free: { score: 20 } });
    expect(tally.sections).toEqual([
      { key: "org", title: "组织管理", score: 8, maxScore: 25 },
      { key: "env", title: "环境建设", score: 20, maxScore: 20 },
    ]);
    expect(tally).toMatchObject({ score: 28, maxScore: 45, unanswered: 1 });
  });

  it("counts 符合 / 不符合 / 不适用 of a compliance checklist, with no score", () => {
    const tally = tallyAnswers(compliance, { exits: { result: "compliant" }, signs: { result: "non_compliant" }, wiring: { result: "not_applicable" } });
    expect(tally).toEqual({ sections: null, score: null, maxScore: null, compliant: 1, nonCompliant: 1, notApplicable: 1, unanswered: 0 });
  });

  it("does not count answers to keys the version does not have", () => {
    expect(tallyAnswers(compliance, { gone: { result: "non_compliant" } })).toMatchObject({ nonCompliant: 0, unanswered: 3 });
  });

  it("names answers that do not fit their item: unknown key, score out of range, result on a scored item, score on a compliance item", () => {
    expect(answerProblems(review, { leader: { score: 11 }, plan: { result: "compliant" }, nope: { score: 1 }, smoke_free: { score: 20 } })).toEqual([
      { field: "answers.leader", message: "「检查项leader」得分：应为 0～10 的整数" },
      { field: "answers.plan", message: "「检查项plan」：评分项应填写得分" },
      { field: "answers.nope", message: "检查项「nope」：不在本检查表中" },
    ]);
    expect(answerProblems(compliance, { exits: { score: 1 } })).toHaveLength(1);
    expect(answerProblems(review, { leader: { score: 2.5 } })).toHaveLength(1);
  });
});

describe("versioning: a used version never changes", () => {
  const edited: ChecklistContentShape = {
    sections: [{ ...compliance.sections[0], items: [item("exits", { text: "安全出口畅通" }), item("signs")] } as ChecklistContentShape["sections"][number]],
  };

  it("edits an unused version in place", () => {
    expect(planVersionEdit({ version: 1, firstUsedAt: null, content: compliance }, edited)).toEqual({ kind: "in_place", version: 1 });
  });

  it("makes the next version when the current one was used by an inspection or a campaign", () => {
    expect(planVersionEdit({ version: 3, firstUsedAt: new Date(), content: compliance }, edited)).toEqual({ kind: "new_version", version: 4 });
  });

  it("makes nothing when nothing changed, however the stored content ordered its keys", () => {
    const reordered = JSON.parse(JSON.stringify(compliance), (_key, value) =>
      value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
    );
    expect(sameContent(reordered, compliance)).toBe(true);
    expect(planVersionEdit({ version: 2, firstUsedAt: new Date(), content: reordered }, compliance)).toEqual({ kind: "unchanged" });
  });

  it("keeps an existing item's key meaning the same item: its answer type cannot change", () => {
    const retyped: ChecklistContentShape = { sections: [{ key: "fire", title: "消防", items: [scoredItem("exits", 5)] }] };
    expect(keyStabilityProblems(compliance, retyped)).toEqual([
      { field: "sections.0.items.0.answerType", message: "第 1 部分第 1 项作答方式：已有检查项不能改变作答方式，请删除后新增一项" },
    ]);
    expect(keyStabilityProblems(compliance, edited)).toEqual([]);
  });
});

describe("keys for new items", () => {
  it("gives an added item a random key of the prefix that no item in use has", () => {
    const draws = [0, 0, 0.5];
    const random = () => draws.shift() ?? 0.9;
    expect(unusedKey(new Set(["i000000"]), "i", random)).toBe("i000000".replace("000000", Math.floor(0.5 * 36 ** 6).toString(36)));
    expect(unusedKey(new Set(), "s")).toMatch(/^s[0-9a-z]{6}$/);
  });

  it("numbers imported sections and items in their order", () => {
    expect(
      numberedKeys([
        { title: "甲", items: [{ text: "a" }, { text: "b" }] },
        { title: "乙", items: [{ text: "c" }] },
      ]),
    ).toEqual([
      {
        key: "s1",
        title: "甲",
        items: [
          { text: "a", key: "s1-1" },
          { text: "b", key: "s1-2" },
        ],
      },
      { key: "s2", title: "乙", items: [{ text: "c", key: "s2-1" }] },
    ]);
  });

  it("keeps the keys of items and sections a workbook imported over a template still has, and gives new ones keys never used", () => {
    const current: ChecklistContentShape = {
      sections: [
        { key: "fire", title: "消防", items: [item("exits", { text: "出口畅通" }), item("ext", { text: "灭火器完好" })] },
        { key: "power", title: "用电", items: [item("wires", { text: "无私拉乱接" })] },
      ],
    };
    const row = (text: string, answerType: ChecklistItemShape["answerType"] = "compliance") => ({ text, answerType });
    const draws = [0.1, 0.2, 0.3];
    const keyed = keysCarriedOver(
      current,
      ["s3lllll", "i3lllll"],
      [
        // 用电 comes first now; 出口畅通 moved there; 灭火器完好 is now scored: a different item.
        { title: "用电", items: [row("无私拉乱接"), row("出口畅通")] },
        { title: "消防（新）", items: [row("灭火器完好", "score"), row("新增检查项")] },
      ],
      () => draws.shift() ?? 0.4,
    );
    expect(keyed.map((s) => [s.key, s.items.map((i) => i.key)])).toEqual([
      ["power", ["wires", "exits"]],
      [expect.stringMatching(/^s/), [expect.stringMatching(/^i/), expect.stringMatching(/^i/)]],
    ]);
    const fresh = [keyed[1]?.key, ...(keyed[1]?.items.map((i) => i.key) ?? [])];
    expect(new Set(fresh).size).toBe(3);
    for (const key of fresh) expect(["fire", "exits", "ext", "power", "wires", "s3lllll", "i3lllll"]).not.toContain(key);
  });

  it("gives one earlier item's key to one row only, preferring the row in a section of the same title", () => {
    const current: ChecklistContentShape = { sections: [{ key: "a", title: "甲", items: [item("x", { text: "同名项" })] }] };
    const keyed = keysCarriedOver(
      current,
      [],
      [
        { title: "乙", items: [{ text: "同名项", answerType: "compliance" as const }] },
        { title: "甲", items: [{ text: "同名项", answerType: "compliance" as const }] },
      ],
    );
    expect(keyed[1]?.items[0]?.key).toBe("x");
    expect(keyed[0]?.items[0]?.key).not.toBe("x");
  });
});

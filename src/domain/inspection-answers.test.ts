import { describe, expect, it } from "vitest";
import type { ChecklistContent } from "../contracts/checklists";
import { answerProblem, hazardPrefill, type ItemAnswer, inspectionTotals, itemsOf } from "./inspection-answers";

const CONTENT: ChecklistContent = {
  sections: [
    {
      key: "fire",
      title: "消防安全",
      items: [
        {
          key: "exits",
          text: "安全出口畅通",
          basis: "《消防法》第二十八条",
          category: "fire",
          gradeHint: "general",
          answerType: "compliance",
          photoRequired: false,
        },
        {
          key: "extinguishers",
          text: "灭火器完好有效",
          basis: "《消防法》第十六条",
          category: "fire",
          gradeHint: "major",
          answerType: "compliance",
          photoRequired: true,
        },
      ],
    },
    {
      key: "promotion",
      title: "健康促进",
      items: [
        { key: "org", text: "健康促进组织健全", basis: "", category: "other", gradeHint: "general", answerType: "score", maxScore: 10, photoRequired: false },
      ],
    },
  ],
};

const answers = (overrides: Record<string, Partial<ItemAnswer>> = {}): ItemAnswer[] => [
  { itemKey: "exits", result: "compliant", note: "", photoIds: [], ...overrides.exits },
  { itemKey: "extinguishers", result: "compliant", note: "", photoIds: ["p1"], ...overrides.extinguishers },
  { itemKey: "org", score: 8, note: "", photoIds: [], ...overrides.org },
];

describe("answers checked against their checklist version", () => {
  it("accepts every item answered by its type", () => {
    expect(answerProblem(CONTENT, answers(), [])).toBeNull();
  });

  it("names the photo-required item that has no photo", () => {
    expect(answerProblem(CONTENT, answers({ extinguishers: { photoIds: [] } }), [])).toEqual({
      field: "answers.1.photoIds",
      message: "检查项「灭火器完好有效」：须上传现场照片",
    });
  });

  it("does not ask a photo of an item found 不适用", () => {
    expect(answerProblem(CONTENT, answers({ extinguishers: { result: "not_applicable", photoIds: [] } }), [])).toBeNull();
  });

  it("names an item left unanswered, and one answered twice", () => {
    expect(answerProblem(CONTENT, answers().slice(1), [])?.message).toBe("检查项「安全出口畅通」：未作答");
    expect(answerProblem(CONTENT, [...answers(), answers()[0] as ItemAnswer], [])?.field).toBe("answers.3.itemKey");
  });

  it("wants a result of a compliance item and a score within the maximum of a scored one", () => {
    expect(answerProblem(CONTENT, answers({ exits: { result: undefined } }), [])?.field).toBe("answers.0.result");
    expect(answerProblem(CONTENT, answers({ exits: { score: 3 } }), [])?.field).toBe("answers.0.score");
    expect(answerProblem(CONTENT, answers({ org: { score: 11 } }), [])?.message).toBe("检查项「健康促进组织健全」：得分应为 0～10 的整数");
    expect(answerProblem(CONTENT, answers({ org: { score: undefined, result: "compliant" } }), [])?.field).toBe("answers.2.result");
  });

  it("wants a hazard or a reason for each 不符合, and no hazard tied to an item not found 不符合", () => {
    const failed = answers({ exits: { result: "non_compliant", note: "堆放杂物" } });
    expect(answerProblem(CONTENT, failed, [])?.field).toBe("answers.0.noHazardReason");
    expect(answerProblem(CONTENT, failed, ["exits"])).toBeNull();
    expect(answerProblem(CONTENT, answers({ exits: { result: "non_compliant", noHazardReason: "当场清理完毕" } }), [])).toBeNull();
    expect(answerProblem(CONTENT, answers(), ["exits", null])).toEqual({
      field: "hazards.0.itemKey",
      message: "检查项「安全出口畅通」：未判定为“不符合”，不能据此登记隐患",
    });
    expect(answerProblem(CONTENT, answers(), [null])).toBeNull();
  });

  it("refuses an item the checklist does not have", () => {
    expect(answerProblem(CONTENT, [...answers(), { itemKey: "ghost", result: "compliant", note: "", photoIds: [] }], [])?.message).toBe(
      "检查项：「ghost」不在本检查表中",
    );
  });

  it("counts 不符合 and totals a scored review by section", () => {
    expect(inspectionTotals(CONTENT, answers({ exits: { result: "non_compliant" } }))).toEqual({
      nonCompliantCount: 1,
      score: 8,
      sectionScores: [{ sectionKey: "promotion", score: 8, maxScore: 10 }],
    });
    expect(inspectionTotals({ sections: [CONTENT.sections[0] as ChecklistContent["sections"][number]] }, answers().slice(0, 2)).score).toBeNull();
  });

  it("prefills a hazard from the item: category, basis, grade hint, and the note as its description", () => {
    const item = itemsOf(CONTENT)[1];
    if (!item) throw new Error("no item");
    expect(hazardPrefill(item, " 两具灭火器压力不足 ")).toEqual({
      itemKey: "extinguishers",
      category: "fire",
      basis: "《消防法》第十六条",
      grade: "major",
      description: "两具灭火器压力不足",
    });
    expect(hazardPrefill(item, "").description).toBe("灭火器完好有效");
  });
});

import type { ChecklistContent } from "../contracts/checklists";

/**
 * Kept apart from the harness, which needs Vitest, so the browser tests (e2e/support.ts) build their
 * campaigns with the same checklist.
 */
/** A small compliance checklist of two sections and three items, for tests of areas that inspect with one. */
export const TEST_CHECKLIST: ChecklistContent = {
  sections: [
    {
      key: "fire",
      title: "消防安全",
      items: [
        {
          key: "exits",
          text: "安全出口、疏散通道畅通",
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
          gradeHint: "general",
          answerType: "compliance",
          photoRequired: true,
        },
      ],
    },
    {
      key: "power",
      title: "用电安全",
      items: [
        {
          key: "wiring",
          text: "无私拉乱接电线",
          basis: "GB 50054",
          category: "electrical",
          gradeHint: "major",
          answerType: "compliance",
          photoRequired: false,
        },
      ],
    },
  ],
};

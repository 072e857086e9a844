import type { ChecklistContent } from "../../contracts/checklists";
import { checklist, checklistVersion } from "../../db/schema";
import type { Db } from "../platform/db";

/**
 * The demo city's own checklist for holiday checks (seed 001: 节前安全检查 — duty arrangements and
 * fire control rooms before the Spring Festival), so the demo's authorities can plan a campaign with a
 * template of their own chain beside the shipped ones.
 */
const HOLIDAY_CHECK: ChecklistContent = {
  sections: [
    {
      key: "duty",
      title: "值班值守",
      items: [
        {
          key: "leader_on_duty",
          text: "节日期间落实领导带班和24小时值班制度，值班表已公布",
          basis: "seed 001：值班值守（领导带班 + 24小时值班）",
          category: "other",
          gradeHint: "general",
          answerType: "compliance",
          photoRequired: false,
        },
      ],
    },
    {
      key: "fire",
      title: "消防安全",
      items: [
        {
          key: "control_room",
          text: "消防控制室双人持证值班，设备运行正常",
          basis: "seed 001：消防控制室",
          category: "fire",
          gradeHint: "general",
          answerType: "compliance",
          photoRequired: true,
        },
        {
          key: "exits",
          text: "安全出口、疏散通道畅通，无锁闭、占用",
          basis: "seed 001：门诊楼、住院楼消防安全",
          category: "fire",
          gradeHint: "major",
          answerType: "compliance",
          photoRequired: false,
        },
      ],
    },
  ],
};

/** The name the demo city's holiday checklist goes by, for the demo's campaign that inspects with it. */
export const HOLIDAY_CHECKLIST_NAME = "节前安全检查表";

export async function seedDemoChecklist(db: Db, authorityCode: string) {
  const [template] = await db.insert(checklist).values({ authorityCode, name: HOLIDAY_CHECKLIST_NAME }).returning({ id: checklist.id });
  if (!template) throw new Error("no row");
  const itemCount = HOLIDAY_CHECK.sections.reduce((sum, section) => sum + section.items.length, 0);
  await db.insert(checklistVersion).values({ checklistId: template.id, version: 1, content: HOLIDAY_CHECK, itemCount });
}

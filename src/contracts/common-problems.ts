import { z } from "zod";
import { CalendarDay } from "./common";
import { defineRoute, requires } from "./route";
import { labelled, references } from "./validation";

export const CommonProblemsQuery = z.object({
  from: labelled(CalendarDay, "发现日期起"),
  to: labelled(CalendarDay, "发现日期止"),
  /** Only the hazards its inspections found (seed 003: a round's common problems, for its 回头看). */
  campaignId: references(z.uuid(), "campaign", "检查工作").optional(),
});

/** One category of the period: how many hazards, how many institutions had one, how many are still open. */
export const CommonProblem = z.object({
  category: z.string(),
  label: z.string(),
  hazards: z.number().int(),
  institutions: z.number().int(),
  open: z.number().int(),
  /** Hazards by jurisdiction one level below the caller's (code → count). */
  byChild: z.record(z.string(), z.number().int()),
  /** Hazards by institution category (医院 / 基层 / 专业公共卫生 / 其他). */
  byGroup: z.record(z.string(), z.number().int()),
});
export type CommonProblem = z.infer<typeof CommonProblem>;

export const CommonProblems = z.object({
  children: z.array(z.object({ code: z.string(), name: z.string() })),
  /** Most widespread first: by the number of institutions that had one. */
  categories: z.array(CommonProblem),
});
export type CommonProblems = z.infer<typeof CommonProblems>;

export const commonProblemRoutes = {
  report: defineRoute({
    method: "GET",
    path: "/api/hazards/common-problems",
    summary: "共性问题：一段时间内的隐患按类别归类，按地区和机构类别统计，及未销号占比",
    access: requires("hazard:record"),
    query: CommonProblemsQuery,
    response: CommonProblems,
  }),
};

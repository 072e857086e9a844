import { z } from "zod";
import { HAZARD_SETTING_LABELS } from "../domain/hazard-listing";
import { CalendarDay, Pagination, pageOf, requiredText, sortingOf } from "./common";
import { defineRoute, requires, SIGNED_IN } from "./route";
import { choice, labelled } from "./validation";

const days = (key: keyof typeof HAZARD_SETTING_LABELS, min: number, max: number) => labelled(z.number().int().min(min).max(max), HAZARD_SETTING_LABELS[key]);

/** An authority's figures for its hazards, notices and listings. A PUT sends every field (ADR 8). */
export const HazardSettingsBody = z.object({
  hazardPrefix: requiredText("隐患编号代字", 20),
  noticePrefix: requiredText("通知书文号代字", 20),
  listingPrefix: requiredText("挂牌督办文号代字", 20),
  dueSoonDays: days("dueSoonDays", 0, 30),
  listingPublishDays: days("listingPublishDays", 1, 60),
  delistingPublishDays: days("delistingPublishDays", 1, 60),
  extensionLeadDays: days("extensionLeadDays", 0, 250),
  extensionDecisionDays: days("extensionDecisionDays", 1, 60),
});
export type HazardSettingsBody = z.infer<typeof HazardSettingsBody>;

export const HazardSettingsView = z.object({
  authorityCode: z.string(),
  authorityName: z.string(),
  settings: HazardSettingsBody,
  /** What each field is when the authority has not set it. */
  defaults: HazardSettingsBody,
});
export type HazardSettingsView = z.infer<typeof HazardSettingsView>;

export const HazardCategoryItem = z.object({
  /** The key stored on a hazard: a built-in key, or the added category's name. */
  value: z.string(),
  label: z.string(),
  /** The authority that added it; absent for a built-in category. */
  addedBy: z.string().optional(),
});
export type HazardCategoryItem = z.infer<typeof HazardCategoryItem>;

export const NewHazardCategoryBody = z.object({ name: requiredText("类别名称", 30) });

export const CALENDAR_DAY_KINDS = { workday: "工作日（调休上班）", holiday: "休息日（节假日）" } as const;

export const CalendarCorrection = z.object({
  day: z.string(),
  kind: z.enum(["workday", "holiday"]),
  note: z.string(),
});
export type CalendarCorrection = z.infer<typeof CalendarCorrection>;

/** The corrections list: one year's, or all; of one kind, or both; by day. */
export const CALENDAR_CORRECTION_SORTS = { day: "日期" } as const;
export const CalendarCorrectionFilters = z.object({
  year: labelled(z.coerce.number().int().min(2000).max(2100), "年份").optional(),
  kind: choice(CALENDAR_DAY_KINDS, "该日为").optional(),
});
export const CalendarCorrectionQuery = CalendarCorrectionFilters.extend(Pagination.shape).extend(sortingOf(CALENDAR_CORRECTION_SORTS).shape);
export type CalendarCorrectionQuery = z.infer<typeof CalendarCorrectionQuery>;
export const CalendarCorrectionPage = pageOf(CalendarCorrection);

export const CalendarDayParams = z.object({ day: labelled(CalendarDay, "日期") });
export const CalendarCorrectionBody = z.object({
  kind: choice(CALENDAR_DAY_KINDS, "该日为"),
  note: labelled(z.string().trim().max(200), "说明"),
});

export const settingsRoutes = {
  hazardSettings: defineRoute({
    method: "GET",
    path: "/api/settings/hazards",
    summary: "本部门的隐患管理设置（编号代字、提醒天数、挂牌督办时限）",
    access: requires("hazard:record"),
    response: HazardSettingsView,
  }),
  updateHazardSettings: defineRoute({
    method: "PUT",
    path: "/api/settings/hazards",
    summary: "修改本部门的隐患管理设置",
    access: requires("settings:manage"),
    body: HazardSettingsBody,
    example: {
      hazardPrefix: "兰考",
      noticePrefix: "兰卫安通",
      listingPrefix: "兰卫督",
      dueSoonDays: 3,
      listingPublishDays: 5,
      delistingPublishDays: 5,
      extensionLeadDays: 20,
      extensionDecisionDays: 10,
    },
    response: HazardSettingsView,
  }),
  categories: defineRoute({
    method: "GET",
    path: "/api/hazard-categories",
    summary: "隐患类别（内置类别及本级和上级部门增加的类别）",
    access: requires("hazard:read"),
    response: z.array(HazardCategoryItem),
  }),
  addCategory: defineRoute({
    method: "POST",
    path: "/api/hazard-categories",
    summary: "增加隐患类别（本级及下级部门可用）",
    access: requires("settings:manage"),
    body: NewHazardCategoryBody,
    example: { name: "电梯安全" },
    response: z.array(HazardCategoryItem),
    status: 201,
  }),
  calendar: defineRoute({
    method: "GET",
    path: "/api/calendar-corrections",
    summary: "工作日历的人工更正（覆盖内置节假日安排），可按年份和类型查询",
    access: SIGNED_IN,
    query: CalendarCorrectionQuery,
    response: CalendarCorrectionPage,
  }),
  correctCalendar: defineRoute({
    method: "PUT",
    path: "/api/calendar-corrections/:day",
    summary: "更正某一天是否为工作日",
    access: requires("calendar:manage"),
    params: CalendarDayParams,
    body: CalendarCorrectionBody,
    example: { kind: "workday", note: "国务院办公厅通知：调休上班" },
    response: z.array(CalendarCorrection),
  }),
  removeCalendarCorrection: defineRoute({
    method: "DELETE",
    path: "/api/calendar-corrections/:day",
    summary: "撤销某一天的更正，恢复内置安排",
    access: requires("calendar:manage"),
    params: CalendarDayParams,
    response: z.array(CalendarCorrection),
  }),
};

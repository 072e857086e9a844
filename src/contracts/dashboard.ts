import { z } from "zod";
import { defineRoute, requires } from "./route";

/** Institutions on the register in the caller's scope, by type and grade. */
export const InstitutionCounts = z.object({
  total: z.number().int(),
  cells: z.array(z.object({ type: z.string(), grade: z.string(), count: z.number().int() })),
});
export type InstitutionCounts = z.infer<typeof InstitutionCounts>;

/**
 * The counts one level down — by city for the province, by county for a city — by category
 * (医院 / 基层 / 专业公共卫生 / 其他) and grade; `level` is null where there is no level below (a
 * county, an institution).
 */
export const InstitutionBreakdown = z.object({
  level: z.enum(["city", "county"]).nullable(),
  children: z.array(z.object({ code: z.string(), name: z.string() })),
  cells: z.array(z.object({ code: z.string(), group: z.string(), grade: z.string(), count: z.number().int() })),
});
export type InstitutionBreakdown = z.infer<typeof InstitutionBreakdown>;

export const dashboardRoutes = {
  counts: defineRoute({
    method: "GET",
    path: "/api/dashboard/institution-counts",
    summary: "管辖范围内在册机构数（类型 × 等级）",
    access: requires("institution:read"),
    response: InstitutionCounts,
  }),
  breakdown: defineRoute({
    method: "GET",
    path: "/api/dashboard/breakdown",
    summary: "下一级区划的在册机构数（省看各市，市看各县区；类别 × 等级）",
    access: requires("institution:read"),
    response: InstitutionBreakdown,
  }),
};

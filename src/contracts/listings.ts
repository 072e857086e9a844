import { z } from "zod";
import { CalendarDay, HazardIdParams, JurisdictionCode, Pagination, pageOf, QueryBoolean, requiredText, sortingOf } from "./common";
import { HazardDetail, HazardSummary, Listing, ListingClock } from "./hazards";
import { defineRoute, requires } from "./route";
import { choice, labelled, references } from "./validation";

const version = labelled(z.number().int().min(1), "版本");

export const ListHazardBody = z.object({
  version,
  supervisingDepartment: requiredText("督办责任部门", 100),
  deadline: labelled(CalendarDay, "督办整改期限"),
});

export const PublishListingBody = z.object({
  version,
  /** The listing itself, or its delisting (摘牌). */
  stage: choice({ listing: "挂牌督办", delisting: "摘牌销号" }, "公布事项"),
});

export const VersionBody = z.object({ version });

export const LISTING_VIEWS = {
  to_list: "待挂牌",
  active: "督办中",
  delisted: "已摘牌",
  requested: "报请上级督办",
} as const;

/** A queue's filters: the list, and its export, select by the same ones. */
export const ListingQueueFilters = z.object({
  view: choice(LISTING_VIEWS, "类别").default("active"),
  /** Any part of the hazard's number, its institution's name or credit code, its place or description. */
  q: labelled(z.string().trim().max(50), "隐患编号、机构或描述").optional(),
  /** A jurisdiction within the caller's own, with everything under it. */
  jurisdictionCode: references(JurisdictionCode, "jurisdiction", "行政区划").optional(),
  /** A statutory clock has run out, or the hazard is past its deadline (the item's `late`). */
  late: labelled(QueryBoolean, "是否超期").optional(),
  /** The institution has signed for the listing (签收); a hazard not yet listed is neither. */
  acknowledged: labelled(QueryBoolean, "是否签收").optional(),
});
export type ListingQueueFilters = z.infer<typeof ListingQueueFilters>;

export const LISTING_SORTS = {
  /** Late items first, then by deadline: what the listing authority must act on now. */
  urgency: "紧急程度",
  deadline: "整改期限",
  listedOn: "挂牌日期",
  number: "隐患编号",
} as const;
export type ListingSort = keyof typeof LISTING_SORTS;

export const ListingExportQuery = ListingQueueFilters.extend(sortingOf(LISTING_SORTS).shape);
export type ListingExportQuery = z.infer<typeof ListingExportQuery>;
export const ListingQueueQuery = ListingExportQuery.extend(Pagination.shape);

export const ListingQueueItem = z.object({
  /** The hazard's id and version, to act on it from the queue. */
  id: z.uuid(),
  version: z.number().int(),
  hazard: HazardSummary,
  listingAuthorityName: z.string(),
  listing: Listing.nullable(),
  clocks: z.array(ListingClock),
  /** A statutory clock has run out, or the hazard is past its deadline. */
  late: z.boolean(),
});
export type ListingQueueItem = z.infer<typeof ListingQueueItem>;

/** A statutory clock as a line of text: "公布挂牌督办：2026-06-10 已办", "…：已超期，应于 2026-06-17 前". */
export const clockText = (clock: ListingClock) =>
  clock.doneOn ? `${clock.label}：${clock.doneOn} 已办` : `${clock.label}：${clock.late ? "已超期，" : ""}应于 ${clock.dueOn} 前`;

export const listingRoutes = {
  queue: defineRoute({
    method: "GET",
    path: "/api/hazard-listings",
    summary: "挂牌督办：待挂牌、督办中、已摘牌，以及报请上级督办的重大隐患",
    description: "逾期未公布、逾期未答复延期申请或已过整改期限的排在最前。",
    access: requires("hazard:record"),
    query: ListingQueueQuery,
    response: pageOf(ListingQueueItem),
  }),
  export: defineRoute({
    method: "GET",
    path: "/api/hazard-listings/export",
    summary: "导出筛选后的挂牌督办事项（.xlsx）",
    description: "与挂牌督办列表相同的范围、类别、筛选条件和排序。",
    access: requires("hazard:export"),
    query: ListingExportQuery,
    response: "file",
  }),
  list: defineRoute({
    method: "POST",
    path: "/api/hazards/:id/listing",
    summary: "挂牌督办重大隐患（上一级监管部门）",
    access: requires("hazard:record"),
    params: HazardIdParams,
    body: ListHazardBody,
    example: { version: 1, supervisingDepartment: "开封市卫生健康委员会安全生产科", deadline: "2026-12-31" },
    response: HazardDetail,
  }),
  publish: defineRoute({
    method: "POST",
    path: "/api/hazards/:id/listing/publish",
    summary: "记录挂牌督办或摘牌销号已公布",
    access: requires("hazard:record"),
    params: HazardIdParams,
    body: PublishListingBody,
    example: { version: 1, stage: "listing" },
    response: HazardDetail,
  }),
  acknowledge: defineRoute({
    method: "POST",
    path: "/api/hazards/:id/listing/acknowledge",
    summary: "机构签收挂牌督办",
    access: requires("hazard:read"),
    params: HazardIdParams,
    body: VersionBody,
    example: { version: 1 },
    response: HazardDetail,
  }),
};

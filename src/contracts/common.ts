import { z } from "zod";
import { choice, labelled, type RecordKind, references } from "./validation";

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    /** In Chinese, naming the field by its label when there is one. */
    message: z.string(),
    field: z.string().optional(),
    /** Every bad field, when there are several. */
    problems: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Bounded: a client cannot ask for the whole table in one page. */
export const MAX_PAGE_SIZE = 100;

export const Pagination = z.object({
  page: labelled(z.coerce.number().int().min(1).max(100_000), "页码").default(1),
  pageSize: labelled(z.coerce.number().int().min(1).max(MAX_PAGE_SIZE), "每页条数").default(20),
});

export const SORT_ORDERS = { asc: "升序", desc: "降序" } as const;
export type SortOrder = keyof typeof SORT_ORDERS;

/** `sort` and `order` of a list whose sortable columns are the keys of `columns` (labelled). */
export const sortingOf = <const Columns extends Record<string, string>>(columns: Columns) =>
  z.object({
    sort: choice(columns, "排序字段").optional(),
    order: choice(SORT_ORDERS, "排序方向").optional(),
  });

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    /** The count stopped at `total`: there are more matches than that (a very common search term). */
    totalCapped: z.boolean().optional().meta({ description: "为 true 时匹配数超过 total，只数到 total（很常见的一两个字的搜索词）；导出仍包含全部匹配" }),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export const Uuid = z.uuid();
/** Path parameters naming one record by its uuid (jurisdictions are named by code instead). */
export const idParamsOf = (kind: Exclude<RecordKind, "jurisdiction">, label: string) => z.object({ id: references(z.uuid(), kind, label) });
export const InstitutionIdParams = idParamsOf("institution", "机构编号");
export const UserIdParams = idParamsOf("user", "用户编号");
export const ImportIdParams = idParamsOf("import", "导入批次编号");
export const HazardIdParams = idParamsOf("hazard", "隐患编号");
export const NoticeIdParams = idParamsOf("notice", "文书编号");

/** "true"/"false" in a query string. */
export const QueryBoolean = z.enum(["true", "false"]).transform((v) => v === "true");

export const JurisdictionCode = z.string().regex(/^\d{6}$/, "应为 6 位数字行政区划代码");

/** A calendar day, YYYY-MM-DD. */
export const CalendarDay = z.iso.date();

/** Free text of at most `max` characters that must not be blank. */
export const requiredText = (label: string, max: number) => labelled(z.string().trim().min(1, "不能为空").max(max), label);
/** Free text of at most `max` characters; "" when there is nothing to say. */
export const optionalText = (label: string, max: number) => labelled(z.string().trim().max(max), label);
/** A head count or a size: a whole number from 0. Not coerced: a JSON null or "" is an error, never 0. */
export const countField = (label: string) => labelled(z.number().int().min(0).max(10_000_000), label);

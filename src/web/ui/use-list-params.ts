import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TablePaginationConfig } from "antd";
import { useSearchParams } from "react-router";
import type { z } from "zod";
import type { SortOrder } from "../../contracts/common";
import type { CallInput, RouteContract } from "../../contracts/route";
import { call } from "../app/api";

const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;

function positiveInteger(text: string | null): number | undefined {
  const value = Number(text);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The query string of the address bar now. */
const currentParams = () => new URLSearchParams(window.location.search);

/**
 * How many rows a list's filter matches; `totalCapped` when the server stopped counting at `total`.
 * A list that pages by cursor as well answers where its next page starts (`nextCursor`).
 */
export interface PageCount {
  total: number;
  totalCapped?: boolean;
  nextCursor?: string | null;
}

export interface ListSort<SortKey extends string> {
  key?: SortKey;
  order?: SortOrder;
}

/**
 * Filters, sort and page of a list kept in the URL query, so reload, back and a shared link show
 * the same list. Changing a filter or the sort returns to the first page.
 *
 * A list whose endpoint pages by cursor too (`cursor`) goes on past the pages its count numbers:
 * the URL then holds the cursor the page starts after (`after`), and `page` goes on numbering.
 */
export function useListParams<Key extends string, SortKey extends string = never>(
  keys: readonly Key[],
  sortKeys: readonly SortKey[] = [],
  options: { cursor?: boolean } = {},
) {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = Object.fromEntries(keys.map((key) => [key, searchParams.get(key) ?? undefined])) as Partial<Record<Key, string>>;
  const page = positiveInteger(searchParams.get("page")) ?? 1;
  const requestedSize = positiveInteger(searchParams.get("pageSize"));
  const pageSize = requestedSize && PAGE_SIZES.includes(requestedSize) ? requestedSize : DEFAULT_PAGE_SIZE;
  const after = (options.cursor && searchParams.get("after")) || undefined;
  const sortParam = searchParams.get("sort");
  const orderParam = searchParams.get("order");
  const sort: ListSort<SortKey> = {
    key: sortKeys.find((key) => key === sortParam),
    order: orderParam === "asc" || orderParam === "desc" ? orderParam : undefined,
  };

  /**
   * Applies changes to the URL's query and returns to the first page; the page size stays. Every
   * change starts from the address bar as it is now, never from a render's copy: a handler kept by
   * a component from an earlier render would otherwise undo the changes made since.
   */
  const change = (changes: Record<string, string | null | undefined>) =>
    setSearchParams(() => {
      const next = currentParams();
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || value === null || value === "") next.delete(key);
        else next.set(key, value);
      }
      next.delete("page");
      next.delete("after");
      return next;
    });

  const pagination = (counted: PageCount | undefined): TablePaginationConfig => ({
    current: page,
    pageSize,
    total: counted?.total,
    pageSizeOptions: PAGE_SIZES,
    showSizeChanger: true,
    showTotal: (count) => (counted?.totalCapped ? `超过 ${count.toLocaleString("zh-CN")} 条，请缩小查询范围` : `共 ${count} 条`),
    onChange: (nextPage, nextSize) =>
      setSearchParams(() => {
        const next = currentParams();
        next.set("page", String(nextSize === pageSize ? nextPage : 1));
        next.set("pageSize", String(nextSize));
        next.delete("after");
        return next;
      }),
  });

  /**
   * A page past the end (an old link, the last row deleted, rows filtered away elsewhere) would
   * show an empty table that antd's pager cannot leave: the URL is corrected to the last page.
   */
  const keepWithin = (total: number) => {
    const lastPage = Math.ceil(total / pageSize);
    // A page reached by cursor lies past the counted total by design.
    if (total === 0 || page <= lastPage || after) return;
    setSearchParams(
      () => {
        const next = currentParams();
        next.set("page", String(lastPage));
        return next;
      },
      { replace: true },
    );
  };

  const sortQuery = { sort: sort.key, order: sort.key ? sort.order : undefined };
  return {
    filters,
    sort,
    /** What to ask the list endpoint for: filters, sort, page and page size (and the cursor, past the numbered pages). */
    query: { ...filters, ...sortQuery, page, pageSize, ...(after ? { after } : {}) },
    /** What to ask the export for: the same rows, all of them. */
    exportQuery: { ...filters, ...sortQuery },
    page,
    pageSize,
    /** The cursor this page starts after, when it lies past the numbered pages. */
    after,
    /** 下一页 past the numbered pages: the page after this one, from its cursor. */
    continueAfter: (cursor: string) =>
      setSearchParams(() => {
        const next = currentParams();
        next.set("after", cursor);
        next.set("page", String(page + 1));
        return next;
      }),
    /** Back to page 1, filters and sort kept. */
    firstPage: () => change({}),
    setFilters: (changes: Partial<Record<Key, string | null | undefined>>) => change(changes),
    setSort: (key?: SortKey, order?: SortOrder) => change({ sort: key, order: key ? order : undefined }),
    /**
     * A header clicked: ascending first, then the other way round each time. Decided from the
     * address bar, not from the table's own idea of its state, which can lag a render behind.
     */
    toggleSort: (key: SortKey, shownOrder?: SortOrder) => {
      const current = currentParams();
      const order = current.get("sort") === key ? current.get("order") : shownOrder;
      change({ sort: key, order: order === "asc" ? "desc" : "asc" });
    },
    /** 重置: every filter cleared; the sort and page size stay. */
    clearFilters: () => change(Object.fromEntries(keys.map((key) => [key, null]))),
    hasFilters: keys.some((key) => searchParams.has(key)),
    /** Props for an antd Table's `pagination`, driven by the URL. */
    pagination,
    keepWithin,
  };
}

export type ListParams = ReturnType<typeof useListParams<string, string>>;

type PagedRoute<Schema extends z.ZodType<{ items: unknown[]; total: number }>> = RouteContract & { response: Schema };

/**
 * One page of a list route. While the next page loads, the previous one stays on screen (marked as
 * placeholder data) instead of the table flashing empty.
 */
export function usePageQuery<Schema extends z.ZodType<{ items: unknown[]; total: number }>, Route extends PagedRoute<Schema>>(
  route: Route & PagedRoute<Schema>,
  query: CallInput<Route>["query"],
  input: Pick<CallInput<Route>, "params"> = {},
) {
  return useQuery({
    queryKey: [route.path, "list", input.params, query],
    queryFn: () => call(route, { ...input, query }),
    placeholderData: keepPreviousData,
  });
}

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TablePaginationConfig } from "antd";
import { useSearchParams } from "react-router";
import { api, type QueryValue, withQuery } from "../app/api";

const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;

function positiveInteger(text: string | null): number | undefined {
  const value = Number(text);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * Filters and page of a list kept in the URL query, so reload, back and a shared link show the
 * same list. Changing a filter returns to the first page.
 */
export function useListParams<Key extends string>(keys: readonly Key[]) {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = Object.fromEntries(keys.map((key) => [key, searchParams.get(key) ?? undefined])) as Partial<Record<Key, string>>;
  const page = positiveInteger(searchParams.get("page")) ?? 1;
  const requestedSize = positiveInteger(searchParams.get("pageSize"));
  const pageSize = requestedSize && PAGE_SIZES.includes(requestedSize) ? requestedSize : DEFAULT_PAGE_SIZE;

  /** Keeps the page size (and anything else in the URL) and returns to the first page. */
  const setFilters = (changes: Partial<Record<Key, string | null | undefined>>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes) as [Key, string | null | undefined][]) {
      if (value === undefined || value === null || value === "") next.delete(key);
      else next.set(key, value);
    }
    next.delete("page");
    setSearchParams(next);
  };

  const pagination = (total: number | undefined): TablePaginationConfig => ({
    current: page,
    pageSize,
    total,
    pageSizeOptions: PAGE_SIZES,
    showSizeChanger: true,
    showTotal: (count) => `共 ${count} 条`,
    onChange: (nextPage, nextSize) => {
      const next = new URLSearchParams(searchParams);
      next.set("page", String(nextSize === pageSize ? nextPage : 1));
      next.set("pageSize", String(nextSize));
      setSearchParams(next);
    },
  });

  /**
   * A page past the end (an old link, the last row deleted, rows filtered away elsewhere) would
   * show an empty table that antd's pager cannot leave: the URL is corrected to the last page.
   */
  const keepWithin = (total: number) => {
    const lastPage = Math.ceil(total / pageSize);
    if (total === 0 || page <= lastPage) return;
    const next = new URLSearchParams(searchParams);
    next.set("page", String(lastPage));
    setSearchParams(next, { replace: true });
  };

  return {
    filters,
    /** What to ask the API for: the filters, page and page size. */
    query: { ...filters, page, pageSize },
    page,
    pageSize,
    setFilters,
    clearFilters: () => setFilters(Object.fromEntries(keys.map((key) => [key, null])) as Record<Key, null>),
    hasFilters: keys.some((key) => searchParams.has(key)),
    /** Props for an antd Table's `pagination`, driven by the URL. */
    pagination,
    keepWithin,
  };
}

export type ListParams = ReturnType<typeof useListParams>;

/** The shape every paginated endpoint answers with (contracts/common.ts `pageOf`). */
export interface Page<Item> {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * One page of a list endpoint. While the next page loads, the previous one stays on screen
 * (marked as placeholder data) instead of the table flashing empty.
 */
export function usePageQuery<Item>(key: string, path: string, query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [key, "list", query],
    queryFn: () => api<Page<Item>>(withQuery(path, query)),
    placeholderData: keepPreviousData,
  });
}

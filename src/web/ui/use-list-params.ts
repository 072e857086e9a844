import type { TablePaginationConfig } from "antd";
import { useSearchParams } from "react-router";

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

  return {
    filters,
    page,
    pageSize,
    setFilters,
    clearFilters: () => setSearchParams(new URLSearchParams()),
    hasFilters: keys.some((key) => searchParams.has(key)),
    /** Props for an antd Table's `pagination`, driven by the URL. */
    pagination,
  };
}

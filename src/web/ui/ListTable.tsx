import type { UseQueryResult } from "@tanstack/react-query";
import { Table, type TableColumnsType } from "antd";
import { useEffect } from "react";
import { LoadError } from "./results";
import type { ListParams } from "./use-list-params";

/** The table of a paginated list page, or why its page could not be loaded. */
export function ListTable<Row extends { id: string | number }>({
  query,
  list,
  columns,
  emptyText,
}: {
  query: UseQueryResult<{ items: Row[]; total: number }>;
  list: Pick<ListParams, "pagination" | "keepWithin">;
  columns: TableColumnsType<Row>;
  emptyText: string;
}) {
  // Only the answer for this very page counts: a previous page's total still on screen may be another filter's.
  const total = query.isPlaceholderData ? undefined : query.data?.total;
  const { keepWithin } = list;
  useEffect(() => {
    if (total !== undefined) keepWithin(total);
  }, [total, keepWithin]);

  if (query.isError) return <LoadError error={query.error} onRetry={() => query.refetch()} />;
  return (
    <Table<Row>
      rowKey="id"
      columns={columns}
      dataSource={query.data?.items}
      loading={query.isFetching}
      pagination={list.pagination(query.data?.total)}
      // Wide tables scroll sideways inside their card on a phone instead of stretching the page.
      scroll={{ x: "max-content" }}
      locale={{ emptyText }}
    />
  );
}

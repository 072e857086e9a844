import type { UseQueryResult } from "@tanstack/react-query";
import { Table, type TableColumnsType, type TablePaginationConfig } from "antd";
import { LoadError } from "./results";

/** The table of a paginated list page, or why its page could not be loaded. */
export function ListTable<Row extends { id: string | number }>({
  query,
  columns,
  pagination,
  emptyText,
}: {
  query: UseQueryResult<{ items: Row[]; total: number }>;
  columns: TableColumnsType<Row>;
  pagination: (total: number | undefined) => TablePaginationConfig;
  emptyText: string;
}) {
  if (query.isError) return <LoadError error={query.error} onRetry={() => query.refetch()} />;
  return (
    <Table<Row>
      rowKey="id"
      columns={columns}
      dataSource={query.data?.items}
      loading={query.isFetching}
      pagination={pagination(query.data?.total)}
      // Wide tables scroll sideways inside their card on a phone instead of stretching the page.
      scroll={{ x: "max-content" }}
      locale={{ emptyText }}
    />
  );
}

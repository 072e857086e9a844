import type { UseQueryResult } from "@tanstack/react-query";
import { Button, Card, Empty, Flex, Grid, List, Pagination, Result, Select, Spin, Table, type TableColumnsType, Typography } from "antd";
import type { SortOrder as AntSortOrder } from "antd/es/table/interface";
import { type ReactNode, useEffect } from "react";
import type { SortOrder } from "../../contracts/common";
import { ApiError } from "../app/api";
import { LoadError } from "./results";
import type { ListSort, PageCount } from "./use-list-params";

/** One column of a list: its title, how a row shows in it, and whether it sorts. */
export interface ListColumn<Row, SortKey extends string = string> {
  key: string;
  title: string;
  render: (row: Row) => ReactNode;
  /** The server-side sort this column's header applies. */
  sortKey?: SortKey;
  align?: "left" | "right";
  /** On a phone each row is a card: this column is its title, or left out. */
  phone?: "title" | "hidden";
}

interface ListState<SortKey extends string> {
  page: number;
  pageSize: number;
  sort: ListSort<SortKey>;
  setSort: (key?: SortKey, order?: SortOrder) => void;
  toggleSort: (key: SortKey, shownOrder?: SortOrder) => void;
  pagination: (counted: PageCount | undefined) => import("antd").TablePaginationConfig;
  keepWithin: (total: number) => void;
  hasFilters: boolean;
  clearFilters: () => void;
  after?: string;
  continueAfter: (cursor: string) => void;
  firstPage: () => void;
}

/** The field that tells rows apart: `id`, or — for rows without one (a day, a category) — the field named. */
type RowKeyOf<Row> = Row extends { id: string | number } ? { rowKey?: keyof Row & string } : { rowKey: keyof Row & string };

const ANT_ORDER: Record<SortOrder, AntSortOrder> = { asc: "ascend", desc: "descend" };

/** The text of a phone card's sort choice: "床位数 ↓". */
const sortLabel = (title: string, order: SortOrder) => `${title} ${order === "asc" ? "↑" : "↓"}`;

/**
 * The table of a list page, as users of admin systems expect it: a 序号 column, sortable headers
 * whose sort lives in the URL, an 操作 column, and an empty state that offers to clear the filters.
 * On a phone the rows become cards, so no page scrolls sideways.
 */
export function ListTable<Row extends object, SortKey extends string = never>({
  query,
  list,
  columns,
  actions,
  defaultSort,
  emptyText,
  ...keyed
}: RowKeyOf<Row> & {
  query: UseQueryResult<{ items: Row[] } & PageCount>;
  list: ListState<SortKey>;
  columns: ListColumn<Row, SortKey>[];
  /** The 操作 column's content for a row. */
  actions?: (row: Row) => ReactNode;
  /** The sort the server applies when none is asked for, shown on its header. */
  defaultSort?: { key: SortKey; order: SortOrder };
  emptyText: string;
}) {
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  // Only the answer for this very page counts: a previous page's total still on screen may be another filter's.
  const total = query.isPlaceholderData ? undefined : query.data?.total;
  const { keepWithin } = list;
  useEffect(() => {
    if (total !== undefined) keepWithin(total);
  }, [total, keepWithin]);

  if (query.isError) {
    // A filter the server refuses (a hand-edited link, say) will not pass on retry: clearing the filters will.
    const refusal = query.error instanceof ApiError && query.error.status === 400 ? query.error : undefined;
    // A page number or cursor it refuses (an old link, a page past the numbered ones) is left by going back to page 1.
    const refusedPage = refusal?.field === "page" || refusal?.field === "after";
    return refusal ? (
      <Result
        status="warning"
        title={refusedPage ? "无法打开该页" : "查询条件有误"}
        subTitle={query.error.message}
        extra={refusedPage ? <Button onClick={list.firstPage}>回到第一页</Button> : <Button onClick={list.clearFilters}>清除筛选条件</Button>}
      />
    ) : (
      <LoadError error={query.error} onRetry={() => query.refetch()} />
    );
  }

  const activeSort = list.sort.key ? { key: list.sort.key, order: list.sort.order ?? "asc" } : defaultSort;
  const rowNumber = (index: number) => (list.page - 1) * list.pageSize + index + 1;
  const empty = (
    <Empty description={list.hasFilters ? "没有符合条件的记录" : emptyText}>
      {list.hasFilters && <Button onClick={list.clearFilters}>清除筛选条件</Button>}
    </Empty>
  );

  // Past the pages the count numbers (it stopped at its cap), 下一页 goes on from the last row's cursor.
  const nextCursor = query.isPlaceholderData ? undefined : query.data?.nextCursor;
  const onLastNumberedPage = total !== undefined && list.page >= Math.ceil(total / list.pageSize);
  const continuation =
    !list.after && query.data?.totalCapped && onLastNumberedPage && nextCursor ? (
      <Flex justify="end" align="center" gap={8} wrap style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">按页码只能翻到前 {total?.toLocaleString("zh-CN")} 条</Typography.Text>
        <Button onClick={() => list.continueAfter(nextCursor)}>下一页</Button>
      </Flex>
    ) : null;

  if (isPhone) {
    const sortable = columns.filter((column) => column.sortKey);
    return (
      <Flex vertical gap={12}>
        {sortable.length > 0 && (
          <Select<string>
            aria-label="排序"
            prefix="排序："
            placeholder="默认"
            value={activeSort ? `${activeSort.key}:${activeSort.order}` : undefined}
            onChange={(value) => {
              const [key, order] = value.split(":") as [SortKey, SortOrder];
              list.setSort(key, order);
            }}
            options={sortable.flatMap((column) =>
              (["asc", "desc"] as const).map((order) => ({ value: `${column.sortKey}:${order}`, label: sortLabel(column.title, order) })),
            )}
          />
        )}
        <Spin spinning={query.isFetching}>
          <List<Row>
            dataSource={query.data?.items}
            locale={{ emptyText: empty }}
            renderItem={(row, index) => <RowCard row={row} number={rowNumber(index)} columns={columns} actions={actions} />}
          />
        </Spin>
        {list.after ? (
          <CursorPager list={list} nextCursor={nextCursor} />
        ) : (
          <>
            {(total ?? 0) > 0 && <Pagination simple align="center" {...list.pagination(query.data)} />}
            {continuation}
          </>
        )}
      </Flex>
    );
  }

  const tableColumns: TableColumnsType<Row> = [
    { title: "序号", key: "__number", width: 64, align: "right", render: (_value, _row, index) => rowNumber(index) },
    ...columns.map((column) => ({
      title: column.title,
      key: column.key,
      align: column.align,
      render: (_value: unknown, row: Row) => column.render(row),
      ...(column.sortKey
        ? {
            sorter: true,
            sortOrder: activeSort?.key === column.sortKey ? ANT_ORDER[activeSort.order] : null,
          }
        : {}),
    })),
    // Pinned to the right edge: a wide table scrolls under it, and the row's actions stay in reach.
    ...(actions ? [{ title: "操作", key: "__actions", fixed: "right" as const, render: (_value: unknown, row: Row) => actions(row) }] : []),
  ];
  return (
    <>
      <Table<Row>
        rowKey={keyed.rowKey ?? "id"}
        columns={tableColumns}
        dataSource={query.data?.items}
        loading={query.isFetching}
        pagination={list.after ? false : list.pagination(query.data)}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: empty }}
        onChange={(_pagination, _filters, sorter, extra) => {
          if (extra.action !== "sort" || Array.isArray(sorter)) return;
          const sortKey = columns.find((c) => c.key === sorter.columnKey)?.sortKey;
          // The order shown on the default column counts as its current order.
          if (sortKey) list.toggleSort(sortKey, defaultSort?.key === sortKey ? defaultSort.order : undefined);
        }}
      />
      {list.after ? <CursorPager list={list} nextCursor={nextCursor} /> : continuation}
    </>
  );
}

/**
 * The pager of a page reached by cursor, past the numbered ones: its number, 回到第一页, and 下一页
 * while there is one. 上一页 is the browser's back: each page is an entry of the history.
 */
function CursorPager({ list, nextCursor }: { list: Pick<ListState<string>, "page" | "firstPage" | "continueAfter">; nextCursor: string | null | undefined }) {
  return (
    <Flex justify="end" align="center" gap={8} wrap style={{ marginTop: 12 }}>
      <Typography.Text type="secondary">第 {list.page.toLocaleString("zh-CN")} 页</Typography.Text>
      <Button onClick={list.firstPage}>回到第一页</Button>
      <Button disabled={!nextCursor} onClick={() => nextCursor && list.continueAfter(nextCursor)}>
        下一页
      </Button>
    </Flex>
  );
}

function RowCard<Row>({ row, number, columns, actions }: { row: Row; number: number; columns: ListColumn<Row>[]; actions?: (row: Row) => ReactNode }) {
  const title = columns.find((column) => column.phone === "title");
  const fields = columns.filter((column) => column.phone === undefined);
  return (
    <Card
      className="yian-row-card"
      size="small"
      style={{ marginBottom: 8 }}
      title={title ? <span className="yian-card-title">{title.render(row)}</span> : undefined}
      extra={<Typography.Text type="secondary">#{number}</Typography.Text>}
    >
      <dl className="yian-card-fields">
        {fields.map((column) => (
          <div key={column.key}>
            <dt>{column.title}</dt>
            <dd>{column.render(row)}</dd>
          </div>
        ))}
      </dl>
      {actions && <div className="yian-card-actions">{actions(row)}</div>}
    </Card>
  );
}

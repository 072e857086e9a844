import { Flex, Grid, Table, type TableColumnsType, Typography } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";

/** One row of counts: each cell, and each row as a whole, opens the list it counts. */
export interface MatrixRow {
  key: string;
  label: string;
  cells: Record<string, number>;
  /** The list of what a cell (or, without a column, the whole row) counts. */
  linkTo: (column?: string) => string;
  children?: MatrixRow[];
}

export interface MatrixColumn {
  key: string;
  title: string;
}

const total = (row: MatrixRow) => Object.values(row.cells).reduce((sum, n) => sum + n, 0);

/** A count that opens its list; nothing to open for a zero. */
function CountLink({ count, to, label }: { count: number; to: string; label: string }) {
  if (count === 0) return <Typography.Text type="secondary">0</Typography.Text>;
  return (
    <Link to={to} aria-label={`${label}：${count} 家，查看列表`}>
      {count}
    </Link>
  );
}

/**
 * A table of counts (rows × columns with totals) where every figure opens the filtered list it
 * counts. On a phone each row is a block of labelled figures, so nothing scrolls sideways.
 */
export function CountMatrix({ rowTitle, columns, rows, footer }: { rowTitle: string; columns: MatrixColumn[]; rows: MatrixRow[]; footer?: ReactNode }) {
  const screens = Grid.useBreakpoint();
  if (screens.md === false) {
    const flat = rows.flatMap((row) => [{ row, nested: false }, ...(row.children ?? []).map((child) => ({ row: child, nested: true }))]);
    return (
      <Flex vertical gap={10}>
        {flat.map(({ row, nested }) => (
          <div key={row.key} className={nested ? "yian-matrix-row yian-matrix-nested" : "yian-matrix-row"}>
            <Flex justify="space-between" gap={8}>
              <Link to={row.linkTo()}>{row.label}</Link>
              <strong>{total(row)}</strong>
            </Flex>
            <Flex wrap gap="2px 12px" className="yian-matrix-cells">
              {columns
                .filter((column) => (row.cells[column.key] ?? 0) > 0)
                .map((column) => (
                  <span key={column.key}>
                    {column.title} <CountLink count={row.cells[column.key] ?? 0} to={row.linkTo(column.key)} label={`${row.label}${column.title}`} />
                  </span>
                ))}
            </Flex>
          </div>
        ))}
        {footer}
      </Flex>
    );
  }
  const tableColumns: TableColumnsType<MatrixRow> = [
    { title: rowTitle, key: "label", fixed: "left", render: (_, row) => <Link to={row.linkTo()}>{row.label}</Link> },
    ...columns.map((column) => ({
      title: column.title,
      key: column.key,
      align: "right" as const,
      render: (_: unknown, row: MatrixRow) => (
        <CountLink count={row.cells[column.key] ?? 0} to={row.linkTo(column.key)} label={`${row.label}${column.title}`} />
      ),
    })),
    { title: "合计", key: "total", align: "right", render: (_, row) => <strong>{total(row)}</strong> },
  ];
  return (
    <Table<MatrixRow>
      size="small"
      rowKey="key"
      columns={tableColumns}
      dataSource={rows}
      pagination={false}
      expandable={{ defaultExpandAllRows: true, childrenColumnName: "children" }}
      scroll={{ x: "max-content" }}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>
            <strong>合计</strong>
          </Table.Summary.Cell>
          {columns.map((column, index) => (
            <Table.Summary.Cell key={column.key} index={index + 1} align="right">
              <strong>{rows.reduce((sum, row) => sum + (row.cells[column.key] ?? 0), 0)}</strong>
            </Table.Summary.Cell>
          ))}
          <Table.Summary.Cell index={columns.length + 1} align="right">
            <strong>{rows.reduce((sum, row) => sum + total(row), 0)}</strong>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

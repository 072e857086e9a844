import { Skeleton } from "antd";
import { lazy, Suspense } from "react";
import { useNavigate } from "react-router";
import type { MatrixColumn, MatrixRow } from "../../ui/CountMatrix";

// ECharts loads with the first chart shown, in its own chunk (as on the home pages).
const StackedBarChart = lazy(() => import("../dashboard/StackedBarChart").then((module) => ({ default: module.StackedBarChart })));

/**
 * Coverage by jurisdiction as stacked bars (done, not yet, …): one bar a jurisdiction, each segment
 * opening the list it counts.
 */
export function CoverageBars({
  rows,
  columns,
  linkTo,
}: {
  rows: { code: string; name: string; cells: Record<string, number> }[];
  columns: MatrixColumn[];
  linkTo: (code: string, column?: string) => string;
}) {
  const navigate = useNavigate();
  const matrix: MatrixRow[] = rows.map((row) => ({ key: row.code, label: row.name, cells: row.cells, linkTo: (column) => linkTo(row.code, column) }));
  return (
    <Suspense fallback={<Skeleton active />}>
      <StackedBarChart rows={matrix} columns={columns} onOpen={navigate} />
    </Suspense>
  );
}

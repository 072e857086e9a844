import { useNavigate } from "react-router";
import type { MatrixColumn, MatrixRow } from "../../ui/CountMatrix";
import { StackedBarChart } from "../dashboard/StackedBarChart";

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
  return <StackedBarChart rows={matrix} columns={columns} onOpen={navigate} />;
}

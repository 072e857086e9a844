import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import ReactECharts from "echarts-for-react/esm/core";
import type { MatrixColumn, MatrixRow } from "../../ui/CountMatrix";

// SVG rather than canvas: its text is DOM text, drawn with the self-hosted Chinese font once that loads.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const PALETTE = ["#1261a8", "#3b8fd9", "#7cb9ec", "#c5d3e0", "#f0a33b", "#6fbf73"];
const BAR_HEIGHT = 28;

/**
 * The rows of a count matrix as horizontal bars (long Chinese names stay readable on a phone),
 * stacked by column; clicking a segment opens the list it counts.
 */
export function StackedBarChart({ rows, columns, onOpen }: { rows: MatrixRow[]; columns: MatrixColumn[]; onOpen: (path: string) => void }) {
  // Bottom-up order on a category axis: reverse, so the first row stands at the top.
  const shown = [...rows].reverse();
  const option = {
    textStyle: { fontFamily: '"Noto Sans SC", sans-serif' },
    // Figures to read, not a show: drawn at once, also for screenshots and printouts.
    animation: false,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: shown.map((row) => row.label) },
    series: columns.map((column, index) => ({
      name: column.title,
      type: "bar",
      stack: "total",
      barMaxWidth: 20,
      itemStyle: { color: PALETTE[index % PALETTE.length] },
      data: shown.map((row) => row.cells[column.key] ?? 0),
    })),
  };
  return (
    <ReactECharts
      echarts={echarts}
      option={option}
      opts={{ renderer: "svg" }}
      style={{ height: shown.length * BAR_HEIGHT + 80, width: "100%" }}
      notMerge
      onEvents={{
        click: (event: { dataIndex: number; seriesIndex: number }) => {
          const row = shown[event.dataIndex];
          const column = columns[event.seriesIndex];
          if (row && column) onOpen(row.linkTo(column.key));
        },
      }}
    />
  );
}

import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import ReactECharts from "echarts-for-react/esm/core";
import type { InstitutionCounts } from "../../../contracts/dashboard";
import { INSTITUTION_GRADES } from "../../../contracts/enums";
import { countOf, typesIn } from "./counts";

// SVG rather than canvas: its text is DOM text, drawn with the self-hosted Chinese font once that loads.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const GRADE_COLORS: Record<string, string> = { grade3: "#1261a8", grade2: "#3b8fd9", grade1: "#7cb9ec", ungraded: "#c5d3e0" };
const BAR_HEIGHT = 30;

/** Institutions per type as horizontal bars (long Chinese type names stay readable on a phone), stacked by grade. */
export function InstitutionCountsChart({ counts }: { counts: InstitutionCounts }) {
  // Bottom-up order on a category axis: reverse, so the first type stands at the top.
  const types = typesIn(counts).reverse();
  const option = {
    textStyle: { fontFamily: '"Noto Sans SC", sans-serif' },
    // Figures to read, not a show: drawn at once, also for screenshots and printouts.
    animation: false,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: types.map((type) => type.label) },
    series: Object.entries(INSTITUTION_GRADES).map(([grade, label]) => ({
      name: label,
      type: "bar",
      stack: "total",
      barMaxWidth: 22,
      itemStyle: { color: GRADE_COLORS[grade] },
      data: types.map((type) => countOf(counts, type.key, grade)),
    })),
  };
  return (
    <ReactECharts echarts={echarts} option={option} opts={{ renderer: "svg" }} style={{ height: types.length * BAR_HEIGHT + 80, width: "100%" }} notMerge />
  );
}

import { Flex, Tag, Typography } from "antd";
import { Link } from "react-router";
import type { HazardSort, HazardSummary } from "../../../contracts/hazards";
import { chinaDay } from "../../../domain/calendar";
import { hazardCategoryLabel } from "../../../domain/hazard-categories";
import { daysOverdue, HAZARD_GRADES, HAZARD_HANDLINGS, HAZARD_STATES, type HazardState } from "../../../domain/hazard-lifecycle";
import { labelOf } from "../../ui/enum-options";
import type { ListColumn } from "../../ui/ListTable";

const STATE_COLORS: Record<HazardState, string> = {
  pending: "orange",
  rectifying: "blue",
  awaiting_review: "purple",
  closed: "green",
  voided: "default",
};

export function HazardStateTag({ state }: { state: string }) {
  return <Tag color={STATE_COLORS[state as HazardState] ?? "default"}>{labelOf(HAZARD_STATES, state)}</Tag>;
}

export function HazardGradeTag({ grade }: { grade: string }) {
  return <Tag color={grade === "major" ? "red" : "default"}>{labelOf(HAZARD_GRADES, grade)}</Tag>;
}

/** "逾期 N 天" in red; the server says whether it is overdue, the browser's China day counts the days. */
export function OverdueTag({ hazard }: { hazard: Pick<HazardSummary, "overdue" | "state" | "deadline"> }) {
  if (!hazard.overdue) return null;
  const days = Math.max(1, daysOverdue({ state: hazard.state as HazardState, deadline: hazard.deadline }, chinaDay(new Date())));
  return <Tag color="red">逾期 {days} 天</Tag>;
}

/** 整改时限 with its overdue mark; a hazard fixed on the spot has none. */
export function HazardDeadline({ hazard }: { hazard: Pick<HazardSummary, "overdue" | "state" | "deadline" | "handling"> }) {
  if (!hazard.deadline) return <Typography.Text type="secondary">{labelOf(HAZARD_HANDLINGS, hazard.handling)}</Typography.Text>;
  return (
    <Flex vertical align="start" gap={2}>
      <Typography.Text type={hazard.overdue ? "danger" : undefined}>{hazard.deadline}</Typography.Text>
      <OverdueTag hazard={hazard} />
    </Flex>
  );
}

/** The columns every hazard list shares; the institution's own list leaves out the institution, a queue of one state the state. */
export function hazardColumns({ showInstitution, showState }: { showInstitution: boolean; showState: boolean }): ListColumn<HazardSummary, HazardSort>[] {
  return [
    { key: "number", title: "编号", sortKey: "number", phone: "title", render: (row) => <Link to={`/hazards/${row.id}`}>{row.number}</Link> },
    { key: "foundOn", title: "发现日期", sortKey: "foundOn", render: (row) => row.foundOn },
    ...(showInstitution ? [{ key: "institution", title: "机构", render: (row: HazardSummary) => row.institutionName }] : []),
    { key: "category", title: "类别", render: (row) => hazardCategoryLabel(row.category) },
    {
      key: "description",
      title: "描述",
      render: (row) => (
        // A block as wide as its cell or card field, at most 200 px: one line, the rest in the tooltip.
        <Typography.Text ellipsis={{ tooltip: row.description }} style={{ display: "block", maxWidth: 200 }}>
          {row.description}
        </Typography.Text>
      ),
    },
    { key: "grade", title: "等级", render: (row) => <HazardGradeTag grade={row.grade} /> },
    ...(showState ? [{ key: "state", title: "状态", sortKey: "state" as const, render: (row: HazardSummary) => <HazardStateTag state={row.state} /> }] : []),
    { key: "deadline", title: "整改时限", sortKey: "deadline", render: (row) => <HazardDeadline hazard={row} /> },
  ];
}

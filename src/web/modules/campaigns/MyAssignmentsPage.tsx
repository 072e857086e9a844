import { Tag, Typography } from "antd";
import { Link } from "react-router";
import { campaignRoutes, type MyAssignment } from "../../../contracts/campaigns";
import { ASSIGNMENT_STATES, CAMPAIGN_KINDS } from "../../../domain/inspections";
import { ListPage } from "../../ui/ListPage";
import { type ListColumn, ListTable } from "../../ui/ListTable";
import { useListParams, usePageQuery } from "../../ui/use-list-params";

const COLUMNS: ListColumn<MyAssignment, never>[] = [
  { key: "campaign", title: "检查工作", phone: "title", render: (a) => a.campaignName },
  { key: "kind", title: "检查类型", render: (a) => CAMPAIGN_KINDS[a.kind] },
  { key: "authority", title: "检查部门", render: (a) => a.authorityName },
  { key: "window", title: "检查时间", render: (a) => `${a.windowStart} 至 ${a.windowEnd}` },
  { key: "state", title: "状态", render: (a) => <Tag color={a.state === "pending" ? "processing" : "default"}>{ASSIGNMENT_STATES[a.state]}</Tag> },
];

/**
 * 待检查安排: the announced inspections planned for the caller's institution, and those done. An
 * unannounced one (四不两直) appears only once its inspection has been recorded — the server decides.
 */
export function MyAssignmentsPage() {
  const list = useListParams([] as const);
  const mine = usePageQuery(campaignRoutes.mine, { page: list.page, pageSize: list.pageSize });
  return (
    <ListPage title="检查安排">
      <ListTable
        query={mine}
        list={list}
        columns={COLUMNS}
        emptyText="暂无本单位的检查安排"
        actions={(a) => (a.inspectionId ? <Link to={`/inspections/${a.inspectionId}`}>检查记录</Link> : <Typography.Text type="secondary">—</Typography.Text>)}
      />
    </ListPage>
  );
}

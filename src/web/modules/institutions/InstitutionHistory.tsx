import type { AuditEntry } from "../../../contracts/audit";
import { institutionRoutes } from "../../../contracts/institutions";
import { formatTime } from "../../ui/format";
import { ListTable } from "../../ui/ListTable";
import { useListParams, usePageQuery } from "../../ui/use-list-params";
import { AuditSummary, actionLabel } from "../audit/AuditSummary";

/** The 变更记录 of an institution: who changed what and when, newest first, from the audit trail. */
export function InstitutionHistory({ id }: { id: string }) {
  const list = useListParams([]);
  const history = usePageQuery(institutionRoutes.history, { ...list.query }, { params: { id } });
  return (
    <ListTable<AuditEntry>
      query={history}
      list={list}
      emptyText="暂无变更记录"
      columns={[
        { key: "at", title: "时间", phone: "title", render: (entry) => formatTime(entry.at) },
        { key: "actor", title: "操作人", render: (entry) => entry.actorUsername ?? "系统" },
        { key: "action", title: "操作", render: actionLabel },
        { key: "summary", title: "内容", render: (entry) => <AuditSummary entry={entry} /> },
      ]}
    />
  );
}

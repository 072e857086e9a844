import { Typography } from "antd";
import { AUDIT_ACTIONS, type AuditEntry } from "../../../contracts/audit";
import { labelOf } from "../../ui/enum-options";

/** An audit record's facts in words, a line each ("床位数：100 → 120"); never raw JSON. */
export function AuditSummary({ entry }: { entry: AuditEntry }) {
  if (entry.summary.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div className="yian-audit-summary">
      {entry.summary.map((line) => (
        <div key={line}>{line}</div>
      ))}
    </div>
  );
}

export const actionLabel = (entry: AuditEntry) => labelOf(AUDIT_ACTIONS, entry.action);

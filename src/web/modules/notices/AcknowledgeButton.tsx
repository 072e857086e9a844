import { App, Button, Popconfirm } from "antd";
import type { NoticeSummary } from "../../../contracts/notices";
import { useAcknowledgeNotice } from "./queries";

/** 签收 of a notice by its institution, confirmed first: the time it records cannot be taken back. */
export function AcknowledgeButton({ notice, size }: { notice: Pick<NoticeSummary, "id" | "number">; size?: "small" }) {
  const { message } = App.useApp();
  const acknowledge = useAcknowledgeNotice();
  return (
    <Popconfirm
      title={`签收 ${notice.number}？`}
      description="签收后将记录签收时间和签收人，不能撤回。"
      okText="签收"
      cancelText="取消"
      onConfirm={() =>
        acknowledge.mutateAsync(notice.id).then(
          () => message.success("已签收"),
          (error: Error) => message.error(error.message),
        )
      }
    >
      <Button type={size ? "link" : "primary"} size={size} loading={acknowledge.isPending}>
        签收
      </Button>
    </Popconfirm>
  );
}

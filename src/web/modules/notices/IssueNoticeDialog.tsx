import { App, Checkbox, DatePicker, Empty, Flex, Form, Input, Radio, Spin, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { hazardRoutes } from "../../../contracts/hazards";
import { type IssueNoticeBody, MAX_NOTICE_HAZARDS, type NoticeDetail } from "../../../contracts/notices";
import { type HazardState, isOpen } from "../../../domain/hazard-lifecycle";
import { NOTICE_KINDS, type NoticeKind } from "../../../domain/notices";
import { optionsOf } from "../../ui/enum-options";
import { FormDialog } from "../../ui/FormDialog";
import { usePageQuery } from "../../ui/use-list-params";
import { InstitutionSelect } from "../institutions/InstitutionSelect";
import { useIssueNotice } from "./queries";

interface Values extends Omit<IssueNoticeBody, "deadline"> {
  institutionId?: string;
  deadline?: Dayjs | null;
}

/** The open hazards of one institution, to tick the ones the notice lists. */
function OpenHazardChoice({ institutionId, value, onChange }: { institutionId: string; value?: string[]; onChange?: (ids: string[]) => void }) {
  // 紧急程度 puts every open hazard before the finished ones, so the first page holds the open ones.
  const hazards = usePageQuery(hazardRoutes.list, { institutionId, pageSize: 100, sort: "urgency" });
  const open = (hazards.data?.items ?? []).filter((h) => isOpen(h.state as HazardState));
  if (hazards.isPending) return <Spin />;
  if (hazards.isError) return <Typography.Text type="danger">{hazards.error.message}</Typography.Text>;
  if (open.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该机构没有未销号的隐患" />;
  return (
    <Checkbox.Group value={value} onChange={(ids) => onChange?.(ids as string[])} style={{ width: "100%" }}>
      <Flex vertical gap={6}>
        {open.map((h) => (
          <Checkbox key={h.id} value={h.id}>
            <Typography.Text strong>{h.number}</Typography.Text> {h.place}：{h.description}
            <Typography.Text type="secondary">（{h.deadline ? `${h.deadline}前` : "立行立改"}）</Typography.Text>
          </Checkbox>
        ))}
      </Flex>
    </Checkbox.Group>
  );
}

/**
 * 开具通知书: a 整改通知书 or 卫生监督意见书 for open hazards of one institution. Opened from the
 * notice list (choose the institution, then its hazards) or from a hazard page with the
 * institution and hazards already chosen; `onIssued` receives the notice as issued.
 */
export function IssueNoticeDialog({
  institutionId,
  hazardIds,
  onIssued,
  onClose,
}: {
  institutionId?: string;
  hazardIds?: string[];
  onIssued?: (notice: NoticeDetail) => void;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const issue = useIssueNotice();
  return (
    <FormDialog<Values>
      title="开具通知书"
      okText="签发"
      initialValues={{ kind: "rectification", institutionId, hazardIds: hazardIds ?? [] }}
      onClose={onClose}
      onSubmit={async ({ institutionId: _chosen, deadline, ...values }) => {
        const issued = await issue.mutateAsync({ ...values, deadline: deadline ? deadline.format("YYYY-MM-DD") : null });
        message.success(`已签发 ${issued.number}`);
        onIssued?.(issued);
      }}
    >
      <Form.Item name="kind" label="文书类型" rules={[{ required: true }]}>
        <Radio.Group options={optionsOf(NOTICE_KINDS)} optionType="button" />
      </Form.Item>
      {!institutionId && (
        <Form.Item name="institutionId" label="被通知机构" rules={[{ required: true, message: "请选择被通知机构" }]}>
          <InstitutionSelect />
        </Form.Item>
      )}
      <Form.Item noStyle dependencies={["institutionId"]}>
        {({ getFieldValue }) => {
          const chosen = institutionId ?? (getFieldValue("institutionId") as string | undefined);
          return (
            <Form.Item
              name="hazardIds"
              label="列入的隐患"
              extra={`同一机构未销号的隐患，最多 ${MAX_NOTICE_HAZARDS} 项`}
              rules={[{ required: true, type: "array", min: 1, message: "请至少选择一项隐患" }]}
            >
              {chosen ? <OpenHazardChoice institutionId={chosen} /> : <Typography.Text type="secondary">请先选择被通知机构</Typography.Text>}
            </Form.Item>
          );
        }}
      </Form.Item>
      <Form.Item noStyle dependencies={["kind"]}>
        {({ getFieldValue }) =>
          (getFieldValue("kind") as NoticeKind) === "supervision_opinion" && (
            <>
              <Form.Item
                name="legalRepresentative"
                label="法定代表人（负责人）"
                rules={[{ required: true, whitespace: true, message: "请填写法定代表人（负责人）" }]}
              >
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="phone" label="联系电话" extra="留空则用机构登记的联系电话">
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="address" label="地址" extra="留空则用机构登记的地址">
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="opinion" label="监督意见" rules={[{ required: true, whitespace: true, message: "请填写监督意见" }]}>
                <Input.TextArea rows={4} maxLength={3000} placeholder="检查发现的问题和监督意见" />
              </Form.Item>
              <Form.Item name="basis" label="法律依据" extra="留空则用所列隐患的判定依据">
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
            </>
          )
        }
      </Form.Item>
      <Form.Item name="requirements" label="整改要求">
        <Input.TextArea rows={2} maxLength={1000} placeholder="可选：对整改的其他要求" />
      </Form.Item>
      <Form.Item name="deadline" label="整改期限" extra="留空则取所列隐患中最晚的整改时限">
        <DatePicker style={{ width: "100%" }} disabledDate={(day) => day.isBefore(dayjs(), "day")} />
      </Form.Item>
    </FormDialog>
  );
}

import { DownloadOutlined, SafetyOutlined } from "@ant-design/icons";
import { Descriptions, Drawer, Flex, Grid, List, Tag, Typography } from "antd";
import { type NoticeDetail, noticeRoutes } from "../../../contracts/notices";
import { HAZARD_STATES } from "../../../domain/hazard-lifecycle";
import { NOTICE_KINDS } from "../../../domain/notices";
import { useCan } from "../../app/session";
import { DownloadButton } from "../../ui/DownloadButton";
import { labelOf } from "../../ui/enum-options";
import { formatTime } from "../../ui/format";
import { Loaded } from "../../ui/results";
import { AcknowledgeButton } from "./AcknowledgeButton";
import { useNotice } from "./queries";

/** 已签收 with its time and signer, or 未签收: how both sides read a notice's receipt. */
export function AcknowledgementTag({ notice }: { notice: Pick<NoticeDetail, "acknowledgedAt" | "acknowledgedByName"> }) {
  if (!notice.acknowledgedAt) return <Tag color="orange">未签收</Tag>;
  return (
    <Flex vertical gap={2} align="start">
      <Tag color="green">已签收</Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatTime(notice.acknowledgedAt)}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {notice.acknowledgedByName}
      </Typography.Text>
    </Flex>
  );
}

export function NoticePdfButton({ notice, size }: { notice: Pick<NoticeDetail, "id" | "number" | "kind">; size?: "small" }) {
  return (
    <DownloadButton
      type={size ? "link" : "default"}
      size={size}
      icon={size ? undefined : <DownloadOutlined />}
      route={noticeRoutes.pdf}
      input={{ params: { id: notice.id } }}
      fileName={`${NOTICE_KINDS[notice.kind]}-${notice.number}.pdf`}
    >
      下载PDF
    </DownloadButton>
  );
}

function NoticeBody({ notice }: { notice: NoticeDetail }) {
  const can = useCan();
  const { content } = notice;
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap>
        <NoticePdfButton notice={notice} />
        {can("notice:acknowledge") && !notice.acknowledgedAt && <AcknowledgeButton notice={notice} />}
        <Typography.Link href={notice.verifyPath} target="_blank">
          <SafetyOutlined /> 核验页
        </Typography.Link>
      </Flex>
      <Descriptions bordered size="small" column={1} styles={{ label: { whiteSpace: "nowrap" } }}>
        <Descriptions.Item label="文书编号">{notice.number}</Descriptions.Item>
        <Descriptions.Item label="文书类型">{NOTICE_KINDS[notice.kind]}</Descriptions.Item>
        <Descriptions.Item label="被通知机构">{notice.institutionName}</Descriptions.Item>
        <Descriptions.Item label="签发部门">{notice.authorityName}</Descriptions.Item>
        <Descriptions.Item label="签发日期">
          {notice.issuedOn}（{notice.issuedByName}）
        </Descriptions.Item>
        <Descriptions.Item label="整改期限">{notice.deadline ?? "立行立改"}</Descriptions.Item>
        <Descriptions.Item label="签收情况">
          <AcknowledgementTag notice={notice} />
        </Descriptions.Item>
        {content.party && (
          <Descriptions.Item label="法定代表人（负责人）">
            {content.party.legalRepresentative}
            {content.party.phone && `（${content.party.phone}）`}
          </Descriptions.Item>
        )}
      </Descriptions>
      <div>
        <Typography.Title level={5}>{content.party ? "监督意见" : "通知内容"}</Typography.Title>
        {content.paragraphs.map((text) => (
          <Typography.Paragraph key={text}>{text}</Typography.Paragraph>
        ))}
      </div>
      <List
        header={<Typography.Text strong>所列隐患（{notice.hazards.length} 项，状态为当前状态）</Typography.Text>}
        bordered
        size="small"
        dataSource={notice.hazards}
        renderItem={(hazard) => (
          <List.Item>
            <Flex vertical gap={2} style={{ width: "100%" }}>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text strong>{hazard.number}</Typography.Text>
                <Tag>{labelOf(HAZARD_STATES, hazard.state)}</Tag>
              </Flex>
              <Typography.Text>
                {hazard.place}：{hazard.description}
              </Typography.Text>
              <Typography.Text type="secondary">整改时限：{hazard.deadline ?? "立行立改"}</Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Flex>
  );
}

/** A notice's text as issued, its hazards as they stand now and its 签收, beside the list it was opened from. */
export function NoticeDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const notice = useNotice(id);
  const screens = Grid.useBreakpoint();
  return (
    <Drawer open onClose={onClose} title={notice.data?.number ?? "通知书"} size={screens.md === false ? "100%" : 640}>
      <Loaded query={notice}>{(data) => <NoticeBody notice={data} />}</Loaded>
    </Drawer>
  );
}

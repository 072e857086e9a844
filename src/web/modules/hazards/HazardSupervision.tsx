import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Descriptions, Flex, Popconfirm, Tag } from "antd";
import type { HazardDetail } from "../../../contracts/hazards";
import { listingRoutes } from "../../../contracts/listings";
import { ApiError, call } from "../../app/api";
import { formatTime } from "../../ui/format";
import { ClockTag } from "../listings/ListingQueuePage";
import { refreshHazardData, useHazardSide } from "./queries";

/** The institution signs for the listing (签收), with the version of the hazard its page loaded. */
function AcknowledgeButton({ hazard }: { hazard: HazardDetail }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return (
    <Popconfirm
      title="确认已收到挂牌督办通知？签收时间将告知督办部门。"
      onConfirm={async () => {
        try {
          await call(listingRoutes.acknowledge, { params: { id: hazard.id }, body: { version: hazard.version } });
          message.success("已签收");
        } catch (error) {
          message.error(error instanceof ApiError ? error.message : String(error), 6);
        }
        await refreshHazardData(queryClient);
      }}
    >
      <Button type="primary">签收</Button>
    </Popconfirm>
  );
}

/** 提级管理 and 挂牌督办 of a major hazard: who lists it, the listing and its statutory clocks. */
export function HazardSupervision({ hazard }: { hazard: HazardDetail }) {
  const side = useHazardSide();
  const supervision = hazard.supervision;
  if (!supervision) return null;
  const { listing } = supervision;
  return (
    <Card
      title="挂牌督办"
      style={{ marginBottom: 16 }}
      extra={side === "institution" && listing && !listing.acknowledgedAt && !listing.delistedOn && <AcknowledgeButton hazard={hazard} />}
    >
      {listing ? (
        <Descriptions bordered column={{ xs: 1, md: 2 }} styles={{ label: { whiteSpace: "nowrap" } }}>
          <Descriptions.Item label="督办部门">{supervision.listingAuthorityName}</Descriptions.Item>
          <Descriptions.Item label="督办文号">{listing.documentNumber}</Descriptions.Item>
          <Descriptions.Item label="督办责任部门">{listing.supervisingDepartment}</Descriptions.Item>
          <Descriptions.Item label="督办整改期限">{listing.deadline}</Descriptions.Item>
          <Descriptions.Item label="挂牌日期">{listing.listedOn}</Descriptions.Item>
          <Descriptions.Item label="挂牌公布">{listing.publishedOn ?? <Tag color="orange">未公布</Tag>}</Descriptions.Item>
          <Descriptions.Item label="机构签收">
            {listing.acknowledgedAt ? formatTime(listing.acknowledgedAt) : <Tag color="orange">未签收</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="摘牌销号">{listing.delistedOn ?? "—"}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Alert type="info" showIcon title={`重大隐患实行提级管理，由${supervision.listingAuthorityName}挂牌督办；尚未挂牌。`} />
      )}
      {supervision.clocks.length > 0 && (
        <Flex wrap gap={4} style={{ marginTop: 12 }}>
          {supervision.clocks.map((clock) => (
            <ClockTag key={clock.key} clock={clock} />
          ))}
        </Flex>
      )}
    </Card>
  );
}

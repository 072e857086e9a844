import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, DatePicker, Form, Input, Popconfirm, Space, Tabs, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link } from "react-router";
import type { ListingClock } from "../../../contracts/hazards";
import { LISTING_VIEWS, type ListingQueueItem, listingRoutes } from "../../../contracts/listings";
import { HAZARD_STATES } from "../../../domain/hazard-lifecycle";
import { call } from "../../app/api";
import { labelOf } from "../../ui/enum-options";
import { FormDialog } from "../../ui/FormDialog";
import { formatTime } from "../../ui/format";
import { type ListColumn, ListTable } from "../../ui/ListTable";
import { PageTitle } from "../../ui/PageTitle";
import { useListParams, usePageQuery } from "../../ui/use-list-params";

type View = keyof typeof LISTING_VIEWS;

/** A statutory clock of a listing: done, due by a day, or late. */
export function ClockTag({ clock }: { clock: ListingClock }) {
  if (clock.doneOn) return <Tag color="green">{`${clock.label}：${clock.doneOn} 已办`}</Tag>;
  return <Tag color={clock.late ? "red" : "orange"}>{`${clock.label}：${clock.late ? "已超期，" : ""}应于 ${clock.dueOn} 前`}</Tag>;
}

const COLUMNS: ListColumn<ListingQueueItem, never>[] = [
  {
    key: "number",
    title: "隐患编号",
    phone: "title",
    render: (item) => <Link to={`/hazards/${item.id}`}>{item.hazard.number}</Link>,
  },
  { key: "institution", title: "机构", render: (item) => `${item.hazard.institutionName}（${item.hazard.jurisdictionName}）` },
  {
    key: "description",
    title: "隐患描述",
    render: (item) => (
      // One line at most 200 px wide, the rest in the tooltip: the clocks need the room.
      <Typography.Text ellipsis={{ tooltip: item.hazard.description }} style={{ display: "block", maxWidth: 200 }}>
        {item.hazard.description}
      </Typography.Text>
    ),
  },
  {
    key: "state",
    title: "状态",
    render: (item) => (
      <Space size={4} wrap>
        <Tag>{labelOf(HAZARD_STATES, item.hazard.state)}</Tag>
        {item.hazard.overdue && <Tag color="red">逾期</Tag>}
      </Space>
    ),
  },
  { key: "listing", title: "督办文号", render: (item) => item.listing?.documentNumber ?? `待${item.listingAuthorityName}挂牌` },
  { key: "deadline", title: "整改期限", render: (item) => item.listing?.deadline ?? item.hazard.deadline ?? "—" },
  {
    key: "clocks",
    title: "法定时限",
    render: (item) =>
      item.clocks.length === 0 ? (
        "—"
      ) : (
        <Space size={4} wrap>
          {item.clocks.map((clock) => (
            <ClockTag key={clock.key} clock={clock} />
          ))}
        </Space>
      ),
  },
  {
    key: "acknowledged",
    title: "机构签收",
    render: (item) => (item.listing ? item.listing.acknowledgedAt ? formatTime(item.listing.acknowledgedAt) : <Tag color="orange">未签收</Tag> : "—"),
  },
];

function ListDialog({ item, onClose }: { item: ListingQueueItem; onClose: () => void }) {
  const saved = useSaved();
  return (
    <FormDialog<{ supervisingDepartment: string; deadline: dayjs.Dayjs }>
      title={`挂牌督办：${item.hazard.number}`}
      okText="挂牌督办"
      initialValues={{ deadline: item.hazard.deadline ? dayjs(item.hazard.deadline) : undefined }}
      onClose={onClose}
      onSubmit={async ({ supervisingDepartment, deadline }) => {
        const listed = await call(listingRoutes.list, {
          params: { id: item.id },
          body: { version: item.version, supervisingDepartment, deadline: deadline.format("YYYY-MM-DD") },
        });
        await saved(`已挂牌督办，文号 ${listed.supervision?.listing?.documentNumber ?? ""}`);
      }}
    >
      <Typography.Paragraph type="secondary">
        {item.hazard.institutionName}：{item.hazard.description}
      </Typography.Paragraph>
      <Form.Item label="督办责任部门" name="supervisingDepartment" rules={[{ required: true, whitespace: true, message: "请填写督办责任部门" }, { max: 100 }]}>
        <Input maxLength={100} placeholder="如：市卫健委安全生产科" />
      </Form.Item>
      <Form.Item
        label="督办整改期限"
        name="deadline"
        rules={[{ required: true, message: "请选择督办整改期限" }]}
        extra="挂牌后文号自动编制，须在规定工作日内公布。"
      >
        <DatePicker style={{ width: "100%" }} disabledDate={(day) => day.isBefore(dayjs(), "day")} />
      </Form.Item>
    </FormDialog>
  );
}

function useSaved() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return async (done: string) => {
    message.success(done);
    await queryClient.invalidateQueries({ queryKey: [listingRoutes.queue.path] });
  };
}

/** The stage whose publication is still to be recorded: the listing first, then the delisting. */
function unpublished(item: ListingQueueItem): "listing" | "delisting" | null {
  if (!item.listing) return null;
  if (!item.listing.publishedOn) return "listing";
  if (item.listing.delistedOn && !item.listing.delistingPublishedOn) return "delisting";
  return null;
}

function PublishButton({ item, stage }: { item: ListingQueueItem; stage: "listing" | "delisting" }) {
  const saved = useSaved();
  const { message } = App.useApp();
  const label = stage === "listing" ? "挂牌督办" : "摘牌销号";
  return (
    <Popconfirm
      title={`记录${label}已于今天公布？`}
      onConfirm={async () => {
        try {
          await call(listingRoutes.publish, { params: { id: item.id }, body: { version: item.version, stage } });
          await saved(`已记录${label}公布`);
        } catch (error) {
          message.error((error as Error).message);
        }
      }}
    >
      <Button type="link" size="small">
        记录公布
      </Button>
    </Popconfirm>
  );
}

/**
 * 挂牌督办: the major hazards this authority lists (待挂牌, 督办中, 已摘牌) and those of its own
 * area that the level above lists (报请上级督办). Late statutory clocks come first.
 */
export function ListingQueuePage() {
  const list = useListParams(["view"] as const);
  const view = (list.filters.view as View | undefined) ?? "active";
  const queue = usePageQuery(listingRoutes.queue, { ...list.query, view });
  const [listing, setListing] = useState<ListingQueueItem | null>(null);
  return (
    <>
      <PageTitle title="挂牌督办" />
      <Card>
        <Tabs
          activeKey={view}
          onChange={(key) => list.setFilters({ view: key === "active" ? null : key })}
          items={Object.entries(LISTING_VIEWS).map(([key, label]) => ({ key, label }))}
        />
        <ListTable
          query={queue}
          list={list}
          columns={COLUMNS}
          emptyText={view === "to_list" ? "没有等待挂牌的重大隐患" : "暂无记录"}
          actions={(item) => {
            const stage = unpublished(item);
            return (
              <Space size={0} wrap>
                <Link to={`/hazards/${item.id}`}>查看</Link>
                {view === "to_list" && (
                  <Button type="link" size="small" onClick={() => setListing(item)}>
                    挂牌督办
                  </Button>
                )}
                {view !== "requested" && stage && <PublishButton item={item} stage={stage} />}
              </Space>
            );
          }}
        />
      </Card>
      {listing && <ListDialog item={listing} onClose={() => setListing(null)} />}
    </>
  );
}

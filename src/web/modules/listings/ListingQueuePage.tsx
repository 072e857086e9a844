import { DownloadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { App, Button, DatePicker, Form, Input, Popconfirm, Select, Space, Tabs, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { ListingClock } from "../../../contracts/hazards";
import { clockText, LISTING_SORTS, LISTING_VIEWS, type ListingQueueItem, type ListingSort, listingRoutes } from "../../../contracts/listings";
import { HAZARD_STATES } from "../../../domain/hazard-lifecycle";
import { call } from "../../app/api";
import { useCan } from "../../app/session";
import { DownloadButton } from "../../ui/DownloadButton";
import { labelOf, YES_NO_OPTIONS } from "../../ui/enum-options";
import { FormDialog } from "../../ui/FormDialog";
import { formatTime } from "../../ui/format";
import { ListPage } from "../../ui/ListPage";
import { type ListColumn, ListTable } from "../../ui/ListTable";
import type { QueryField } from "../../ui/QueryForm";
import { useListParams, usePageQuery } from "../../ui/use-list-params";
import { JurisdictionTreeSelect } from "../jurisdictions/JurisdictionTreeSelect";

type View = keyof typeof LISTING_VIEWS;

/** The queue's filters, as the API and the page URL both name them; the tab (view) is kept apart, so 重置 stays on it. */
const LISTING_FILTER_KEYS = ["q", "jurisdictionCode", "late", "acknowledged"] as const;
type ListingFilterKey = (typeof LISTING_FILTER_KEYS)[number];
const LISTING_SORT_KEYS = Object.keys(LISTING_SORTS) as ListingSort[];

const yesNoSelect = <Select allowClear placeholder="全部" options={YES_NO_OPTIONS} />;

/** 签收 means nothing for a hazard not yet listed. */
const queryFields = (view: View): QueryField<ListingFilterKey>[] => [
  { name: "q", label: "关键词", control: <Input placeholder="隐患编号、机构或描述" allowClear /> },
  { name: "jurisdictionCode", label: "行政区划", control: <JurisdictionTreeSelect placeholder="全部" /> },
  { name: "late", label: "是否超期", control: yesNoSelect },
  ...(view === "to_list" ? [] : [{ name: "acknowledged" as const, label: "是否签收", control: yesNoSelect }]),
];

/** A statutory clock of a listing: done, due by a day, or late. */
export function ClockTag({ clock }: { clock: ListingClock }) {
  // Wraps within a narrow cell or a phone's card instead of running over the next one.
  return (
    <Tag color={clock.doneOn ? "green" : clock.late ? "red" : "orange"} style={{ whiteSpace: "normal" }}>
      {clockText(clock)}
    </Tag>
  );
}

const COLUMNS: ListColumn<ListingQueueItem, ListingSort>[] = [
  {
    key: "number",
    title: "隐患编号",
    sortKey: "number",
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
  {
    key: "listing",
    title: "督办文号",
    // Numbers are given in the order of listing, so this column sorts by the day listed.
    sortKey: "listedOn",
    render: (item) =>
      item.listing ? (
        <>
          <div>{item.listing.documentNumber}</div>
          <Typography.Text type="secondary">{`${item.listing.listedOn} 挂牌`}</Typography.Text>
        </>
      ) : (
        `待${item.listingAuthorityName}挂牌`
      ),
  },
  { key: "deadline", title: "整改期限", sortKey: "deadline", render: (item) => item.listing?.deadline ?? item.hazard.deadline ?? "—" },
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

/** Not yet listed, a hazard has no 签收 and no listing day to sort by. */
const columnsFor = (view: View) =>
  view === "to_list"
    ? COLUMNS.filter((column) => column.key !== "acknowledged").map((column) => (column.key === "listing" ? { ...column, sortKey: undefined } : column))
    : COLUMNS;

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
  const can = useCan();
  const [searchParams, setSearchParams] = useSearchParams();
  const viewParam = searchParams.get("view");
  const view: View = viewParam && Object.hasOwn(LISTING_VIEWS, viewParam) ? (viewParam as View) : "active";
  const list = useListParams(LISTING_FILTER_KEYS, LISTING_SORT_KEYS);
  const queue = usePageQuery(listingRoutes.queue, { ...list.query, view });
  const [listing, setListing] = useState<ListingQueueItem | null>(null);
  /** Another tab starts on its first page; the filters and sort stay (签收 does not apply to 待挂牌). */
  const showView = (key: string) =>
    setSearchParams((current) => {
      const next = new URLSearchParams(current);
      if (key === "active") next.delete("view");
      else next.set("view", key);
      next.delete("page");
      if (key === "to_list") next.delete("acknowledged");
      return next;
    });
  const actions = can("hazard:export") && (
    <DownloadButton icon={<DownloadOutlined />} route={listingRoutes.export} input={{ query: { ...list.exportQuery, view } }} fileName="挂牌督办.xlsx">
      导出
    </DownloadButton>
  );
  return (
    <>
      <ListPage title="挂牌督办" actions={actions} fields={queryFields(view)} list={list}>
        <Tabs activeKey={view} onChange={showView} items={Object.entries(LISTING_VIEWS).map(([key, label]) => ({ key, label }))} />
        <ListTable
          query={queue}
          list={list}
          columns={columnsFor(view)}
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
      </ListPage>
      {listing && <ListDialog item={listing} onClose={() => setListing(null)} />}
    </>
  );
}

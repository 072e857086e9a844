import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, DatePicker, Input, Progress, Select, Space, Tag } from "antd";
import { Link, useNavigate } from "react-router";
import { CAMPAIGN_PHASES, CAMPAIGN_SORTS, type CampaignSummary, campaignRoutes } from "../../../contracts/campaigns";
import { CAMPAIGN_KINDS } from "../../../domain/inspections";
import { useCan } from "../../app/session";
import { DownloadButton } from "../../ui/DownloadButton";
import { optionsOf } from "../../ui/enum-options";
import { ListPage } from "../../ui/ListPage";
import { type ListColumn, ListTable } from "../../ui/ListTable";
import { calendarDayField, type QueryField } from "../../ui/QueryForm";
import { useListParams, usePageQuery } from "../../ui/use-list-params";

const FILTER_KEYS = ["name", "kind", "phase", "from", "to"] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
const SORT_KEYS = Object.keys(CAMPAIGN_SORTS) as (keyof typeof CAMPAIGN_SORTS)[];

const FIELDS: QueryField<FilterKey>[] = [
  { name: "name", label: "检查工作名称", control: <Input placeholder="名称的任意部分" allowClear /> },
  { name: "kind", label: "检查类型", control: <Select allowClear placeholder="全部" options={optionsOf(CAMPAIGN_KINDS)} /> },
  { name: "phase", label: "状态", control: <Select allowClear placeholder="全部" options={optionsOf(CAMPAIGN_PHASES)} /> },
  { name: "from", label: "期间起", control: <DatePicker style={{ width: "100%" }} />, convert: calendarDayField },
  { name: "to", label: "期间止", control: <DatePicker style={{ width: "100%" }} />, convert: calendarDayField },
];

const PHASE_COLORS = { planned: "default", ongoing: "processing", finished: "success" } as const;

/** How far a campaign has come: inspected or 不适用 out of all its institutions. */
export function CampaignProgress({ progress }: { progress: CampaignSummary["progress"] }) {
  const done = progress.inspected + progress.notApplicable;
  const percent = progress.total === 0 ? 0 : Math.round((done / progress.total) * 100);
  return (
    <Space size={8} wrap>
      <Progress percent={percent} size="small" style={{ width: 100, margin: 0 }} />
      <span>
        {done} / {progress.total}
      </span>
    </Space>
  );
}

export const PhaseTag = ({ campaign }: { campaign: Pick<CampaignSummary, "phase"> }) => (
  <Tag color={PHASE_COLORS[campaign.phase]}>{CAMPAIGN_PHASES[campaign.phase]}</Tag>
);

const COLUMNS: ListColumn<CampaignSummary, keyof typeof CAMPAIGN_SORTS>[] = [
  { key: "name", title: "检查工作名称", sortKey: "name", phone: "title", render: (c) => <Link to={`/campaigns/${c.id}`}>{c.name}</Link> },
  {
    key: "kind",
    title: "检查类型",
    render: (c) => (
      <Space size={4} wrap>
        {CAMPAIGN_KINDS[c.kind]}
        {c.unannounced && <Tag color="red">四不两直</Tag>}
      </Space>
    ),
  },
  { key: "authority", title: "部署部门", render: (c) => c.authorityName },
  { key: "periodStart", title: "检查期间", sortKey: "periodStart", render: (c) => `${c.periodStart} 至 ${c.periodEnd}` },
  { key: "phase", title: "状态", render: (c) => <PhaseTag campaign={c} /> },
  { key: "progress", title: "进度", render: (c) => <CampaignProgress progress={c.progress} /> },
];

/** 检查工作: the campaigns of the caller's authority and of those below it, where an administrator plans a new one. */
export function CampaignListPage() {
  const can = useCan();
  const navigate = useNavigate();
  const list = useListParams(FILTER_KEYS, SORT_KEYS);
  const campaigns = usePageQuery(campaignRoutes.list, list.query);
  return (
    <ListPage
      title="检查工作"
      actions={
        <>
          <DownloadButton icon={<DownloadOutlined />} route={campaignRoutes.export} input={{ query: list.exportQuery }} fileName="检查工作.xlsx">
            导出
          </DownloadButton>
          {can("campaign:manage") && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate("/campaigns/new")}>
              部署检查工作
            </Button>
          )}
        </>
      }
      fields={FIELDS}
      list={list}
    >
      <ListTable
        query={campaigns}
        list={list}
        columns={COLUMNS}
        defaultSort={{ key: "periodStart", order: "desc" }}
        emptyText="暂无检查工作"
        actions={(c) => (
          <Button type="link" size="small" onClick={() => navigate(`/campaigns/${c.id}`)}>
            详情
          </Button>
        )}
      />
    </ListPage>
  );
}

import { DownloadOutlined, FileDoneOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Breadcrumb, Button, Card, DatePicker, Descriptions, Form, Grid, Input, Select, Space, Tabs, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { ASSIGNMENT_SORTS, type AssignmentSummary, type CampaignDetail, campaignRoutes } from "../../../contracts/campaigns";
import { INSTITUTION_GRADES } from "../../../contracts/enums";
import { ASSIGNMENT_STATES, CAMPAIGN_KINDS, CAMPAIGN_SELECTIONS } from "../../../domain/inspections";
import { call } from "../../app/api";
import { useCan } from "../../app/session";
import { CountMatrix } from "../../ui/CountMatrix";
import { DownloadButton } from "../../ui/DownloadButton";
import { labelOf, optionsOf } from "../../ui/enum-options";
import { FormDialog } from "../../ui/FormDialog";
import { ListPage } from "../../ui/ListPage";
import { type ListColumn, ListTable } from "../../ui/ListTable";
import { PageTitle } from "../../ui/PageTitle";
import type { QueryField } from "../../ui/QueryForm";
import { LoadError } from "../../ui/results";
import { useListParams, usePageQuery } from "../../ui/use-list-params";
import { CampaignDraws } from "../draws/CampaignDraws";
import { CampaignGroups } from "../draws/CampaignGroups";
import { JurisdictionTreeSelect } from "../jurisdictions/JurisdictionTreeSelect";
import { CampaignProgress, PhaseTag } from "./CampaignListPage";
import { CoverageBars } from "./CoverageBars";

const FILTER_KEYS = ["jurisdictionCode", "state", "q"] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
const SORT_KEYS = Object.keys(ASSIGNMENT_SORTS) as (keyof typeof ASSIGNMENT_SORTS)[];

const FIELDS: QueryField<FilterKey>[] = [
  { name: "q", label: "机构名称", control: <Input placeholder="名称的任意部分" allowClear /> },
  { name: "state", label: "检查状态", control: <Select allowClear placeholder="全部" options={optionsOf(ASSIGNMENT_STATES)} /> },
  { name: "jurisdictionCode", label: "行政区划", control: <JurisdictionTreeSelect placeholder="全部" /> },
];

const STATE_COLORS = { pending: "default", inspected: "success", not_applicable: "warning" } as const;

const COLUMNS: ListColumn<AssignmentSummary, keyof typeof ASSIGNMENT_SORTS>[] = [
  {
    key: "institution",
    title: "机构名称",
    sortKey: "institution",
    phone: "title",
    render: (a) => <Link to={`/institutions/${a.id}`}>{a.institutionName}</Link>,
  },
  { key: "jurisdiction", title: "行政区划", sortKey: "jurisdiction", render: (a) => a.jurisdictionName },
  { key: "grade", title: "等级", render: (a) => labelOf(INSTITUTION_GRADES, a.grade) },
  { key: "group", title: "工作组", render: (a) => a.groupName ?? "—" },
  {
    key: "state",
    title: "检查状态",
    sortKey: "state",
    render: (a) => (
      <Space size={4} wrap>
        <Tag color={STATE_COLORS[a.state]}>{ASSIGNMENT_STATES[a.state]}</Tag>
        {a.notApplicableReason && <Typography.Text type="secondary">{a.notApplicableReason}</Typography.Text>}
      </Space>
    ),
  },
  {
    key: "window",
    title: "检查窗口",
    sortKey: "windowStart",
    // On two lines: the table keeps its state and actions in view on a laptop, and a phone's card breaks between the dates.
    render: (a) => (
      <>
        {`${a.windowStart} 至 `}
        <br />
        {a.windowEnd}
      </>
    ),
  },
];

const COVERAGE_COLUMNS = [
  { key: "inspected", title: "已检查" },
  { key: "pending", title: "未检查" },
  { key: "notApplicable", title: "不适用" },
];
const STATE_OF_COLUMN: Record<string, string> = { inspected: "inspected", pending: "pending", notApplicable: "not_applicable" };

function useCampaign(id: string) {
  return useQuery({ queryKey: [campaignRoutes.detail.path, id], queryFn: () => call(campaignRoutes.detail, { params: { id } }) });
}

function Overview({ campaign }: { campaign: CampaignDetail }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const makeList = useMutation({
    mutationFn: () => call(campaignRoutes.makeFollowUpList, { params: { id: campaign.id } }),
    onSuccess: async (updated) => {
      message.success(`回头看名单已生成：${updated.progress.total} 家`);
      await queryClient.invalidateQueries({ queryKey: [campaignRoutes.detail.path] });
      await queryClient.invalidateQueries({ queryKey: [campaignRoutes.assignments.path] });
    },
    onError: (error) => message.error(error.message),
  });
  return (
    <Card style={{ marginBottom: 16 }}>
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label="检查类型">
          <Space size={4} wrap>
            {CAMPAIGN_KINDS[campaign.kind]}
            {campaign.unannounced && <Tag color="red">四不两直</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="部署部门">{campaign.authorityName}</Descriptions.Item>
        <Descriptions.Item label="检查期间">
          {campaign.periodStart} 至 {campaign.periodEnd}
        </Descriptions.Item>
        <Descriptions.Item label="检查对象产生方式">{CAMPAIGN_SELECTIONS[campaign.selection]}</Descriptions.Item>
        <Descriptions.Item label="检查表">{campaign.checklists.map((c) => `${c.name}（第${c.version}版）`).join("；") || "—"}</Descriptions.Item>
        <Descriptions.Item label="检查范围">{campaign.scopeLines.join("；")}</Descriptions.Item>
        <Descriptions.Item label="进度">
          <CampaignProgress progress={campaign.progress} />
        </Descriptions.Item>
        {campaign.followUp && (
          <Descriptions.Item label="回头看">
            <Link to={`/campaigns/${campaign.followUp.id}`}>
              {campaign.followUp.periodStart} 至 {campaign.followUp.periodEnd}
            </Link>
            （{campaign.followUp.listMadeAt ? `名单 ${campaign.followUp.assignments} 家` : "第一轮结束后生成名单"}）
          </Descriptions.Item>
        )}
        {campaign.firstRound && (
          <Descriptions.Item label="第一轮检查">
            <Link to={`/campaigns/${campaign.firstRound.id}`}>{campaign.firstRound.name}</Link>（
            {campaign.listMadeAt
              ? `名单生成于 ${dayjs(campaign.listMadeAt).format("YYYY-MM-DD HH:mm")}`
              : `${campaign.firstRound.periodEnd} 结束后自动生成名单`}
            ）
          </Descriptions.Item>
        )}
      </Descriptions>
      {campaign.actions.makeFollowUpList && (
        <Button style={{ marginTop: 12 }} loading={makeList.isPending} onClick={() => makeList.mutate()}>
          生成回头看名单
        </Button>
      )}
    </Card>
  );
}

function Coverage({ campaign }: { campaign: CampaignDetail }) {
  const rows = campaign.coverage.rows.map((row) => ({
    code: row.code,
    name: row.name,
    cells: { inspected: row.inspected, pending: row.pending, notApplicable: row.notApplicable },
  }));
  // Without a tab the page opens on its assignments: a count opens the institutions it counts.
  const linkTo = (code: string, column?: string) => `/campaigns/${campaign.id}?jurisdictionCode=${code}${column ? `&state=${STATE_OF_COLUMN[column]}` : ""}`;
  return (
    <>
      <CountMatrix
        rowTitle="行政区划"
        columns={COVERAGE_COLUMNS}
        rows={rows.map((row) => ({ key: row.code, label: row.name, cells: row.cells, linkTo: (column) => linkTo(row.code, column) }))}
      />
      {rows.length > 1 && <CoverageBars rows={rows} columns={COVERAGE_COLUMNS} linkTo={linkTo} />}
    </>
  );
}

type Changing = { kind: "not_applicable" | "window"; assignment: AssignmentSummary };

function Assignments({ campaign }: { campaign: CampaignDetail }) {
  const list = useListParams(FILTER_KEYS, SORT_KEYS);
  const assignments = usePageQuery(campaignRoutes.assignments, list.query, { params: { id: campaign.id } });
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [changing, setChanging] = useState<Changing | null>(null);
  const can = useCan();
  const navigate = useNavigate();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: [campaignRoutes.assignments.path] });
    await queryClient.invalidateQueries({ queryKey: [campaignRoutes.detail.path] });
  };
  const restore = useMutation({
    mutationFn: (a: AssignmentSummary) =>
      call(campaignRoutes.assignmentState, { params: { id: campaign.id }, body: { institutionId: a.id, state: "pending" } }),
    onSuccess: refresh,
    onError: (error) => message.error(error.message),
  });
  /** 开始检查 opens the inspection form of the assignment (kept on the device, it works offline); 已检查 opens what was recorded. */
  const rowActions = (a: AssignmentSummary) => {
    const link = (key: string, label: string, onClick: () => void) => (
      <Button key={key} type="link" size="small" onClick={onClick}>
        {label}
      </Button>
    );
    const manage = campaign.actions.manage;
    const actions = [
      a.state === "inspected" && a.inspectionId && can("inspection:read")
        ? link("open", "查看检查记录", () => navigate(`/inspections/${a.inspectionId}`))
        : null,
      a.state === "pending" && can("inspection:record")
        ? link("inspect", "开始检查", () => navigate(`/inspections/new?institutionId=${a.id}&campaignId=${campaign.id}`))
        : null,
      manage && a.state === "pending" ? link("not-applicable", "不适用", () => setChanging({ kind: "not_applicable", assignment: a })) : null,
      manage && a.state === "not_applicable" ? link("restore", "恢复未检查", () => restore.mutate(a)) : null,
      manage && a.state !== "inspected" ? link("window", "调整窗口", () => setChanging({ kind: "window", assignment: a })) : null,
    ].filter(Boolean);
    return actions.length > 0 ? (
      <Space size={0} wrap>
        {actions}
      </Space>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );
  };
  return (
    <div id="assignments">
      <ListPage
        fields={FIELDS}
        list={list}
        toolbar={
          <DownloadButton
            icon={<DownloadOutlined />}
            route={campaignRoutes.assignmentsExport}
            input={{ params: { id: campaign.id }, query: list.exportQuery }}
            fileName={`检查对象-${campaign.name}.xlsx`}
          >
            导出
          </DownloadButton>
        }
      >
        <ListTable
          query={assignments}
          list={list}
          columns={COLUMNS}
          defaultSort={{ key: "jurisdiction", order: "asc" }}
          emptyText={campaign.selection === "draw" ? "尚未抽取检查对象：在“随机抽取”中抽取" : "暂无检查对象"}
          actions={rowActions}
        />
      </ListPage>
      {changing?.kind === "not_applicable" && (
        <FormDialog<{ reason: string }>
          title={`标记不适用：${changing.assignment.institutionName}`}
          onClose={() => setChanging(null)}
          onSubmit={async ({ reason }) => {
            await call(campaignRoutes.assignmentState, {
              params: { id: campaign.id },
              body: { institutionId: changing.assignment.id, state: "not_applicable", reason },
            });
            await refresh();
          }}
        >
          <Form.Item label="不适用原因" name="reason" rules={[{ required: true, whitespace: true, message: "请填写不适用原因" }, { max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} placeholder="如：停业装修、已撤并" />
          </Form.Item>
        </FormDialog>
      )}
      {changing?.kind === "window" && (
        <FormDialog<{ window: [Dayjs, Dayjs] }>
          title={`调整检查窗口：${changing.assignment.institutionName}`}
          initialValues={{ window: [dayjs(changing.assignment.windowStart), dayjs(changing.assignment.windowEnd)] }}
          onClose={() => setChanging(null)}
          onSubmit={async ({ window: [start, end] }) => {
            await call(campaignRoutes.assignmentWindow, {
              params: { id: campaign.id },
              body: { institutionId: changing.assignment.id, windowStart: start.format("YYYY-MM-DD"), windowEnd: end.format("YYYY-MM-DD") },
            });
            await refresh();
          }}
        >
          <Form.Item
            label="检查窗口"
            name="window"
            rules={[{ required: true, message: "请选择检查窗口" }]}
            extra={`应在检查期间 ${campaign.periodStart} 至 ${campaign.periodEnd} 内`}
          >
            <DatePicker.RangePicker
              style={{ width: "100%" }}
              disabledDate={(date) => date.isBefore(dayjs(campaign.periodStart), "day") || date.isAfter(dayjs(campaign.periodEnd), "day")}
            />
          </Form.Item>
        </FormDialog>
      )}
    </div>
  );
}

/** The campaign's work, a tab each; the assignments without a tab, so a link with filters opens them. */
function CampaignTabs({ campaign }: { campaign: CampaignDetail }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const isPhone = Grid.useBreakpoint().md === false;
  const tabs = [
    { key: "assignments", label: `检查对象（${campaign.progress.total}）`, children: <Assignments campaign={campaign} /> },
    ...(campaign.coverage.rows.length > 0 ? [{ key: "coverage", label: "覆盖情况", children: <Coverage campaign={campaign} /> }] : []),
    { key: "groups", label: "工作组", children: <CampaignGroups campaignId={campaign.id} canManage={campaign.actions.manage} /> },
    { key: "draws", label: "随机抽取", children: <CampaignDraws campaignId={campaign.id} canManage={campaign.actions.manage} /> },
  ];
  const asked = searchParams.get("tab");
  const active = tabs.some((tab) => tab.key === asked) ? (asked as string) : "assignments";
  return (
    <Card>
      {/* Narrower gaps on a phone: the four tabs fit its width instead of hiding the last behind "…". */}
      <Tabs
        tabBarGutter={isPhone ? 16 : undefined}
        activeKey={active}
        onChange={(tab) => setSearchParams(tab === "assignments" ? {} : { tab }, { replace: true })}
        items={tabs}
      />
    </Card>
  );
}

/**
 * A campaign: what it is, and a tab each for its institutions with their windows, states and
 * inspections, its coverage by jurisdiction, its working groups and its random draw.
 */
export function CampaignDetailPage() {
  const { id = "" } = useParams();
  const campaign = useCampaign(id);
  const navigate = useNavigate();
  const can = useCan();
  if (campaign.isError) return <LoadError error={campaign.error} onRetry={() => campaign.refetch()} />;
  if (!campaign.data) return <Card loading />;
  const data = campaign.data;
  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/campaigns">检查工作</Link> }, { title: data.name }]} />
      <PageTitle
        title={
          <Space wrap>
            {data.name}
            <PhaseTag campaign={data} />
          </Space>
        }
        tabTitle={data.name}
        actions={
          <Space wrap>
            {can("inspection:read") && (
              <Button icon={<FileDoneOutlined />} onClick={() => navigate(`/inspections?campaignId=${data.id}`)}>
                检查记录
              </Button>
            )}
            {can("hazard:record") && (
              <Button onClick={() => navigate(`/common-problems?from=${data.periodStart}&to=${data.periodEnd}&campaignId=${data.id}`)}>共性问题</Button>
            )}
          </Space>
        }
      />
      <Overview campaign={data} />
      <CampaignTabs campaign={data} />
    </>
  );
}

import { DownloadOutlined, FormOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, DatePicker, Flex, Form, Modal, Select, type SelectProps, Space, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { INSPECTION_SORTS, type InspectionSummary, inspectionRoutes } from "../../../contracts/inspections";
import { INSPECTION_KINDS } from "../../../domain/inspections";
import { useCan, useCurrentUser } from "../../app/session";
import { DownloadButton } from "../../ui/DownloadButton";
import { optionsOf, YES_NO_OPTIONS } from "../../ui/enum-options";
import { ListPage } from "../../ui/ListPage";
import { type ListColumn, ListTable } from "../../ui/ListTable";
import { calendarDayField, type QueryField } from "../../ui/QueryForm";
import { useListParams, usePageQuery } from "../../ui/use-list-params";
import { CampaignSelect } from "../campaigns/CampaignSelect";
import { GroupSelect } from "../draws/GroupSelect";
import { InstitutionSelect } from "../institutions/InstitutionSelect";
import { JurisdictionTreeSelect } from "../jurisdictions/JurisdictionTreeSelect";
import { draftsOf } from "./drafts";
import { Field } from "./Field";

const FILTER_KEYS = ["campaignId", "groupId", "institutionId", "kind", "jurisdictionCode", "inspectedFrom", "inspectedTo", "withHazards"] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
const SORT_KEYS = Object.keys(INSPECTION_SORTS) as (keyof typeof INSPECTION_SORTS)[];

/** A campaign chosen in the form takes its working group's filter with it: a group belongs to one campaign. */
function CampaignFilter(props: SelectProps<string>) {
  const form = Form.useFormInstance();
  return (
    <CampaignSelect
      allowClear
      placeholder="全部"
      {...props}
      onChange={(value, option) => {
        form.setFieldValue("groupId", undefined);
        props.onChange?.(value, option);
      }}
    />
  );
}

/** The working groups of the campaign chosen in the form, before 查询 applies it. */
function GroupFilter(props: SelectProps<string>) {
  const form = Form.useFormInstance();
  const campaignId: string | undefined = Form.useWatch("campaignId", form);
  return <GroupSelect campaignId={campaignId || undefined} {...props} />;
}

/** An authority filters by campaign (its own and those below) and group; an institution sees its own records only. */
function fieldsFor(authority: boolean): QueryField<FilterKey>[] {
  return [
    ...(authority
      ? [
          { name: "campaignId" as const, label: "检查工作", control: <CampaignFilter /> },
          { name: "groupId" as const, label: "工作组", control: <GroupFilter /> },
          { name: "institutionId" as const, label: "被检查机构", control: <InstitutionSelect allowClear placeholder="全部" /> },
          { name: "jurisdictionCode" as const, label: "行政区划", control: <JurisdictionTreeSelect placeholder="全部" /> },
        ]
      : []),
    { name: "kind", label: "检查类型", control: <Select allowClear placeholder="全部" options={optionsOf(INSPECTION_KINDS)} /> },
    {
      name: "withHazards",
      label: "检查结果",
      control: <Select allowClear placeholder="全部" options={YES_NO_OPTIONS.map((o) => ({ ...o, label: o.value === "true" ? "发现隐患" : "未发现隐患" }))} />,
    },
    { name: "inspectedFrom", label: "检查日期起", control: <DatePicker style={{ width: "100%" }} />, convert: calendarDayField },
    { name: "inspectedTo", label: "检查日期止", control: <DatePicker style={{ width: "100%" }} />, convert: calendarDayField },
  ];
}

const COLUMNS: ListColumn<InspectionSummary, keyof typeof INSPECTION_SORTS>[] = [
  { key: "institution", title: "被检查机构", phone: "title", render: (i) => i.institutionName },
  { key: "inspectedOn", title: "检查日期", sortKey: "inspectedOn", render: (i) => i.inspectedOn },
  { key: "kind", title: "检查类型", render: (i) => INSPECTION_KINDS[i.kind] },
  // A self-inspection is done by the inspected institution itself.
  { key: "authority", title: "检查单位", render: (i) => i.authorityName ?? i.institutionName },
  { key: "campaign", title: "检查工作", render: (i) => [i.campaignName, i.groupName].filter(Boolean).join(" · ") || "—" },
  { key: "inspectors", title: "检查人员", render: (i) => i.inspectorNames },
  { key: "hazards", title: "隐患数", sortKey: "hazardCount", align: "right", render: (i) => i.hazardCount },
  { key: "score", title: "得分", align: "right", render: (i) => i.score ?? "—" },
];

/** The drafts on this device not yet sent: what the inspector filled offline, to open again or wait for. */
function UnsentDrafts() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const drafts = useQuery({ queryKey: ["inspection-drafts", user.id], queryFn: () => draftsOf(user.id), networkMode: "always" });
  if (!drafts.data?.length) return null;
  return (
    <Alert
      style={{ marginBottom: 16 }}
      type="warning"
      showIcon
      title={`本机有 ${drafts.data.length} 份检查记录尚未提交`}
      description={
        <Flex vertical gap={4}>
          {drafts.data.map((draft) => (
            <Typography.Link key={draft.id} onClick={() => navigate(`/inspections/new?draft=${draft.id}`)}>
              {draft.form.institution.name}（{draft.inspectedOn}，{draft.state === "queued" ? "等待发送" : draft.state === "refused" ? "需修改" : "填写中"}）
            </Typography.Link>
          ))}
        </Flex>
      }
    />
  );
}

/** 开始检查: an authority picks the institution (outside a campaign; a campaign's assignments open the form themselves). */
function StartDialog({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const [institutionId, setInstitutionId] = useState<string>();
  return (
    <Modal
      open
      title="现场检查"
      okText="开始检查"
      cancelText="取消"
      okButtonProps={{ disabled: !institutionId }}
      onCancel={onClose}
      onOk={() => navigate(`/inspections/new?institutionId=${institutionId}`)}
    >
      <Field label="被检查机构">
        <InstitutionSelect
          style={{ width: "100%" }}
          value={institutionId}
          onChange={(value) => setInstitutionId(typeof value === "string" ? value : undefined)}
          placeholder="输入名称或统一社会信用代码"
        />
      </Field>
    </Modal>
  );
}

/**
 * 检查记录: the inspections of the caller's jurisdiction (an institution: its own, self-inspections
 * and the authorities' alike), filtered by campaign, group, institution, date and result, exported
 * as filtered; where inspections start.
 */
export function InspectionListPage() {
  const can = useCan();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const authority = can("inspection:record");
  // The campaign filter lists campaigns, which an authority reads (campaign:read) and an institution does not.
  const filtersCampaigns = can("campaign:read");
  const list = useListParams(FILTER_KEYS, SORT_KEYS);
  const inspections = usePageQuery(inspectionRoutes.list, list.query);
  const [starting, setStarting] = useState(false);
  return (
    <>
      <ListPage
        title="检查记录"
        actions={
          <>
            {can("inspection:export") && (
              <DownloadButton icon={<DownloadOutlined />} route={inspectionRoutes.export} input={{ query: list.exportQuery }} fileName="检查记录.xlsx">
                导出
              </DownloadButton>
            )}
            {authority && (
              <Button type="primary" icon={<FormOutlined />} onClick={() => setStarting(true)}>
                现场检查
              </Button>
            )}
            {can("inspection:self") && user.affiliation.kind === "institution" && user.affiliation.code && (
              <Button type="primary" icon={<FormOutlined />} onClick={() => navigate(`/inspections/new?institutionId=${user.affiliation.code}`)}>
                开始自查
              </Button>
            )}
          </>
        }
        above={<UnsentDrafts />}
        fields={fieldsFor(filtersCampaigns)}
        list={list}
      >
        <ListTable
          query={inspections}
          list={list}
          columns={COLUMNS}
          defaultSort={{ key: "inspectedOn", order: "desc" }}
          emptyText="暂无检查记录"
          actions={(i) => (
            <Space size={0} wrap>
              <Button type="link" size="small" onClick={() => navigate(`/inspections/${i.id}`)}>
                查看
              </Button>
              <DownloadButton
                type="link"
                size="small"
                route={inspectionRoutes.pdf}
                input={{ params: { id: i.id } }}
                fileName={`现场检查记录-${i.institutionName}.pdf`}
              >
                PDF
              </DownloadButton>
            </Space>
          )}
        />
      </ListPage>
      {starting && <StartDialog onClose={() => setStarting(false)} />}
    </>
  );
}

import { DownloadOutlined, FileAddOutlined } from "@ant-design/icons";
import { Button, DatePicker, Input, Select, Space } from "antd";
import { useState } from "react";
import { NOTICE_SORTS, type NoticeSummary, noticeRoutes } from "../../../contracts/notices";
import { NOTICE_KINDS } from "../../../domain/notices";
import { useCan } from "../../app/session";
import { DownloadButton } from "../../ui/DownloadButton";
import { optionsOf, YES_NO_OPTIONS } from "../../ui/enum-options";
import { ListPage } from "../../ui/ListPage";
import { type ListColumn, ListTable } from "../../ui/ListTable";
import { calendarDayField, type QueryField } from "../../ui/QueryForm";
import { useListParams, usePageQuery } from "../../ui/use-list-params";
import { InstitutionSelect } from "../institutions/InstitutionSelect";
import { AcknowledgeButton } from "./AcknowledgeButton";
import { IssueNoticeDialog } from "./IssueNoticeDialog";
import { AcknowledgementTag, NoticeDrawer, NoticePdfButton } from "./NoticeDrawer";

const NOTICE_FILTER_KEYS = ["number", "institutionId", "kind", "acknowledged", "issuedFrom", "issuedTo"] as const;
type FilterKey = (typeof NOTICE_FILTER_KEYS)[number];
const NOTICE_SORT_KEYS = Object.keys(NOTICE_SORTS) as (keyof typeof NOTICE_SORTS)[];

function fieldsFor(authority: boolean): QueryField<FilterKey>[] {
  return [
    { name: "number", label: "文书编号", control: <Input placeholder="编号的任意部分" allowClear /> },
    ...(authority ? [{ name: "institutionId" as const, label: "被通知机构", control: <InstitutionSelect allowClear /> }] : []),
    { name: "kind", label: "文书类型", control: <Select allowClear placeholder="全部" options={optionsOf(NOTICE_KINDS)} /> },
    {
      name: "acknowledged",
      label: "是否已签收",
      control: <Select allowClear placeholder="全部" options={YES_NO_OPTIONS.map((o) => ({ ...o, label: o.value === "true" ? "已签收" : "未签收" }))} />,
    },
    { name: "issuedFrom", label: "签发日期起", control: <DatePicker style={{ width: "100%" }} />, convert: calendarDayField },
    { name: "issuedTo", label: "签发日期止", control: <DatePicker style={{ width: "100%" }} />, convert: calendarDayField },
  ];
}

const COLUMNS: ListColumn<NoticeSummary, keyof typeof NOTICE_SORTS>[] = [
  { key: "number", title: "文书编号", sortKey: "number", phone: "title", render: (n) => n.number },
  { key: "kind", title: "文书类型", render: (n) => NOTICE_KINDS[n.kind] },
  { key: "institution", title: "被通知机构", render: (n) => n.institutionName },
  { key: "issuedOn", title: "签发日期", sortKey: "issuedOn", render: (n) => n.issuedOn },
  { key: "hazards", title: "隐患数", align: "right", render: (n) => n.hazardCount },
  { key: "deadline", title: "整改期限", render: (n) => n.deadline ?? "立行立改" },
  { key: "acknowledgedAt", title: "签收情况", sortKey: "acknowledgedAt", render: (n) => <AcknowledgementTag notice={n} /> },
];

/**
 * 通知书: an authority's notices over its jurisdiction with their 签收 state, where it also issues
 * new ones; an institution's notices addressed to it, each to 签收.
 */
export function NoticeListPage() {
  const can = useCan();
  const authority = can("hazard:record");
  const list = useListParams(NOTICE_FILTER_KEYS, NOTICE_SORT_KEYS);
  const notices = usePageQuery(noticeRoutes.list, list.query);
  const [opened, setOpened] = useState<string | null>(null);
  const [issuing, setIssuing] = useState(false);
  return (
    <>
      <ListPage
        title={authority ? "通知书" : "通知书签收"}
        actions={
          <>
            <DownloadButton icon={<DownloadOutlined />} route={noticeRoutes.export} input={{ query: list.exportQuery }} fileName="通知书.xlsx">
              导出
            </DownloadButton>
            {authority && (
              <Button type="primary" icon={<FileAddOutlined />} onClick={() => setIssuing(true)}>
                开具通知书
              </Button>
            )}
          </>
        }
        fields={fieldsFor(authority)}
        list={list}
      >
        <ListTable
          query={notices}
          list={list}
          columns={COLUMNS}
          defaultSort={{ key: "issuedOn", order: "desc" }}
          emptyText={authority ? "暂无通知书" : "暂无发给本单位的通知书"}
          actions={(n) => (
            <Space size={0} wrap>
              <Button type="link" size="small" onClick={() => setOpened(n.id)}>
                详情
              </Button>
              <NoticePdfButton notice={n} size="small" />
              {can("notice:acknowledge") && !n.acknowledgedAt && <AcknowledgeButton notice={n} size="small" />}
            </Space>
          )}
        />
      </ListPage>
      {opened && <NoticeDrawer id={opened} onClose={() => setOpened(null)} />}
      {issuing && <IssueNoticeDialog onClose={() => setIssuing(false)} onIssued={(issued) => setOpened(issued.id)} />}
    </>
  );
}

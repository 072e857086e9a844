import { DownloadOutlined } from "@ant-design/icons";
import { DatePicker, Input, Select, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { AUDIT_ACTIONS, AUDIT_RESULTS, AUDIT_SORTS, AUDIT_TARGET_TYPES, type AuditEntry, auditRoutes } from "../../../contracts/audit";
import { DownloadButton } from "../../ui/DownloadButton";
import { labelOf, optionsOf } from "../../ui/enum-options";
import { formatTime } from "../../ui/format";
import { ListPage } from "../../ui/ListPage";
import { type ListColumn, ListTable } from "../../ui/ListTable";
import type { QueryField } from "../../ui/QueryForm";
import { useListParams, usePageQuery } from "../../ui/use-list-params";
import { AuditSummary, actionLabel } from "./AuditSummary";

const AUDIT_FILTER_KEYS = ["actor", "action", "result", "from", "to"] as const;
const AUDIT_SORT_KEYS = Object.keys(AUDIT_SORTS) as (keyof typeof AUDIT_SORTS)[];

/** With milliseconds and offset: the server compares `at <= to`, so the end of a minute must keep its .999. */
const isoOf = (time: Dayjs | null | undefined) => time?.format("YYYY-MM-DDTHH:mm:ss.SSSZ");

/** A bound of the time range: the URL's ISO text in, whole minutes out (from the first millisecond, to the last). */
const timeBound = (edge: "start" | "end") => ({
  getValueProps: (value: string | undefined) => ({ value: value && dayjs(value).isValid() ? dayjs(value) : null }),
  normalize: (time: Dayjs | null) => (time ? isoOf(edge === "start" ? time.startOf("minute") : time.endOf("minute")) : undefined),
});

const FIELDS: QueryField<(typeof AUDIT_FILTER_KEYS)[number]>[] = [
  { name: "actor", label: "操作人", control: <Input placeholder="用户名的任意部分" allowClear /> },
  {
    name: "action",
    label: "操作",
    control: <Select allowClear placeholder="全部" showSearch={{ optionFilterProp: "label" }} options={optionsOf(AUDIT_ACTIONS)} />,
  },
  { name: "result", label: "结果", control: <Select allowClear placeholder="全部" options={optionsOf(AUDIT_RESULTS)} /> },
  {
    name: "from",
    label: "开始时间",
    control: <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} />,
    convert: timeBound("start"),
  },
  {
    name: "to",
    label: "结束时间",
    control: <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} />,
    convert: timeBound("end"),
  },
];

const COLUMNS: ListColumn<AuditEntry, keyof typeof AUDIT_SORTS>[] = [
  { key: "at", title: "时间", sortKey: "at", phone: "title", render: (entry) => formatTime(entry.at, "second") },
  { key: "actor", title: "操作人", render: (entry) => entry.actorUsername ?? "（未登录）" },
  { key: "action", title: "操作", render: actionLabel },
  {
    key: "target",
    title: "对象",
    render: (entry) =>
      entry.targetType ? [labelOf(AUDIT_TARGET_TYPES, entry.targetType), entry.targetName ?? entry.targetId].filter(Boolean).join(" · ") : "—",
  },
  { key: "result", title: "结果", render: (entry) => <Tag color={entry.result === "success" ? "green" : "red"}>{AUDIT_RESULTS[entry.result]}</Tag> },
  { key: "ip", title: "IP 地址", phone: "hidden", render: (entry) => entry.ip },
  { key: "summary", title: "详情", render: (entry) => <AuditSummary entry={entry} /> },
];

export function AuditLogPage() {
  const list = useListParams(AUDIT_FILTER_KEYS, AUDIT_SORT_KEYS);
  const entries = usePageQuery(auditRoutes.list, list.query);
  return (
    <ListPage
      title="审计日志"
      actions={
        <DownloadButton icon={<DownloadOutlined />} route={auditRoutes.export} input={{ query: list.exportQuery }} fileName="审计日志.xlsx">
          导出
        </DownloadButton>
      }
      fields={FIELDS}
      list={list}
    >
      <ListTable query={entries} list={list} columns={COLUMNS} defaultSort={{ key: "at", order: "desc" }} emptyText="暂无审计记录" />
    </ListPage>
  );
}

import { Card, Col, DatePicker, Row, type TableColumnsType, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { AUDIT_ACTIONS, type AuditEntry } from "../../../contracts/audit";
import { labelOf, optionsOf } from "../../ui/enum-options";
import { FilterSelect } from "../../ui/FilterSelect";
import { formatTime } from "../../ui/format";
import { ListTable } from "../../ui/ListTable";
import { PageTitle } from "../../ui/PageTitle";
import { SearchBox } from "../../ui/SearchBox";
import { useListParams, usePageQuery } from "../../ui/use-list-params";

const AUDIT_FILTER_KEYS = ["actor", "action", "result", "from", "to"] as const;
const RESULTS = { success: "成功", failure: "失败" };
/** Kinds of record an action concerns, as the server names them in `targetType`. */
const TARGET_TYPES = { user: "用户", institution: "机构", institution_import: "导入批次" };

/** Details are free-form JSON written by the server; shown compact, in full on hover. */
function Detail({ detail }: { detail: unknown }) {
  if (detail === null || detail === undefined) return "—";
  const text = JSON.stringify(detail);
  return (
    <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: 320 }}>
      {text}
    </Typography.Text>
  );
}

/** The name the record carried when it was written (institution, account or file), else its id. */
function targetName(entry: AuditEntry): string | null {
  const detail = (entry.detail ?? {}) as { name?: unknown; username?: unknown; fileName?: unknown };
  const name = [detail.name, detail.username, detail.fileName].find((value) => typeof value === "string");
  return (name as string | undefined) ?? entry.targetId;
}

/** A bound of the time range from the URL; a missing or unreadable one (a hand-edited link) is no bound. */
function timeParam(text: string | undefined): Dayjs | null {
  const time = text ? dayjs(text) : null;
  return time?.isValid() ? time : null;
}

/** With milliseconds and offset: the server compares `at <= to`, so the end of a minute must keep its .999. */
const isoOf = (time: Dayjs | null | undefined) => time?.format("YYYY-MM-DDTHH:mm:ss.SSSZ");

const UNSTYLED_FIELDSET = { border: 0, margin: 0, padding: 0, minWidth: 0 };

const COLUMNS: TableColumnsType<AuditEntry> = [
  { title: "时间", dataIndex: "at", fixed: "left", render: (at: string) => formatTime(at, "second") },
  { title: "操作人", dataIndex: "actorUsername", render: (actor: string | null) => actor ?? "（未登录）" },
  { title: "操作", dataIndex: "action", render: (action: string) => labelOf(AUDIT_ACTIONS, action) },
  {
    title: "对象",
    key: "target",
    render: (_, entry) => (entry.targetType ? [labelOf(TARGET_TYPES, entry.targetType), targetName(entry)].filter(Boolean).join(" · ") : "—"),
  },
  {
    title: "结果",
    dataIndex: "result",
    render: (result: AuditEntry["result"]) => <Tag color={result === "success" ? "green" : "red"}>{RESULTS[result]}</Tag>,
  },
  { title: "IP 地址", dataIndex: "ip" },
  { title: "详情", dataIndex: "detail", render: (detail: unknown) => <Detail detail={detail} /> },
];

export function AuditLogPage() {
  const list = useListParams(AUDIT_FILTER_KEYS);
  const from = timeParam(list.filters.from);
  const to = timeParam(list.filters.to);
  const entries = usePageQuery<AuditEntry>("audit", "/api/audit", { ...list.query, from: isoOf(from), to: isoOf(to) });

  return (
    <>
      <PageTitle title="审计日志" />
      <Card>
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col xs={24} md={12} xl={6}>
            <SearchBox value={list.filters.actor} placeholder="操作人用户名" label="操作人" onSearch={(actor) => list.setFilters({ actor })} />
          </Col>
          <Col xs={24} sm={12} md={6} xl={4}>
            <FilterSelect
              placeholder="操作"
              searchable
              options={optionsOf(AUDIT_ACTIONS)}
              value={list.filters.action}
              onChange={(action) => list.setFilters({ action })}
            />
          </Col>
          <Col xs={24} sm={12} md={6} xl={3}>
            <FilterSelect placeholder="结果" options={optionsOf(RESULTS)} value={list.filters.result} onChange={(result) => list.setFilters({ result })} />
          </Col>
          <Col xs={24} md={12} xl={8}>
            {/* Named as a whole here; each end is named by its placeholder. */}
            <fieldset aria-label="时间范围" style={UNSTYLED_FIELDSET}>
              <DatePicker.RangePicker
                showTime={{ format: "HH:mm" }}
                format="YYYY-MM-DD HH:mm"
                placeholder={["开始时间", "结束时间"]}
                // Either end may stay open ("since …", "until …").
                allowEmpty={[true, true]}
                value={from || to ? [from, to] : null}
                // Whole minutes, as the picker shows them: from the first millisecond to the last.
                onChange={(dates) => list.setFilters({ from: isoOf(dates?.[0]?.startOf("minute")), to: isoOf(dates?.[1]?.endOf("minute")) })}
                style={{ width: "100%" }}
              />
            </fieldset>
          </Col>
        </Row>
        <ListTable query={entries} list={list} columns={COLUMNS} emptyText={list.hasFilters ? "没有符合条件的记录" : "暂无审计记录"} />
      </Card>
    </>
  );
}

import { DownloadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Breadcrumb, Card, Col, Flex, Grid, Input, Row, Select, Statistic, Table, Tag, Typography } from "antd";
import { Link, useSearchParams } from "react-router";
import { type CoverageGap, type CoverageLedger, campaignRoutes, GAP_SORTS } from "../../../contracts/campaigns";
import { INSTITUTION_GRADES } from "../../../contracts/enums";
import { call } from "../../app/api";
import { DownloadButton } from "../../ui/DownloadButton";
import { labelOf, optionsOf, typeOptionsOf } from "../../ui/enum-options";
import { type ListColumn, ListTable } from "../../ui/ListTable";
import { PageTitle } from "../../ui/PageTitle";
import { type QueryField, QueryForm } from "../../ui/QueryForm";
import { LoadError } from "../../ui/results";
import { useListParams, usePageQuery } from "../../ui/use-list-params";
import { JurisdictionTreeSelect } from "../jurisdictions/JurisdictionTreeSelect";
import { CoverageBars } from "./CoverageBars";

const FILTER_KEYS = ["jurisdictionCode", "grade", "type", "q"] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
const SORT_KEYS = Object.keys(GAP_SORTS) as (keyof typeof GAP_SORTS)[];

const FIELDS: QueryField<FilterKey>[] = [
  { name: "q", label: "机构名称", control: <Input placeholder="名称的任意部分" allowClear /> },
  { name: "jurisdictionCode", label: "行政区划", control: <JurisdictionTreeSelect placeholder="全部" /> },
  { name: "grade", label: "等级", control: <Select allowClear placeholder="全部" options={optionsOf(INSTITUTION_GRADES)} /> },
  { name: "type", label: "机构类型", control: <Select allowClear placeholder="全部" options={typeOptionsOf()} showSearch={{ optionFilterProp: "label" }} /> },
];

const GAP_COLUMNS: ListColumn<CoverageGap, keyof typeof GAP_SORTS>[] = [
  { key: "name", title: "机构名称", sortKey: "name", phone: "title", render: (g) => <Link to={`/institutions/${g.id}`}>{g.name}</Link> },
  { key: "jurisdiction", title: "行政区划", sortKey: "jurisdiction", render: (g) => g.jurisdictionName },
  {
    key: "grade",
    title: "等级",
    sortKey: "grade",
    render: (g) => (
      <>
        {labelOf(INSTITUTION_GRADES, g.grade)}
        {g.provincialDirect && <Tag style={{ marginLeft: 4 }}>省直</Tag>}
      </>
    ),
  },
  { key: "lastInspectedOn", title: "上次督导检查", sortKey: "lastInspectedOn", render: (g) => g.lastInspectedOn ?? "从未" },
];

const percent = (part: number, whole: number) => (whole === 0 ? "—" : `${Math.round((part / whole) * 100)}%`);

type Line = CoverageLedger["rows"][number];

/** The ledger's lines: a table on a wide screen, a block of labelled figures per jurisdiction on a phone. */
function LedgerLines({ ledger, drillTo }: { ledger: CoverageLedger; drillTo: (code: string) => string }) {
  const screens = Grid.useBreakpoint();
  const gapsOf = (code: string) => `/coverage?jurisdictionCode=${code}#gaps`;
  if (screens.md === false)
    return (
      <Flex vertical gap={10}>
        {[...ledger.rows, { ...ledger.total, code: "", name: "合计" }].map((line) => (
          <div key={line.code || "total"} className="yian-matrix-row">
            <Flex justify="space-between">
              {line.code ? <Link to={drillTo(line.code)}>{line.name}</Link> : <strong>合计</strong>}
              <span>覆盖率 {percent(line.inspectedQuarter, line.duty)}</span>
            </Flex>
            <Flex wrap gap="2px 12px" className="yian-matrix-cells">
              <span>应覆盖 {line.duty}</span>
              <span>本季度已检查 {line.inspectedQuarter}</span>
              <span>未检查 {line.code ? <Link to={gapsOf(line.code)}>{line.notInspectedQuarter}</Link> : line.notInspectedQuarter}</span>
              <span>本年度已检查 {line.inspectedYear}</span>
            </Flex>
          </div>
        ))}
      </Flex>
    );
  return (
    <Table<Line>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={ledger.rows}
      columns={[
        { title: "行政区划", key: "name", render: (_, line) => <Link to={drillTo(line.code)}>{line.name}</Link> },
        { title: "应覆盖机构", dataIndex: "duty", align: "right" },
        { title: "本季度已检查", dataIndex: "inspectedQuarter", align: "right" },
        {
          title: "本季度未检查",
          key: "notInspectedQuarter",
          align: "right",
          render: (_, line) => (line.notInspectedQuarter > 0 ? <Link to={gapsOf(line.code)}>{line.notInspectedQuarter}</Link> : 0),
        },
        { title: "本年度已检查", dataIndex: "inspectedYear", align: "right" },
        { title: "本季度覆盖率", key: "rate", align: "right", render: (_, line) => percent(line.inspectedQuarter, line.duty) },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>
            <strong>合计</strong>
          </Table.Summary.Cell>
          {[ledger.total.duty, ledger.total.inspectedQuarter, ledger.total.notInspectedQuarter, ledger.total.inspectedYear].map((n, index) => (
            <Table.Summary.Cell key={String(index)} index={index + 1} align="right">
              <strong>{n}</strong>
            </Table.Summary.Cell>
          ))}
          <Table.Summary.Cell index={5} align="right">
            <strong>{percent(ledger.total.inspectedQuarter, ledger.total.duty)}</strong>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

/**
 * 督查全覆盖台账: for the caller's jurisdiction (or one under it, by ?jurisdictionCode), each
 * jurisdiction's institutions in the coverage duty and how many had a supervision inspection this
 * quarter and this year; below, the institutions not yet inspected this quarter.
 */
export function CoverageLedgerPage() {
  const [searchParams] = useSearchParams();
  const jurisdictionCode = searchParams.get("jurisdictionCode") ?? undefined;
  const ledger = useQuery({
    queryKey: [campaignRoutes.coverage.path, jurisdictionCode],
    queryFn: () => call(campaignRoutes.coverage, { query: { jurisdictionCode } }),
  });
  const list = useListParams(FILTER_KEYS, SORT_KEYS);
  const gaps = usePageQuery(campaignRoutes.gaps, list.query);
  if (ledger.isError) return <LoadError error={ledger.error} onRetry={() => ledger.refetch()} />;
  const data = ledger.data;
  const drillTo = (code: string) => `/coverage?jurisdictionCode=${code}`;
  return (
    <>
      {jurisdictionCode && (
        <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/coverage">督查全覆盖台账</Link> }, { title: data?.jurisdictionName ?? "" }]} />
      )}
      <PageTitle title="督查全覆盖台账" />
      <Card loading={!data} style={{ marginBottom: 16 }}>
        {data && (
          <>
            <Typography.Paragraph type="secondary">
              {data.jurisdictionName}：应覆盖{data.dutyLabel}（省级覆盖省直及三级，市级覆盖二级，县级覆盖一级医疗机构）；“已检查”指{data.quarter.label}（
              {data.quarter.start} 至 {data.quarter.end}）或{data.year.label}内有督导检查记录。
            </Typography.Paragraph>
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              <Col xs={12} md={6}>
                <Statistic title="应覆盖机构" value={data.total.duty} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="本季度已检查" value={data.total.inspectedQuarter} suffix={`/ ${percent(data.total.inspectedQuarter, data.total.duty)}`} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="本季度未检查" value={data.total.notInspectedQuarter} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="本年度已检查" value={data.total.inspectedYear} />
              </Col>
            </Row>
            <LedgerLines ledger={data} drillTo={drillTo} />
            {data.rows.length > 1 && (
              <CoverageBars
                rows={data.rows.map((line) => ({
                  code: line.code,
                  name: line.name,
                  cells: { inspected: line.inspectedQuarter, notYet: line.notInspectedQuarter },
                }))}
                columns={[
                  { key: "inspected", title: "本季度已检查" },
                  { key: "notYet", title: "本季度未检查" },
                ]}
                linkTo={(code, column) => (column === "notYet" ? `/coverage?jurisdictionCode=${code}#gaps` : drillTo(code))}
              />
            )}
          </>
        )}
      </Card>
      <Card
        id="gaps"
        title="本季度未督导检查的机构"
        extra={
          <DownloadButton
            icon={<DownloadOutlined />}
            route={campaignRoutes.gapsExport}
            input={{ query: list.exportQuery }}
            fileName="本季度未督导检查机构.xlsx"
          >
            导出
          </DownloadButton>
        }
      >
        <QueryForm fields={FIELDS} values={list.filters} onSearch={list.setFilters} onReset={list.clearFilters} />
        <ListTable query={gaps} list={list} columns={GAP_COLUMNS} defaultSort={{ key: "jurisdiction", order: "asc" }} emptyText="本季度应覆盖的机构均已检查" />
      </Card>
    </>
  );
}

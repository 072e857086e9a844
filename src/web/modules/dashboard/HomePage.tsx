import { useQuery } from "@tanstack/react-query";
import { Card, Col, Empty, Row, Skeleton, Statistic, Table, type TableColumnsType, Typography } from "antd";
import { lazy, Suspense } from "react";
import type { CurrentUser } from "../../../contracts/auth";
import type { InstitutionCounts } from "../../../contracts/dashboard";
import { INSTITUTION_GRADES } from "../../../contracts/enums";
import { api } from "../../app/api";
import { useCurrentUser } from "../../app/session";
import { Loaded } from "../../ui/results";
import { countOf, typesIn } from "./counts";

// ECharts is most of the bundle's weight: loaded with the home page's data, not before the login page.
const InstitutionCountsChart = lazy(() => import("./InstitutionCountsChart").then((module) => ({ default: module.InstitutionCountsChart })));

interface TypeRow {
  key: string;
  label: string;
  total: number;
  [grade: string]: string | number;
}

const GRADE_COLUMNS = Object.entries(INSTITUTION_GRADES).map(([grade, label]) => ({ title: label, dataIndex: grade, align: "right" as const }));
const TABLE_COLUMNS: TableColumnsType<TypeRow> = [
  { title: "机构类型", dataIndex: "label", fixed: "left" },
  ...GRADE_COLUMNS,
  { title: "合计", dataIndex: "total", align: "right", render: (total: number) => <strong>{total}</strong> },
];

const SCOPE_CAPTIONS: Record<CurrentUser["affiliation"]["kind"], string> = {
  system: "全部机构概况",
  jurisdiction: "管辖范围内机构概况",
  institution: "本机构概况",
};

function typeRows(counts: InstitutionCounts): TypeRow[] {
  return typesIn(counts).map(({ key, label }) => {
    const row: TypeRow = { key, label, total: 0 };
    for (const grade of Object.keys(INSTITUTION_GRADES)) {
      const count = countOf(counts, key, grade);
      row[grade] = count;
      row.total += count;
    }
    return row;
  });
}

function Overview({ counts }: { counts: InstitutionCounts }) {
  const gradeCount = (grade: string) => counts.byGrade.find((entry) => entry.grade === grade)?.count ?? 0;
  if (counts.total === 0) return <Empty description="您的管辖范围内暂无登记的机构" />;
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} sm={8} xl={4}>
          <Card>
            <Statistic title="机构总数" value={counts.total} suffix="家" />
          </Card>
        </Col>
        {Object.entries(INSTITUTION_GRADES).map(([grade, label]) => (
          <Col key={grade} xs={12} sm={8} xl={5}>
            <Card>
              <Statistic title={`${label}机构`} value={gradeCount(grade)} suffix="家" />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title="各类型机构数量">
            <Suspense fallback={<Skeleton active />}>
              <InstitutionCountsChart counts={counts} />
            </Suspense>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title="类型 × 等级">
            <Table<TypeRow>
              size="small"
              columns={TABLE_COLUMNS}
              dataSource={typeRows(counts)}
              pagination={false}
              scroll={{ x: "max-content" }}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <strong>合计</strong>
                  </Table.Summary.Cell>
                  {GRADE_COLUMNS.map((column, index) => (
                    <Table.Summary.Cell key={column.dataIndex} index={index + 1} align="right">
                      {gradeCount(column.dataIndex)}
                    </Table.Summary.Cell>
                  ))}
                  <Table.Summary.Cell index={GRADE_COLUMNS.length + 1} align="right">
                    <strong>{counts.total}</strong>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}

export function HomePage() {
  const user = useCurrentUser();
  const counts = useQuery({ queryKey: ["dashboard", "institution-counts"], queryFn: () => api<InstitutionCounts>("/api/dashboard/institution-counts") });
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        您好，{user.displayName}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {user.affiliation.name} · {SCOPE_CAPTIONS[user.affiliation.kind]}
      </Typography.Paragraph>
      <Loaded query={counts}>{(data) => <Overview counts={data} />}</Loaded>
    </>
  );
}

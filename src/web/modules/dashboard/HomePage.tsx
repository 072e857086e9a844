import { useQuery } from "@tanstack/react-query";
import { Card, Col, Empty, Row, Segmented, Skeleton, Statistic, Typography } from "antd";
import { lazy, Suspense } from "react";
import { useNavigate, useSearchParams } from "react-router";
import type { CurrentUser } from "../../../contracts/auth";
import { dashboardRoutes } from "../../../contracts/dashboard";
import { INSTITUTION_GRADES } from "../../../contracts/enums";
import { call } from "../../app/api";
import { useCurrentUser } from "../../app/session";
import { CountMatrix } from "../../ui/CountMatrix";
import { Loaded } from "../../ui/results";
import { usePageTitle } from "../../ui/use-page-title";
import { HazardReminder } from "../hazards/HazardReminder";
import { breakdownRows, GRADE_COLUMNS, GROUP_COLUMNS, gradeCount, listLink, typeRows } from "./counts";
import { InstitutionHome } from "./InstitutionHome";

// ECharts is most of the bundle's weight: loaded with the home page's data, not before the login page.
const StackedBarChart = lazy(() => import("./StackedBarChart").then((module) => ({ default: module.StackedBarChart })));

const SCOPE_CAPTIONS: Record<CurrentUser["affiliation"]["kind"], string> = {
  system: "全省在册机构概况",
  jurisdiction: "管辖范围内在册机构概况",
  institution: "本机构概况",
};

const LEVEL_TITLES = { city: "各市", county: "各县（市、区）" } as const;

function Chart(props: Parameters<typeof StackedBarChart>[0]) {
  return (
    <Suspense fallback={<Skeleton active />}>
      <StackedBarChart {...props} />
    </Suspense>
  );
}

/** Counts one level down (cities for the province, counties for a city), by grade or by category. */
function Breakdown() {
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const by = searchParams.get("by") === "group" ? "group" : "grade";
  const breakdown = useQuery({ queryKey: [dashboardRoutes.breakdown.path], queryFn: () => call(dashboardRoutes.breakdown) });
  if (!breakdown.data?.level) return null;
  const rows = breakdownRows(breakdown.data, by);
  const columns = by === "grade" ? GRADE_COLUMNS : GROUP_COLUMNS;
  const level = LEVEL_TITLES[breakdown.data.level];
  return (
    <Card
      title={`${level}在册机构`}
      style={{ marginBottom: 16 }}
      extra={
        <Segmented
          aria-label="分组方式"
          value={by}
          onChange={(value) => setSearchParams(value === "grade" ? {} : { by: value }, { replace: true })}
          options={[
            { value: "grade", label: "按等级" },
            { value: "group", label: "按类别" },
          ]}
        />
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Chart rows={rows} columns={columns} onOpen={navigate} />
        </Col>
        <Col xs={24} xl={12}>
          <CountMatrix rowTitle={level} columns={columns} rows={rows} />
        </Col>
      </Row>
    </Card>
  );
}

function AuthorityHome() {
  const navigate = useNavigate();
  const counts = useQuery({ queryKey: [dashboardRoutes.counts.path], queryFn: () => call(dashboardRoutes.counts) });
  return (
    <Loaded query={counts}>
      {(data) =>
        data.total === 0 ? (
          <Empty description="您的管辖范围内暂无在册的机构" />
        ) : (
          <>
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              <Col xs={24} sm={8} xl={4}>
                <Card>
                  <Statistic title="在册机构" value={data.total} suffix="家" />
                </Card>
              </Col>
              {Object.entries(INSTITUTION_GRADES).map(([grade, label]) => (
                <Col key={grade} xs={12} sm={8} xl={5}>
                  <Card hoverable onClick={() => navigate(listLink({ grade }))}>
                    <Statistic title={`${label}机构`} value={gradeCount(data, grade)} suffix="家" />
                  </Card>
                </Col>
              ))}
            </Row>
            <Breakdown />
            <Card title="类别、类型 × 等级">
              <Row gutter={[16, 16]}>
                <Col xs={24} xl={12}>
                  <Chart rows={typeRows(data)} columns={GRADE_COLUMNS} onOpen={navigate} />
                </Col>
                <Col xs={24} xl={12}>
                  <CountMatrix rowTitle="机构类型" columns={GRADE_COLUMNS} rows={typeRows(data)} />
                </Col>
              </Row>
            </Card>
          </>
        )
      }
    </Loaded>
  );
}

export function HomePage() {
  const user = useCurrentUser();
  usePageTitle("首页");
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        您好，{user.displayName}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {user.affiliation.name} · {SCOPE_CAPTIONS[user.affiliation.kind]}
      </Typography.Paragraph>
      {user.permissions.includes("hazard:read") && <HazardReminder />}
      {user.affiliation.kind === "institution" && user.affiliation.code ? <InstitutionHome id={user.affiliation.code} /> : <AuthorityHome />}
    </>
  );
}

import { useQuery } from "@tanstack/react-query";
import { Card, DatePicker, Progress, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useSearchParams } from "react-router";
import { type CommonProblem, commonProblemRoutes } from "../../../contracts/common-problems";
import { INSTITUTION_TYPE_GROUPS } from "../../../domain/institution-types";
import { call } from "../../app/api";
import { useCan } from "../../app/session";
import { PageTitle } from "../../ui/PageTitle";
import { Loaded } from "../../ui/results";
import { CampaignSelect } from "../campaigns/CampaignSelect";

const DAY = "YYYY-MM-DD";
const quarterStart = () =>
  dayjs()
    .startOf("month")
    .subtract(dayjs().month() % 3, "month");

/** The period and the campaign, kept in the URL: this quarter and every campaign unless chosen. */
function usePeriod() {
  const [params, setParams] = useSearchParams();
  const from = params.get("from") ?? quarterStart().format(DAY);
  const to = params.get("to") ?? dayjs().format(DAY);
  const campaignId = params.get("campaignId") ?? undefined;
  const change = (next: { from?: string; to?: string; campaignId?: string }) => {
    const merged = { from, to, campaignId, ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined)));
  };
  return { from, to, campaignId, change };
}

/**
 * 共性问题: what repeats across institutions in a period — each category with how many
 * institutions had one, where, in which kind of institution, and the share still open.
 */
export function CommonProblemsPage() {
  const { from, to, campaignId, change } = usePeriod();
  const can = useCan();
  const report = useQuery({
    queryKey: [commonProblemRoutes.report.path, from, to, campaignId],
    queryFn: () => call(commonProblemRoutes.report, { query: { from, to, campaignId } }),
  });
  return (
    <>
      <PageTitle title="共性问题" />
      <Card>
        <DatePicker.RangePicker
          style={{ marginBottom: 16, maxWidth: "100%" }}
          value={[dayjs(from), dayjs(to)]}
          allowClear={false}
          presets={[
            { label: "本季度", value: [quarterStart(), dayjs()] },
            { label: "本年", value: [dayjs().startOf("year"), dayjs()] },
            { label: "近 12 个月", value: [dayjs().subtract(12, "month"), dayjs()] },
          ]}
          onChange={(range) => range?.[0] && range[1] && change({ from: range[0].format(DAY), to: range[1].format(DAY) })}
        />
        {can("campaign:read") && (
          <CampaignSelect
            aria-label="检查工作"
            allowClear
            placeholder="全部检查工作（可按名称搜索）"
            style={{ width: 360, maxWidth: "100%", marginBottom: 16, marginLeft: 8 }}
            value={campaignId}
            onChange={(value) => change({ campaignId: value ?? undefined })}
          />
        )}
        <Loaded query={report}>
          {(data) => (
            <Table<CommonProblem>
              rowKey="category"
              size="small"
              dataSource={data.categories}
              pagination={false}
              scroll={{ x: "max-content" }}
              locale={{ emptyText: "该期间没有发现隐患" }}
              columns={[
                { title: "序号", key: "index", width: 64, render: (_value, _row, index) => index + 1 },
                { title: "隐患类别", dataIndex: "label" },
                { title: "涉及机构", dataIndex: "institutions", align: "right" },
                { title: "隐患数", dataIndex: "hazards", align: "right" },
                {
                  title: "未销号",
                  key: "open",
                  render: (_value, problem) => (
                    <span style={{ display: "inline-flex", alignItems: "center", gap: 8 }}>
                      {problem.open}
                      {/* The share still open: orange however high, never the "done" green of a full bar. */}
                      <Progress
                        percent={Math.round((problem.open / problem.hazards) * 100)}
                        size="small"
                        strokeColor="#fa8c16"
                        format={(percent) => `${percent}%`}
                        style={{ width: 110, margin: 0 }}
                      />
                    </span>
                  ),
                },
                ...Object.entries(INSTITUTION_TYPE_GROUPS).map(([group, label]) => ({
                  title: label,
                  key: `group-${group}`,
                  align: "right" as const,
                  render: (_value: unknown, problem: CommonProblem) => problem.byGroup[group] ?? 0,
                })),
                ...data.children.map((child) => ({
                  title: child.name,
                  key: `child-${child.code}`,
                  align: "right" as const,
                  render: (_value: unknown, problem: CommonProblem) => problem.byChild[child.code] ?? 0,
                })),
              ]}
            />
          )}
        </Loaded>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          按发现日期统计，已作废的隐患不计；选定检查工作时只计其检查发现的隐患；涉及机构数多的类别排在前面。
        </Typography.Paragraph>
      </Card>
    </>
  );
}

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Breadcrumb, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Switch, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { type CampaignCreateBody, type CampaignScope, campaignRoutes } from "../../../contracts/campaigns";
import { INSTITUTION_GRADES, OWNERSHIPS } from "../../../contracts/enums";
import { institutionRoutes } from "../../../contracts/institutions";
import { defaultCampaignDuty } from "../../../domain/coverage";
import { CAMPAIGN_KINDS, CAMPAIGN_SELECTIONS } from "../../../domain/inspections";
import { cadenceOf } from "../../../domain/quarterly-cadence";
import { call } from "../../app/api";
import { optionsOf, typeOptionsOf } from "../../ui/enum-options";
import { PageTitle } from "../../ui/PageTitle";
import { showSubmitError } from "../../ui/server-error";
import { useDebouncedValue } from "../../ui/use-debounced-value";
import { usePageQuery } from "../../ui/use-list-params";
import { JurisdictionTreeSelect, useJurisdictionTree } from "../jurisdictions/JurisdictionTreeSelect";

type ScopeValues = {
  kind: CampaignScope["kind"];
  jurisdictionCodes?: string[];
  types?: string[];
  grades?: string[];
  ownership?: string;
  provincialDirect?: "true" | "false";
  institutions?: { value: string; label: string }[];
};

type CreateValues = Omit<CampaignCreateBody, "periodStart" | "periodEnd" | "scope" | "windowStart" | "windowEnd"> & {
  period: [Dayjs, Dayjs];
  scope: ScopeValues;
};

const KIND_OPTIONS = optionsOf(CAMPAIGN_KINDS).filter((option) => option.value !== "follow_up");
const day = (value: Dayjs) => value.format("YYYY-MM-DD");
const half = { xs: 24, md: 12 };

/** The scope the form describes, as the API takes it. */
function scopeOf(values: ScopeValues | undefined): CampaignScope | undefined {
  if (!values?.kind) return undefined;
  const jurisdictionCodes = values.jurisdictionCodes ?? [];
  switch (values.kind) {
    case "coverage":
      return { kind: "coverage", jurisdictionCodes };
    case "filter":
      return {
        kind: "filter",
        jurisdictionCodes,
        types: (values.types ?? []) as never[],
        grades: (values.grades ?? []) as never[],
        ownership: values.ownership as "public" | undefined,
        provincialDirect: values.provincialDirect === undefined ? undefined : values.provincialDirect === "true",
      };
    case "list":
      return (values.institutions ?? []).length > 0 ? { kind: "list", institutionIds: (values.institutions ?? []).map((i) => i.value) } : undefined;
  }
}

/** Several institutions of the caller's scope, searched on the server by name as the user types; the chosen keep their names. */
function InstitutionPicker(props: { value?: { value: string; label: string }[]; onChange?: (value: { value: string; label: string }[]) => void }) {
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim());
  const found = usePageQuery(institutionRoutes.list, { q, pageSize: 20 });
  return (
    <Select
      mode="multiple"
      labelInValue
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder="输入机构名称搜索，可选多家"
      loading={found.isFetching}
      options={(found.data?.items ?? []).map((item) => ({ value: item.id, label: `${item.name}（${item.jurisdictionName}）` }))}
      value={props.value}
      onChange={(value) => props.onChange?.(value)}
    />
  );
}

/** How many institutions on the register the scope holds now: what the assignments will be. */
function ScopeCount({ scope }: { scope: CampaignScope | undefined }) {
  const settled = useDebouncedValue(scope);
  const counted = useQuery({
    queryKey: [campaignRoutes.scopeCount.path, settled],
    queryFn: () => call(campaignRoutes.scopeCount, { body: { scope: settled as CampaignScope } }),
    enabled: settled !== undefined,
  });
  if (!settled) return <Typography.Text type="secondary">请选择检查范围</Typography.Text>;
  if (counted.isError) return <Typography.Text type="danger">{counted.error.message}</Typography.Text>;
  return <Typography.Text strong>{counted.data ? `范围内在册机构 ${counted.data.count.toLocaleString("zh-CN")} 家` : "统计中…"}</Typography.Text>;
}

/** 部署检查工作: name, kind, period, checklists, 四不两直, and the scope — by default the coverage rule's duty of the caller's level. */
export function CampaignCreatePage() {
  const [form] = Form.useForm<CreateValues>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const tree = useJurisdictionTree();
  const level = tree.data?.roots[0]?.level;
  const duty = level ? defaultCampaignDuty(level) : undefined;
  const dutyLabel = duty ? [...(duty.provincialDirect ? ["省直"] : []), ...duty.grades.map((grade) => INSTITUTION_GRADES[grade])].join("、") : "";
  const checklists = useQuery({ queryKey: [campaignRoutes.checklistOptions.path], queryFn: () => call(campaignRoutes.checklistOptions) });
  const kind = Form.useWatch("kind", form);
  const period = Form.useWatch("period", form);
  const scopeKind = Form.useWatch(["scope", "kind"], form);
  const scopeValues = Form.useWatch("scope", form);
  const firstCadence = kind === "quarterly" && period?.[0] ? cadenceOf(day(period[0])) : undefined;

  const create = useMutation({
    mutationFn: ({ period: [start, end], scope, ...values }: CreateValues) => {
      const chosen = scopeOf(scope);
      if (!chosen) throw new Error("检查范围：请选择机构");
      return call(campaignRoutes.create, { body: { ...values, periodStart: day(start), periodEnd: day(end), scope: chosen } });
    },
    onSuccess: async (created) => {
      message.success(`已部署：${created.name}，检查对象 ${created.progress.total} 家`);
      await queryClient.invalidateQueries({ queryKey: [campaignRoutes.list.path] });
      navigate(`/campaigns/${created.id}`, { replace: true });
    },
    onError: (error) => showSubmitError(form, message, error),
  });

  // A quarter's first round: the first month of the current quarter (seed 003).
  const thisQuarter = cadenceOf(dayjs().format("YYYY-MM-DD"));
  const onKindChange = (next: string) => {
    if (next !== "quarterly") return;
    const start = dayjs(thisQuarter.firstRound.start);
    form.setFieldValue("period", [start, dayjs(thisQuarter.firstRound.end)]);
    form.setFieldValue("name", `${thisQuarter.quarter.label}安全生产督导检查`);
  };

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/campaigns">检查工作</Link> }, { title: "部署检查工作" }]} />
      <PageTitle title="部署检查工作" />
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: "special", unannounced: true, selection: "all", scope: { kind: "coverage" }, checklistVersionIds: [] }}
        onFinish={(values) => create.mutate(values)}
        disabled={create.isPending}
        scrollToFirstError
      >
        <Card title="基本信息" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item label="检查工作名称" name="name" rules={[{ required: true, whitespace: true, message: "请填写检查工作名称" }, { max: 100 }]}>
                <Input maxLength={100} placeholder="如：2026年第四季度安全生产督导检查" />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item label="检查类型" name="kind" rules={[{ required: true }]}>
                <Select options={KIND_OPTIONS} onChange={onKindChange} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item
                label="检查期间"
                name="period"
                rules={[{ required: true, message: "请选择检查期间" }]}
                extra={firstCadence && `每季度第一个月检查，第三个月“回头看”：本次回头看安排在 ${firstCadence.followUp.start} 至 ${firstCadence.followUp.end}`}
              >
                <DatePicker.RangePicker style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item
                label="检查表"
                name="checklistVersionIds"
                rules={[{ required: true, type: "array", min: 1, message: "请选择检查表" }]}
                extra={checklists.data?.length === 0 ? "暂无可用的检查表，请先在检查表管理中新建" : undefined}
              >
                <Select
                  mode="multiple"
                  loading={checklists.isPending}
                  placeholder="可选多张"
                  options={(checklists.data ?? []).map((c) => ({ value: c.versionId, label: `${c.name}（第${c.version}版，${c.itemCount}项）` }))}
                  showSearch={{ optionFilterProp: "label" }}
                />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item label="四不两直" name="unannounced" valuePropName="checked" extra="开启后，被检查机构在检查记录提交前看不到本次检查的安排">
                <Switch checkedChildren="是" unCheckedChildren="否" />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item label="检查对象产生方式" name="selection" extra="随机抽取：部署后在“随机抽取”中从范围内抽取检查对象">
                <Radio.Group options={optionsOf(CAMPAIGN_SELECTIONS)} optionType="button" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title="检查范围" style={{ marginBottom: 16 }} extra={<ScopeCount scope={scopeOf(scopeValues)} />}>
          <Form.Item name={["scope", "kind"]} label="范围方式" rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: "coverage", label: `全覆盖默认${dutyLabel ? `（${dutyLabel}机构）` : ""}` },
                { value: "filter", label: "按条件" },
                { value: "list", label: "指定机构" },
              ]}
            />
          </Form.Item>
          {scopeKind === "coverage" && (
            <Alert
              style={{ marginBottom: 16 }}
              type="info"
              showIcon
              title="督查全覆盖：省级覆盖省直及三级医疗机构，市级覆盖二级医疗机构，县级覆盖一级医疗机构。"
            />
          )}
          <Row gutter={16}>
            {scopeKind !== "list" && (
              <Col {...half}>
                <Form.Item label="行政区划" name={["scope", "jurisdictionCodes"]} extra="不选则为本辖区全部">
                  <JurisdictionTreeSelect multiple placeholder="全部" />
                </Form.Item>
              </Col>
            )}
            {scopeKind === "filter" && (
              <>
                <Col {...half}>
                  <Form.Item label="机构类型" name={["scope", "types"]}>
                    <Select mode="multiple" allowClear placeholder="全部" options={typeOptionsOf()} showSearch={{ optionFilterProp: "label" }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item label="等级" name={["scope", "grades"]}>
                    <Select mode="multiple" allowClear placeholder="全部" options={optionsOf(INSTITUTION_GRADES)} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item label="所有制" name={["scope", "ownership"]}>
                    <Select allowClear placeholder="全部" options={optionsOf(OWNERSHIPS)} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item label="是否省直" name={["scope", "provincialDirect"]}>
                    <Select
                      allowClear
                      placeholder="全部"
                      options={[
                        { value: "true", label: "仅省直" },
                        { value: "false", label: "非省直" },
                      ]}
                    />
                  </Form.Item>
                </Col>
              </>
            )}
            {scopeKind === "list" && (
              <Col xs={24}>
                <Form.Item label="机构名单" name={["scope", "institutions"]} rules={[{ required: true, type: "array", min: 1, message: "请选择机构" }]}>
                  <InstitutionPicker />
                </Form.Item>
              </Col>
            )}
          </Row>
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            部署
          </Button>
          <Button onClick={() => navigate("/campaigns")}>取消</Button>
        </Space>
      </Form>
    </>
  );
}

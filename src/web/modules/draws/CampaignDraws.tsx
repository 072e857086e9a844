import { CheckCircleOutlined, ExclamationCircleOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Input, InputNumber, List, Popconfirm, Radio, Skeleton, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { campaignRoutes } from "../../../contracts/campaigns";
import { type DrawBody, type DrawDetail, drawRoutes, type RerunReport } from "../../../contracts/draws";
import { call } from "../../app/api";
import { formatTime } from "../../ui/format";
import { LoadError } from "../../ui/results";
import { showSubmitError } from "../../ui/server-error";

type DrawFormValues = { kind: "count" | "ratio"; amount: number; inspectorsPerInstitution: number; witness: string; seed?: string };

/** The draw form: how many institutions (a number or a ratio, rounded up), inspectors each, the witness, and an optional seed. */
function DrawForm({ campaignId }: { campaignId: string }) {
  const [form] = Form.useForm<DrawFormValues>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const run = useMutation({
    mutationFn: (values: DrawFormValues) => {
      const body: DrawBody = {
        quantity: values.kind === "count" ? { kind: "count", count: values.amount } : { kind: "ratio", percent: values.amount },
        inspectorsPerInstitution: values.inspectorsPerInstitution,
        witness: values.witness,
        ...(values.seed?.trim() ? { seed: values.seed.trim() } : {}),
      };
      return call(drawRoutes.run, { params: { id: campaignId }, body });
    },
    onSuccess: async (drawn) => {
      message.success(`已抽取 ${drawn.drawnCount} 家机构`);
      // The draw made or marked the campaign's assignments: its page counts and lists them again.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [drawRoutes.list.path, campaignId] }),
        queryClient.invalidateQueries({ queryKey: [campaignRoutes.detail.path, campaignId] }),
        queryClient.invalidateQueries({ queryKey: [campaignRoutes.assignments.path] }),
      ]);
    },
    onError: (error) => showSubmitError(form, message, error),
  });
  return (
    <Card size="small" title="随机抽取（双随机）">
      <Form<DrawFormValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: "ratio", amount: 5, inspectorsPerInstitution: 2 }}
        onFinish={(values) => run.mutate(values)}
        disabled={run.isPending}
      >
        <Form.Item label="抽取方式" name="kind">
          <Radio.Group
            options={[
              { value: "ratio", label: "按比例" },
              { value: "count", label: "按家数" },
            ]}
          />
        </Form.Item>
        <Form.Item noStyle dependencies={["kind"]}>
          {({ getFieldValue }) =>
            getFieldValue("kind") === "count" ? (
              <Form.Item label="抽取家数" name="amount" rules={[{ required: true, message: "请输入抽取家数" }]}>
                <InputNumber min={1} max={100000} precision={0} style={{ width: "100%" }} />
              </Form.Item>
            ) : (
              <Form.Item label="抽取比例（%）" name="amount" rules={[{ required: true, message: "请输入抽取比例" }]} extra="按抽取池家数乘以比例向上取整">
                <InputNumber min={0.01} max={100} precision={2} style={{ width: "100%" }} />
              </Form.Item>
            )
          }
        </Form.Item>
        <Form.Item
          label="每家检查人员数"
          name="inspectorsPerInstitution"
          rules={[{ required: true, message: "请输入每家检查人员数" }]}
          extra="不少于 2 名；本单位人员和申报回避的专家不派"
        >
          <InputNumber min={2} max={10} precision={0} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item label="见证人" name="witness" rules={[{ required: true, whitespace: true, message: "请输入见证人" }, { max: 50 }]}>
          <Input maxLength={50} placeholder="如：纪检组 李红" />
        </Form.Item>
        <Form.Item label="随机种子" name="seed" rules={[{ max: 100 }]} extra="留空则由系统以密码学随机数生成并记录；同一抽取池、参数和种子总得到同一结果">
          <Input maxLength={100} />
        </Form.Item>
        <Popconfirm
          title="确定抽取？"
          description="每项检查工作只抽取一次，抽取结果将作为记录保存。"
          onConfirm={() => form.submit()}
          okText="抽取"
          cancelText="取消"
        >
          <Button type="primary" loading={run.isPending}>
            抽取
          </Button>
        </Popconfirm>
      </Form>
    </Card>
  );
}

function Names({ rows, empty = "无" }: { rows: { name: string }[]; empty?: string }) {
  return <>{rows.length === 0 ? empty : rows.map((row) => row.name).join("、")}</>;
}

/** What a re-run found: the same result, or how today's pool differs and whether the result would. */
function RerunOutcome({ report }: { report: RerunReport }) {
  const title =
    report.pool === "recorded"
      ? report.sameResult
        ? "按记录的抽取池复核：结果与记录一致"
        : "按记录的抽取池复核：结果与记录不一致"
      : report.sameResult
        ? "按当前的抽取池复核：结果与记录一致"
        : "按当前的抽取池复核：结果将与记录不同";
  return (
    <Alert
      type={report.sameResult ? "success" : report.pool === "recorded" ? "error" : "warning"}
      showIcon
      icon={report.sameResult ? <CheckCircleOutlined /> : <ExclamationCircleOutlined />}
      title={title}
      description={
        <Flex vertical gap={2}>
          <span>{`抽取池 ${report.poolSize} 家`}</span>
          {report.failure && <span>{report.failure}</span>}
          {report.pool === "today" && (
            <>
              <span>
                新增机构：
                <Names rows={report.institutionsAdded} />
              </span>
              <span>
                移出机构：
                <Names rows={report.institutionsRemoved} />
              </span>
              <span>
                新增检查人员：
                <Names rows={report.inspectorsAdded} />
              </span>
              <span>
                移出检查人员：
                <Names rows={report.inspectorsRemoved} />
              </span>
              {!report.sameResult && (
                <>
                  <span>
                    将被抽中而记录中未抽中：
                    <Names rows={report.drawnAdded} />
                  </span>
                  <span>
                    记录中抽中而将不被抽中：
                    <Names rows={report.drawnRemoved} />
                  </span>
                </>
              )}
            </>
          )}
        </Flex>
      }
    />
  );
}

/** One draw as evidence: the record, the drawn institutions with their inspectors and recusals, re-run and publish. */
function DrawRecord({ drawId, canManage }: { drawId: string; canManage: boolean }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [report, setReport] = useState<RerunReport>();
  const detail = useQuery({ queryKey: [drawRoutes.detail.path, drawId], queryFn: () => call(drawRoutes.detail, { params: { id: drawId } }) });
  const rerun = useMutation({
    mutationFn: (pool: "recorded" | "today") => call(drawRoutes.rerun, { params: { id: drawId }, query: { pool } }),
    onSuccess: setReport,
    onError: (error) => message.error(error.message),
  });
  const publish = useMutation({
    mutationFn: () => call(drawRoutes.publish, { params: { id: drawId } }),
    onSuccess: async (published: DrawDetail) => {
      message.success("已公示");
      queryClient.setQueryData([drawRoutes.detail.path, drawId], published);
      await queryClient.invalidateQueries({ queryKey: [drawRoutes.list.path, published.campaignId] });
    },
    onError: (error) => message.error(error.message),
  });
  if (detail.isPending) return <Skeleton active />;
  if (detail.isError) return <LoadError error={detail.error} onRetry={() => detail.refetch()} />;
  const draw = detail.data;
  const quantity = draw.parameters.quantity.kind === "count" ? `${draw.parameters.quantity.count} 家` : `${draw.parameters.quantity.percent}%（向上取整）`;
  return (
    <Card size="small" title="抽取记录">
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} styles={{ label: { whiteSpace: "nowrap" } }}>
        <Descriptions.Item label="抽取时间">{formatTime(draw.drawnAt, "second")}</Descriptions.Item>
        <Descriptions.Item label="操作人">{draw.operatorName}</Descriptions.Item>
        <Descriptions.Item label="见证人">{draw.witness}</Descriptions.Item>
        <Descriptions.Item label="抽取池">{`机构 ${draw.poolSize} 家，检查人员 ${draw.inspectorPoolSize} 名`}</Descriptions.Item>
        <Descriptions.Item label="抽取数量">{`${quantity}，抽中 ${draw.drawnCount} 家`}</Descriptions.Item>
        <Descriptions.Item label="每家检查人员">{`${draw.parameters.inspectorsPerInstitution} 名`}</Descriptions.Item>
        <Descriptions.Item label="算法">{`${draw.algorithm}（第 ${draw.algorithmVersion} 版）`}</Descriptions.Item>
        <Descriptions.Item label="随机种子">
          <Typography.Text copyable style={{ overflowWrap: "anywhere" }}>
            {draw.seed}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="公示">
          {draw.publicPath ? (
            <Space wrap size={4}>
              <Tag color="green">{`已于 ${formatTime(draw.publishedAt ?? draw.drawnAt)} 公示`}</Tag>
              <Link to={draw.publicPath} target="_blank">
                打开公示页
              </Link>
            </Space>
          ) : (
            <Tag>未公示</Tag>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Flex gap={8} wrap style={{ margin: "12px 0" }}>
        <Button onClick={() => rerun.mutate("recorded")} loading={rerun.isPending && rerun.variables === "recorded"}>
          按记录复核
        </Button>
        <Button onClick={() => rerun.mutate("today")} loading={rerun.isPending && rerun.variables === "today"}>
          按当前抽取池复核
        </Button>
        {canManage && !draw.publicPath && (
          <Popconfirm
            title="公示抽取结果？"
            description="公示页无需登录即可访问，只列出检查工作、抽中的机构及其检查结果。"
            onConfirm={() => publish.mutate()}
            okText="公示"
            cancelText="取消"
          >
            <Button type="primary" loading={publish.isPending}>
              公示
            </Button>
          </Popconfirm>
        )}
      </Flex>
      {report && <RerunOutcome report={report} />}
      <List
        style={{ marginTop: 12 }}
        size="small"
        header={<Typography.Text strong>{`抽中的机构（${draw.drawnCount} 家，按抽中顺序）`}</Typography.Text>}
        dataSource={draw.drawn}
        renderItem={(one, index) => (
          <List.Item>
            <Flex vertical gap={4} style={{ minWidth: 0 }}>
              <Typography.Text strong style={{ overflowWrap: "anywhere" }}>{`${index + 1}. ${one.institution.name}`}</Typography.Text>
              <Flex wrap gap={4}>
                {one.inspectors.map((who) => (
                  <Tag key={who.id} color={who.kind === "expert" ? "blue" : undefined}>
                    {`${who.name}${who.kind === "expert" ? "（专家）" : ""}`}
                  </Tag>
                ))}
              </Flex>
              {one.recusals.length > 0 && (
                <Typography.Text type="secondary" style={{ overflowWrap: "anywhere" }}>
                  {`回避：${one.recusals.map((r) => `${r.name}（${r.reason}）`).join("、")}`}
                </Typography.Text>
              )}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

/**
 * The random draw of a campaign (双随机、一公开): the form until it is drawn, then its record with
 * re-run and publish. Mounted on the campaign's page.
 */
export function CampaignDraws({
  campaignId,
  canManage,
}: {
  campaignId: string /** The campaign's own authority alone changes it (the server's answer on the campaign). */;
  canManage: boolean;
}) {
  const draws = useQuery({ queryKey: [drawRoutes.list.path, campaignId], queryFn: () => call(drawRoutes.list, { params: { id: campaignId } }) });
  if (draws.isPending) return <Skeleton active />;
  if (draws.isError) return <LoadError error={draws.error} onRetry={() => draws.refetch()} />;
  if (draws.data.length === 0) return canManage ? <DrawForm campaignId={campaignId} /> : <Empty description="尚未抽取" />;
  return (
    <Flex vertical gap={12}>
      {draws.data.map((draw) => (
        <DrawRecord key={draw.id} drawId={draw.id} canManage={canManage} />
      ))}
    </Flex>
  );
}

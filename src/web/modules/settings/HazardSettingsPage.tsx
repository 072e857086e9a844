import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Space, Table, Tag, Typography } from "antd";
import { type HazardSettingsBody, settingsRoutes } from "../../../contracts/settings";
import { HAZARD_SETTING_LABELS } from "../../../domain/hazard-listing";
import { call } from "../../app/api";
import { PageTitle } from "../../ui/PageTitle";
import { Loaded } from "../../ui/results";
import { showSubmitError } from "../../ui/server-error";

const PREFIX_FIELDS = [
  { name: "hazardPrefix", label: "隐患编号代字", example: (prefix: string) => `${prefix}隐患〔2026〕0001` },
  { name: "noticePrefix", label: "通知书文号代字", example: (prefix: string) => `${prefix}〔2026〕第0001号` },
  { name: "listingPrefix", label: "挂牌督办文号代字", example: (prefix: string) => `${prefix}〔2026〕1号` },
] as const;

const DAY_FIELDS = Object.entries(HAZARD_SETTING_LABELS) as [keyof typeof HAZARD_SETTING_LABELS, string][];

function SettingsForm({ settings, defaults }: { settings: HazardSettingsBody; defaults: HazardSettingsBody }) {
  const [form] = Form.useForm<HazardSettingsBody>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (body: HazardSettingsBody) => call(settingsRoutes.updateHazardSettings, { body }),
    onSuccess: async () => {
      message.success("设置已保存");
      await queryClient.invalidateQueries({ queryKey: [settingsRoutes.hazardSettings.path] });
    },
    onError: (error) => showSubmitError(form, message, error),
  });
  const prefixes = Form.useWatch([], form) ?? settings;
  return (
    <Form<HazardSettingsBody> form={form} layout="vertical" initialValues={settings} onFinish={(values) => save.mutate(values)} disabled={save.isPending}>
      <Typography.Title level={5}>文号</Typography.Title>
      <Row gutter={16}>
        {PREFIX_FIELDS.map((field) => (
          <Col xs={24} md={8} key={field.name}>
            <Form.Item
              label={field.label}
              name={field.name}
              rules={[{ required: true, whitespace: true, message: `请填写${field.label}` }, { max: 20 }]}
              extra={`示例：${field.example(prefixes[field.name] || defaults[field.name])}`}
            >
              <Input maxLength={20} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Typography.Title level={5}>提醒与挂牌督办时限</Typography.Title>
      <Row gutter={16}>
        {DAY_FIELDS.map(([name, label]) => (
          <Col xs={24} md={8} key={name}>
            <Form.Item label={label} name={name} rules={[{ required: true, message: `请填写${label}` }]} extra={`默认 ${defaults[name]}`}>
              <InputNumber min={0} max={250} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
        <Button onClick={() => form.setFieldsValue(defaults)}>恢复默认值</Button>
      </Space>
    </Form>
  );
}

function CategoryList() {
  const categories = useQuery({ queryKey: [settingsRoutes.categories.path], queryFn: () => call(settingsRoutes.categories) });
  const [form] = Form.useForm<{ name: string }>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const add = useMutation({
    mutationFn: (name: string) => call(settingsRoutes.addCategory, { body: { name } }),
    onSuccess: (items) => {
      queryClient.setQueryData([settingsRoutes.categories.path], items);
      form.resetFields();
      message.success("已增加类别");
    },
    onError: (error) => showSubmitError(form, message, error),
  });
  return (
    <>
      <Form form={form} layout="inline" onFinish={({ name }) => add.mutate(name)} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item label="类别名称" name="name" rules={[{ required: true, whitespace: true, message: "请填写类别名称" }, { max: 30 }]}>
          <Input maxLength={30} placeholder="如：电梯安全" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          增加类别
        </Button>
      </Form>
      <Table
        size="small"
        rowKey="value"
        loading={categories.isLoading}
        dataSource={categories.data}
        pagination={false}
        scroll={{ x: "max-content" }}
        columns={[
          { title: "序号", key: "index", width: 64, render: (_value, _row, index) => index + 1 },
          { title: "类别", dataIndex: "label" },
          { title: "来源", key: "addedBy", render: (_value, item) => (item.addedBy ? item.addedBy : <Tag>内置</Tag>) },
        ]}
      />
    </>
  );
}

/** 隐患设置: an authority administrator's prefixes, clocks and added hazard categories. */
export function HazardSettingsPage() {
  const view = useQuery({ queryKey: [settingsRoutes.hazardSettings.path], queryFn: () => call(settingsRoutes.hazardSettings) });
  return (
    <>
      <PageTitle title="隐患设置" />
      <Loaded query={view}>
        {(data) => (
          <Card title={data.authorityName} style={{ marginBottom: 16 }}>
            <SettingsForm key={JSON.stringify(data.settings)} settings={data.settings} defaults={data.defaults} />
          </Card>
        )}
      </Loaded>
      <Card title="隐患类别" extra={<Typography.Text type="secondary">增加的类别本级及下级部门可用</Typography.Text>}>
        <CategoryList />
      </Card>
    </>
  );
}

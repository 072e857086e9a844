import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Space, Tag, Typography } from "antd";
import { Link } from "react-router";
import { type HazardCategoryItem, type HazardSettingsBody, settingsRoutes } from "../../../contracts/settings";
import { HAZARD_SETTING_LABELS } from "../../../domain/hazard-listing";
import { call } from "../../app/api";
import { type ListColumn, ListTable } from "../../ui/ListTable";
import { PageTitle } from "../../ui/PageTitle";
import { Loaded } from "../../ui/results";
import { showSubmitError } from "../../ui/server-error";
import { useListParams } from "../../ui/use-list-params";

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

const CATEGORY_COLUMNS: ListColumn<HazardCategoryItem, never>[] = [
  { key: "label", title: "类别", phone: "title", render: (item) => item.label },
  { key: "addedBy", title: "来源", render: (item) => (item.addedBy ? item.addedBy : <Tag>内置</Tag>) },
];

/**
 * The categories the authority's hazards may take: the built-in ones and the few added by it
 * or the levels above. A short list that grows by hand, one name at a time, so it has no query form:
 * every category fits on one screen, and the ledger's own form filters hazards by category.
 */
function CategoryList() {
  const list = useListParams([]);
  const categories = useQuery({
    queryKey: [settingsRoutes.categories.path],
    queryFn: () => call(settingsRoutes.categories),
    // The route answers the whole list; the page shown is cut from it here.
    select: (items) => ({ items: items.slice((list.page - 1) * list.pageSize, list.page * list.pageSize), total: items.length }),
  });
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
      <ListTable
        query={categories}
        list={list}
        columns={CATEGORY_COLUMNS}
        rowKey="value"
        emptyText="暂无类别"
        actions={(item) => <Link to={`/hazards?category=${encodeURIComponent(item.value)}`}>查看隐患</Link>}
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

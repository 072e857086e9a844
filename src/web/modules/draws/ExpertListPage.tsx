import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, Input, Select, Space, Switch, Tag, Typography } from "antd";
import { useState } from "react";
import { EXPERT_SORTS, ExpertBody, type ExpertSummary, expertRoutes } from "../../../contracts/draws";
import { call } from "../../app/api";
import { DownloadButton } from "../../ui/DownloadButton";
import { FormDialog } from "../../ui/FormDialog";
import { ListPage } from "../../ui/ListPage";
import { type ListColumn, ListTable } from "../../ui/ListTable";
import { schemaRule } from "../../ui/schema-rule";
import { useListParams, usePageQuery } from "../../ui/use-list-params";
import { InstitutionSelect } from "../institutions/InstitutionSelect";

const EXPERT_FILTER_KEYS = ["name", "speciality", "active"] as const;
const EXPERT_SORT_KEYS = Object.keys(EXPERT_SORTS) as (keyof typeof EXPERT_SORTS)[];

const COLUMNS: ListColumn<ExpertSummary, keyof typeof EXPERT_SORTS>[] = [
  { key: "name", title: "姓名", sortKey: "name", phone: "title", render: (e) => e.name },
  { key: "unit", title: "工作单位", render: (e) => e.unit || e.institution?.name || "—" },
  { key: "speciality", title: "专业领域", sortKey: "speciality", render: (e) => e.speciality || "—" },
  { key: "phone", title: "联系电话", render: (e) => e.phone || "—" },
  {
    key: "conflicts",
    title: "回避",
    render: (e) =>
      e.conflictInstitutions.length === 0 && !e.conflictNote && !e.institution ? (
        "—"
      ) : (
        <Typography.Text style={{ overflowWrap: "anywhere" }}>
          {[...(e.institution ? [`${e.institution.name}（本单位）`] : []), ...e.conflictInstitutions.map((c) => c.name)].join("、")}
          {e.conflictNote && <Typography.Text type="secondary">{` ${e.conflictNote}`}</Typography.Text>}
        </Typography.Text>
      ),
  },
  { key: "authority", title: "所属专家库", render: (e) => e.authorityName },
  { key: "active", title: "状态", render: (e) => (e.active ? <Tag color="green">在库</Tag> : <Tag>不在库</Tag>) },
];

const ACTIVE_OPTIONS = [
  { value: "true", label: "在库" },
  { value: "false", label: "不在库" },
];

type FormValues = Omit<ExpertBody, "institutionId"> & { institutionId?: string };

/** Adds an expert to the caller's pool, or replaces an expert's fields. */
function ExpertDialog({ expert, onClose }: { expert?: ExpertSummary; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const submit = async (values: FormValues) => {
    const body = { ...values, institutionId: values.institutionId ?? "", conflictInstitutionIds: values.conflictInstitutionIds ?? [] };
    await (expert ? call(expertRoutes.update, { params: { id: expert.id }, body }) : call(expertRoutes.create, { body }));
    message.success(expert ? "已保存" : `已将 ${values.name} 加入专家库`);
    await queryClient.invalidateQueries({ queryKey: [expertRoutes.list.path] });
  };
  return (
    <FormDialog<FormValues>
      title={expert ? `编辑专家 ${expert.name}` : "增加专家"}
      okText={expert ? "保存" : "增加"}
      initialValues={
        expert
          ? {
              name: expert.name,
              unit: expert.unit,
              institutionId: expert.institution?.id,
              speciality: expert.speciality,
              phone: expert.phone,
              conflictInstitutionIds: expert.conflictInstitutions.map((c) => c.id),
              conflictNote: expert.conflictNote,
              active: expert.active,
            }
          : { unit: "", speciality: "", phone: "", conflictInstitutionIds: [], conflictNote: "", active: true }
      }
      onClose={onClose}
      onSubmit={submit}
    >
      <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: "请输入姓名" }, { max: 50 }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item label="工作单位" name="unit" rules={[{ max: 100 }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label="所在机构（在册）" name="institutionId" extra="专家在本系统在册机构工作时选择：抽取时不会派往本单位">
        <InstitutionSelect allowClear known={expert?.institution ? [expert.institution] : []} />
      </Form.Item>
      <Form.Item label="专业领域" name="speciality" rules={[{ max: 100 }]}>
        <Input maxLength={100} placeholder="如：消防安全、电气安全、医疗质量" />
      </Form.Item>
      <Form.Item label="联系电话" name="phone" rules={[schemaRule(ExpertBody.shape.phone)]}>
        <Input maxLength={30} inputMode="tel" />
      </Form.Item>
      <Form.Item label="回避机构" name="conflictInstitutionIds" extra="申报存在利益冲突的机构：抽取时不会派往这些机构">
        <InstitutionSelect mode="multiple" allowClear known={expert?.conflictInstitutions ?? []} />
      </Form.Item>
      <Form.Item label="回避说明" name="conflictNote" rules={[{ max: 500 }]}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
      <Form.Item label="在库" name="active" valuePropName="checked" extra="不在库的专家不参加抽取，也不能加入工作组">
        <Switch checkedChildren="在库" unCheckedChildren="不在库" />
      </Form.Item>
    </FormDialog>
  );
}

/** 专家库: the experts of the authorities in the caller's scope, with query form, export and the form dialog. */
export function ExpertListPage() {
  const list = useListParams(EXPERT_FILTER_KEYS, EXPERT_SORT_KEYS);
  const experts = usePageQuery(expertRoutes.list, list.query);
  const [dialog, setDialog] = useState<{ expert?: ExpertSummary } | null>(null);
  return (
    <>
      <ListPage
        title="专家库"
        fields={[
          { name: "name", label: "姓名", control: <Input allowClear /> },
          { name: "speciality", label: "专业领域", control: <Input allowClear /> },
          { name: "active", label: "状态", control: <Select allowClear placeholder="全部" options={ACTIVE_OPTIONS} /> },
        ]}
        list={list}
        toolbar={
          <>
            <DownloadButton icon={<DownloadOutlined />} route={expertRoutes.export} input={{ query: list.exportQuery }} fileName="专家库.xlsx">
              导出
            </DownloadButton>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})}>
              增加专家
            </Button>
          </>
        }
      >
        <ListTable
          query={experts}
          list={list}
          columns={COLUMNS}
          defaultSort={{ key: "name", order: "asc" }}
          emptyText="专家库中还没有专家"
          actions={(expert) => (
            <Space size={0} wrap>
              <Button type="link" size="small" onClick={() => setDialog({ expert })}>
                编辑
              </Button>
            </Space>
          )}
        />
      </ListPage>
      {dialog && <ExpertDialog expert={dialog.expert} onClose={() => setDialog(null)} />}
    </>
  );
}

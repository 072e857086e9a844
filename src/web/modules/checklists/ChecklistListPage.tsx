import { DownloadOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { Button, Input, Select, Space, Tag } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { CHECKLIST_OWNERS, CHECKLIST_SORTS, type ChecklistSummary, checklistRoutes } from "../../../contracts/checklists";
import { useCan } from "../../app/session";
import { DownloadButton } from "../../ui/DownloadButton";
import { optionsOf } from "../../ui/enum-options";
import { formatTime } from "../../ui/format";
import { ListPage } from "../../ui/ListPage";
import { type ListColumn, ListTable } from "../../ui/ListTable";
import type { QueryField } from "../../ui/QueryForm";
import { useListParams, usePageQuery } from "../../ui/use-list-params";
import { ChecklistImportDialog, CopyChecklistDialog } from "./ChecklistDialogs";
import { ChecklistKindTag } from "./checklist-display";

const FILTER_KEYS = ["name", "owner", "scored", "archived"] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
const SORT_KEYS = Object.keys(CHECKLIST_SORTS) as (keyof typeof CHECKLIST_SORTS)[];

const FIELDS: QueryField<FilterKey>[] = [
  { name: "name", label: "名称", control: <Input placeholder="名称的任意部分" allowClear /> },
  { name: "owner", label: "来源", control: <Select allowClear placeholder="全部" options={optionsOf(CHECKLIST_OWNERS)} /> },
  {
    name: "scored",
    label: "类型",
    control: (
      <Select
        allowClear
        placeholder="全部"
        options={[
          { value: "false", label: "检查表（符合/不符合）" },
          { value: "true", label: "评分表" },
        ]}
      />
    ),
  },
  {
    name: "archived",
    label: "状态",
    control: (
      <Select
        allowClear
        placeholder="全部"
        options={[
          { value: "false", label: "使用中" },
          { value: "true", label: "已归档" },
        ]}
      />
    ),
  },
];

const COLUMNS: ListColumn<ChecklistSummary, keyof typeof CHECKLIST_SORTS>[] = [
  { key: "name", title: "名称", sortKey: "name", phone: "title", render: (c) => <Link to={`/checklists/${c.id}`}>{c.name}</Link> },
  { key: "owner", title: "来源", render: (c) => c.ownerName },
  { key: "kind", title: "类型", render: (c) => <ChecklistKindTag checklist={c} /> },
  { key: "version", title: "当前版本", render: (c) => `第 ${c.currentVersion} 版` },
  { key: "itemCount", title: "检查项数", sortKey: "itemCount", align: "right", render: (c) => c.itemCount },
  { key: "archived", title: "状态", render: (c) => (c.archived ? <Tag>已归档</Tag> : <Tag color="green">使用中</Tag>) },
  { key: "updatedAt", title: "更新时间", sortKey: "updatedAt", render: (c) => formatTime(c.updatedAt) },
];

/** 检查表: the shipped templates and those of the authority and the authorities above it; its own are edited here. */
export function ChecklistListPage() {
  const can = useCan();
  const manage = can("checklist:manage");
  const navigate = useNavigate();
  const list = useListParams(FILTER_KEYS, SORT_KEYS);
  const checklists = usePageQuery(checklistRoutes.list, list.query);
  const [copying, setCopying] = useState<ChecklistSummary | null>(null);
  const [importing, setImporting] = useState(false);
  return (
    <>
      <ListPage
        title="检查表"
        actions={
          <>
            <DownloadButton icon={<DownloadOutlined />} route={checklistRoutes.export} input={{ query: list.exportQuery }} fileName="检查表.xlsx">
              导出
            </DownloadButton>
            {manage && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                导入
              </Button>
            )}
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate("/checklists/new")}>
                新建检查表
              </Button>
            )}
          </>
        }
        fields={FIELDS}
        list={list}
      >
        <ListTable
          query={checklists}
          list={list}
          columns={COLUMNS}
          defaultSort={{ key: "name", order: "asc" }}
          emptyText="暂无检查表"
          actions={(c) => (
            <Space size={0} wrap>
              <Button type="link" size="small" onClick={() => navigate(`/checklists/${c.id}`)}>
                查看
              </Button>
              {c.editable && !c.archived && (
                <Button type="link" size="small" onClick={() => navigate(`/checklists/${c.id}/edit`)}>
                  编辑
                </Button>
              )}
              {manage && c.owner !== "own" && (
                <Button type="link" size="small" onClick={() => setCopying(c)}>
                  复制为本部门
                </Button>
              )}
            </Space>
          )}
        />
      </ListPage>
      {copying && <CopyChecklistDialog checklist={copying} onClose={() => setCopying(null)} />}
      {importing && <ChecklistImportDialog onClose={() => setImporting(false)} />}
    </>
  );
}

import { DownloadOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { Button, Card, type TableColumnsType, Tag } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { INSTITUTION_GRADES, INSTITUTION_TYPES, OWNERSHIPS } from "../../../contracts/enums";
import type { InstitutionSummary } from "../../../contracts/institutions";
import { withQuery } from "../../app/api";
import { useCan } from "../../app/session";
import { DownloadButton } from "../../ui/DownloadButton";
import { labelOf } from "../../ui/enum-options";
import { ListTable } from "../../ui/ListTable";
import { PageTitle } from "../../ui/PageTitle";
import { useListParams } from "../../ui/use-list-params";
import { ImportDialog } from "./ImportDialog";
import { InstitutionFilterBar } from "./InstitutionFilterBar";
import { INSTITUTION_FILTER_KEYS, useInstitutionPage } from "./queries";

const COLUMNS: TableColumnsType<InstitutionSummary> = [
  {
    title: "机构名称",
    dataIndex: "name",
    fixed: "left",
    render: (name: string, row) => <Link to={`/institutions/${row.id}`}>{name}</Link>,
  },
  { title: "统一社会信用代码", dataIndex: "creditCode" },
  { title: "机构类型", dataIndex: "type", render: (type: string) => labelOf(INSTITUTION_TYPES, type) },
  { title: "等级", dataIndex: "grade", render: (grade: string) => labelOf(INSTITUTION_GRADES, grade) },
  { title: "所有制", dataIndex: "ownership", render: (ownership: string) => labelOf(OWNERSHIPS, ownership) },
  { title: "省直", dataIndex: "provincialDirect", render: (direct: boolean) => (direct ? <Tag color="gold">省直</Tag> : "—") },
  { title: "所在县（市、区）", dataIndex: "jurisdictionName" },
  { title: "床位数", dataIndex: "beds", align: "right" },
  { title: "联系人", dataIndex: "contactPerson" },
];

export function InstitutionListPage() {
  const can = useCan();
  const navigate = useNavigate();
  const list = useListParams(INSTITUTION_FILTER_KEYS);
  const institutions = useInstitutionPage(list.query);
  const [importing, setImporting] = useState(false);

  const actions = (
    <>
      {can("institution:export") && (
        <DownloadButton icon={<DownloadOutlined />} path={withQuery("/api/institutions/export", list.filters)} fileName="机构名录.xlsx">
          导出
        </DownloadButton>
      )}
      {can("institution:create") && (
        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
          导入
        </Button>
      )}
      {can("institution:create") && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate("/institutions/new")}>
          新增机构
        </Button>
      )}
    </>
  );

  return (
    <>
      <PageTitle title="机构管理" actions={actions} />
      <Card>
        <InstitutionFilterBar values={list.filters} onChange={list.setFilters} onClear={list.hasFilters ? list.clearFilters : undefined} />
        <ListTable query={institutions} list={list} columns={COLUMNS} emptyText={list.hasFilters ? "没有符合条件的机构" : "暂无机构"} />
      </Card>
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </>
  );
}

import { DownloadOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { Button, Input, Select, type SelectProps, Tag } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { INSTITUTION_GRADES, INSTITUTION_STATUSES, INSTITUTION_TYPE_GROUPS, INSTITUTION_TYPES, OWNERSHIPS } from "../../../contracts/enums";
import { type InstitutionSort, type InstitutionSummary, institutionRoutes, LIST_STATUSES } from "../../../contracts/institutions";
import { useCan } from "../../app/session";
import { DownloadButton } from "../../ui/DownloadButton";
import { labelOf, optionsOf, typeOptionsOf, YES_NO_OPTIONS, yesNo } from "../../ui/enum-options";
import { formatTime } from "../../ui/format";
import { ListPage } from "../../ui/ListPage";
import { type ListColumn, ListTable } from "../../ui/ListTable";
import type { QueryField } from "../../ui/QueryForm";
import { useListParams, usePageQuery } from "../../ui/use-list-params";
import { JurisdictionTreeSelect, useJurisdictionTree } from "../jurisdictions/JurisdictionTreeSelect";
import { InstitutionActions } from "./InstitutionActions";
import { InstitutionImportDialog } from "./InstitutionImportDialog";
import { INSTITUTION_FILTER_KEYS, INSTITUTION_SORT_KEYS, type InstitutionFilterKey } from "./queries";

const select = (options: SelectProps["options"], searchable = false) => (
  <Select allowClear placeholder="全部" options={options} showSearch={searchable ? { optionFilterProp: "label" } : false} />
);

function queryFields(showJurisdiction: boolean): QueryField<InstitutionFilterKey>[] {
  return [
    { name: "q", label: "机构名称", control: <Input placeholder="名称或信用代码的任意部分" allowClear /> },
    ...(showJurisdiction ? [{ name: "jurisdictionCode" as const, label: "行政区划", control: <JurisdictionTreeSelect placeholder="全部" /> }] : []),
    { name: "typeGroup", label: "机构类别", control: select(optionsOf(INSTITUTION_TYPE_GROUPS)) },
    { name: "type", label: "机构类型", control: select(typeOptionsOf(), true) },
    { name: "grade", label: "等级", control: select(optionsOf(INSTITUTION_GRADES)) },
    { name: "ownership", label: "所有制", control: select(optionsOf(OWNERSHIPS)) },
    { name: "provincialDirect", label: "是否省直", control: select(YES_NO_OPTIONS) },
    { name: "status", label: "登记状态", control: <Select placeholder="在册" allowClear options={optionsOf(LIST_STATUSES)} /> },
  ];
}

function columnsFor(showCity: boolean): ListColumn<InstitutionSummary, InstitutionSort>[] {
  return [
    {
      key: "name",
      title: "机构名称",
      sortKey: "name",
      phone: "title",
      render: (row) => (
        <>
          <Link to={`/institutions/${row.id}`}>{row.name}</Link>
          {row.status !== "active" && (
            <Tag color="default" style={{ marginLeft: 8 }}>
              {labelOf(INSTITUTION_STATUSES, row.status)}
            </Tag>
          )}
        </>
      ),
    },
    { key: "creditCode", title: "统一社会信用代码", phone: "hidden", render: (row) => row.creditCode },
    { key: "type", title: "机构类型", render: (row) => labelOf(INSTITUTION_TYPES, row.type) },
    { key: "grade", title: "等级", sortKey: "grade", render: (row) => labelOf(INSTITUTION_GRADES, row.grade) },
    { key: "ownership", title: "所有制", render: (row) => labelOf(OWNERSHIPS, row.ownership) },
    { key: "provincialDirect", title: "是否省直", render: (row) => yesNo(row.provincialDirect) },
    ...(showCity ? [{ key: "city", title: "所在市", render: (row: InstitutionSummary) => row.cityName }] : []),
    { key: "jurisdiction", title: "所在县（市、区）", sortKey: "jurisdiction", render: (row) => row.jurisdictionName },
    { key: "beds", title: "床位数", sortKey: "beds", align: "right", render: (row) => row.beds },
    { key: "contactPerson", title: "联系人", phone: "hidden", render: (row) => row.contactPerson },
    { key: "updatedAt", title: "更新时间", sortKey: "updatedAt", phone: "hidden", render: (row) => formatTime(row.updatedAt) },
  ];
}

export function InstitutionListPage() {
  const can = useCan();
  const navigate = useNavigate();
  const tree = useJurisdictionTree();
  const list = useListParams(INSTITUTION_FILTER_KEYS, INSTITUTION_SORT_KEYS);
  const institutions = usePageQuery(institutionRoutes.list, list.query);
  const [importing, setImporting] = useState(false);
  const roots = tree.data?.roots ?? [];
  // The province's users (and the system's) see many cities; an institution's own users see no tree.
  const showCity = roots.some((root) => root.level === "province");
  const may = { edit: can("institution:update"), register: can("institution:register") };

  const actions = (
    <>
      {can("institution:export") && (
        <DownloadButton icon={<DownloadOutlined />} route={institutionRoutes.export} input={{ query: list.exportQuery }} fileName="机构名录.xlsx">
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
      <ListPage title="机构管理" actions={actions} fields={queryFields(roots.length > 0)} list={list}>
        <ListTable
          query={institutions}
          list={list}
          columns={columnsFor(showCity)}
          defaultSort={{ key: "name", order: "asc" }}
          actions={(row) => <InstitutionActions institution={row} may={may} compact />}
          emptyText="暂无机构"
        />
      </ListPage>
      {importing && <InstitutionImportDialog onClose={() => setImporting(false)} />}
    </>
  );
}

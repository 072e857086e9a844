import { PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { Button, DatePicker, Input, Select, type SelectProps } from "antd";
import { type ReactNode, useState } from "react";
import { useNavigate } from "react-router";
import { INSTITUTION_GRADES } from "../../../contracts/enums";
import { type HazardSort, type HazardSummary, hazardRoutes } from "../../../contracts/hazards";
import { HAZARD_SOURCES } from "../../../domain/hazard-categories";
import { HAZARD_COMMANDS, HAZARD_GRADES, HAZARD_STATES, type HazardSide } from "../../../domain/hazard-lifecycle";
import { useCan } from "../../app/session";
import { optionsOf, typeOptionsOf, YES_NO_OPTIONS } from "../../ui/enum-options";
import { ListPage } from "../../ui/ListPage";
import { ListTable } from "../../ui/ListTable";
import { calendarDayField, type QueryField } from "../../ui/QueryForm";
import { useListParams, usePageQuery } from "../../ui/use-list-params";
import { InstitutionSelect } from "../institutions/InstitutionSelect";
import { JurisdictionTreeSelect } from "../jurisdictions/JurisdictionTreeSelect";
import { HazardExportButton } from "./HazardExportButton";
import { HazardImportDialog } from "./HazardImportDialog";
import { hazardColumns } from "./hazard-display";
import { HAZARD_FILTER_KEYS, HAZARD_SORT_KEYS, type HazardFilterKey, rowSteps, useHazardCategoryOptions, useHazardSide } from "./queries";

const select = (options: SelectProps["options"]) => <Select allowClear placeholder="全部" options={options} />;

/** The filters of a hazard list; one a page fixes (the review queue's state) is left out. */
function queryFields(
  fixed: Partial<Record<HazardFilterKey, string>>,
  showInstitution: boolean,
  categories: SelectProps["options"],
): QueryField<HazardFilterKey>[] {
  const fields: QueryField<HazardFilterKey>[] = [
    { name: "q", label: "部位或描述", control: <Input placeholder="如：消防、电线、氧气" allowClear /> },
    { name: "state", label: "状态", control: select(optionsOf(HAZARD_STATES)) },
    { name: "overdue", label: "是否逾期", control: select(YES_NO_OPTIONS) },
    { name: "grade", label: "隐患等级", control: select(optionsOf(HAZARD_GRADES)) },
    { name: "category", label: "隐患类别", control: select(categories) },
    ...(showInstitution
      ? [
          { name: "jurisdictionCode" as const, label: "行政区划", control: <JurisdictionTreeSelect placeholder="全部" /> },
          { name: "institutionId" as const, label: "机构", control: <InstitutionSelect allowClear placeholder="全部" /> },
          { name: "institutionType" as const, label: "机构类型", control: select(typeOptionsOf()) },
          { name: "institutionGrade" as const, label: "机构等级", control: select(optionsOf(INSTITUTION_GRADES)) },
        ]
      : []),
    { name: "source", label: "隐患来源", control: select(optionsOf(HAZARD_SOURCES)) },
    { name: "foundFrom", label: "发现日期起", control: <DatePicker style={{ width: "100%" }} />, convert: calendarDayField },
    { name: "foundTo", label: "发现日期止", control: <DatePicker style={{ width: "100%" }} />, convert: calendarDayField },
  ];
  return fields.filter((field) => fixed[field.name] === undefined);
}

/** 查看, and (in a work queue) the next steps the user may take, each opening the hazard's page with its dialog. */
function RowActions({ hazard, side, withSteps }: { hazard: HazardSummary; side: HazardSide; withSteps: boolean }) {
  const navigate = useNavigate();
  return (
    <>
      <Button type="link" size="small" onClick={() => navigate(`/hazards/${hazard.id}`)}>
        查看
      </Button>
      {(withSteps ? rowSteps(hazard, side) : []).map((kind) => (
        <Button key={kind} type="link" size="small" onClick={() => navigate(`/hazards/${hazard.id}?step=${kind}`)}>
          {HAZARD_COMMANDS[kind].label}
        </Button>
      ))}
    </>
  );
}

/**
 * A page listing hazards: its title, query form and table. `fixed` filters (the review queue's
 * state) and the order (the institution's to-do order) are the page's, not the user's; a work queue
 * offers each row's next steps, the ledger only opens the hazard (its table has no room for more).
 */
function HazardListPage({
  title,
  actions,
  fixed = {},
  sort,
  showInstitution,
  withSteps,
  emptyText,
}: {
  title: string;
  actions?: ReactNode;
  fixed?: Partial<Record<HazardFilterKey, string>>;
  sort?: HazardSort;
  showInstitution: boolean;
  withSteps: boolean;
  emptyText: string;
}) {
  const side = useHazardSide();
  const categories = useHazardCategoryOptions();
  const list = useListParams(HAZARD_FILTER_KEYS, HAZARD_SORT_KEYS, { cursor: true });
  const hazards = usePageQuery(hazardRoutes.list, { ...list.query, ...fixed, ...(sort ? { sort } : {}) });
  const can = useCan();
  return (
    <ListPage
      title={title}
      actions={actions}
      fields={queryFields(fixed, showInstitution, categories)}
      list={list}
      toolbar={can("hazard:export") && <HazardExportButton query={{ ...list.exportQuery, ...fixed, ...(sort ? { sort } : {}) }} counted={hazards.data} />}
    >
      <ListTable
        query={hazards}
        list={list}
        columns={hazardColumns({ showInstitution, showState: fixed.state === undefined })}
        actions={(row) => <RowActions hazard={row} side={side} withSteps={withSteps} />}
        emptyText={emptyText}
        defaultSort={sort ? undefined : { key: "foundOn", order: "desc" }}
      />
    </ListPage>
  );
}

/** 导入台账 and 登记隐患, for those who record hazards. */
function LedgerActions() {
  const can = useCan();
  const navigate = useNavigate();
  const [importing, setImporting] = useState(false);
  if (!can("hazard:record")) return null;
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
        导入台账
      </Button>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate("/hazards/new")}>
        登记隐患
      </Button>
      {importing && <HazardImportDialog onClose={() => setImporting(false)} />}
    </>
  );
}

/** 隐患台账: every hazard of the authority's jurisdiction subtree. */
export function HazardLedgerPage() {
  return <HazardListPage title="隐患台账" actions={<LedgerActions />} showInstitution withSteps={false} emptyText="暂无隐患" />;
}

/** 待复查: submitted rectifications waiting for the authority's verification. */
export function HazardReviewPage() {
  return <HazardListPage title="待复查" fixed={{ state: "awaiting_review" }} showInstitution withSteps emptyText="暂无待复查的整改" />;
}

/** 我的隐患: an institution's to-do list, overdue first, then by deadline. */
export function MyHazardsPage() {
  return <HazardListPage title="我的隐患" sort="urgency" showInstitution={false} withSteps emptyText="暂无隐患" />;
}

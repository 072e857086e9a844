import {
  INSTITUTION_GRADES,
  INSTITUTION_STATUSES,
  INSTITUTION_TYPE_CATALOGUE,
  INSTITUTION_TYPE_GROUPS,
  INSTITUTION_TYPES,
  OWNERSHIPS,
} from "../../../contracts/enums";
import { InstitutionUpdate } from "../../../contracts/institutions";
import { labelAt } from "../../../contracts/validation";
import { chinaMinute } from "../../../domain/calendar";
import type { ImportColumn } from "../../platform/import/pipeline";
import type { ExportColumn } from "../../platform/list/excel-export";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import type { InstitutionRow } from "./queries";

/** The Chinese label of an institution field, from its schema (contracts/institutions.ts). */
const labelOf = (field: keyof typeof InstitutionUpdate.shape) => labelAt(InstitutionUpdate, [field]) ?? field;

/** Where the institution sits, given by code or by name (and city, where a county name repeats). */
export const COUNTY_CODE_HEADER = "所在县（市、区）代码";
export const COUNTY_NAME_HEADER = labelOf("jurisdictionCode");
export const CITY_HEADER = "所在市";

/**
 * The columns an institution workbook may have, in the template's order. Headers are the fields'
 * labels; the aliases are the names authorities' own sheets use for the same column.
 */
export const INSTITUTION_IMPORT_COLUMNS: ImportColumn[] = [
  { field: "name", header: labelOf("name"), aliases: ["单位名称", "医疗机构名称", "名称"], required: true, reading: { kind: "text" } },
  { field: "creditCode", header: labelOf("creditCode"), aliases: ["信用代码", "社会信用代码", "统一信用代码"], required: true, reading: { kind: "text" } },
  { field: "type", header: labelOf("type"), aliases: ["类型", "医疗机构类型"], required: true, reading: { kind: "choice", labels: INSTITUTION_TYPES } },
  { field: "ownership", header: labelOf("ownership"), aliases: ["所有制形式", "经济类型"], required: true, reading: { kind: "choice", labels: OWNERSHIPS } },
  { field: "grade", header: labelOf("grade"), aliases: ["机构等级", "医院等级"], required: true, reading: { kind: "choice", labels: INSTITUTION_GRADES } },
  { field: "provincialDirect", header: labelOf("provincialDirect"), aliases: ["省直", "是否省直属"], reading: { kind: "yes-no" } },
  { field: "city", header: CITY_HEADER, aliases: ["市", "地市", "所属市"], reading: { kind: "area" } },
  { field: "county", header: COUNTY_NAME_HEADER, aliases: ["县区", "所在县区", "所属县区", "县（市、区）", "所在区县"], reading: { kind: "area" } },
  { field: "jurisdictionCode", header: COUNTY_CODE_HEADER, aliases: ["区划代码", "行政区划代码", "县区代码"], reading: { kind: "area" } },
  { field: "address", header: labelOf("address"), aliases: ["详细地址", "机构地址"], reading: { kind: "text" } },
  { field: "beds", header: labelOf("beds"), aliases: ["床位", "编制床位", "实有床位", "开放床位"], reading: { kind: "count" } },
  { field: "onDutyMedicalStaff", header: labelOf("onDutyMedicalStaff"), aliases: ["医务人员数", "在岗医务人员"], reading: { kind: "count" } },
  { field: "dailyOutpatientVisits", header: labelOf("dailyOutpatientVisits"), aliases: ["日均门诊人次", "日均门急诊量"], reading: { kind: "count" } },
  { field: "securityStaff", header: labelOf("securityStaff"), aliases: ["保安", "安保人员数", "保安员人数"], reading: { kind: "count" } },
  { field: "contactPerson", header: labelOf("contactPerson"), aliases: ["负责人", "联系人姓名"], required: true, reading: { kind: "text" } },
  { field: "contactPhone", header: labelOf("contactPhone"), aliases: ["电话", "联系方式", "联系电话号码"], reading: { kind: "text" } },
];

const yesNo = (value: boolean) => (value ? "是" : "否");
const labelFrom = (labels: Record<string, string>, key: string) => labels[key] ?? key;

/**
 * The columns of the export. Every editable field is there under its import header, so an exported
 * file can be edited in Excel and imported again; the rest (category, status, times) is for reading.
 */
export function institutionExportColumns(directory: JurisdictionDirectory): ExportColumn<InstitutionRow>[] {
  return [
    { header: labelOf("name"), width: 36, value: (r) => r.name },
    { header: labelOf("creditCode"), width: 22, value: (r) => r.creditCode },
    {
      header: "机构类别",
      width: 16,
      value: (r) => {
        const entry = INSTITUTION_TYPE_CATALOGUE[r.type as keyof typeof INSTITUTION_TYPE_CATALOGUE];
        return entry ? INSTITUTION_TYPE_GROUPS[entry.group] : "";
      },
    },
    { header: labelOf("type"), width: 18, value: (r) => labelFrom(INSTITUTION_TYPES, r.type) },
    { header: labelOf("ownership"), width: 8, value: (r) => labelFrom(OWNERSHIPS, r.ownership) },
    { header: labelOf("grade"), width: 8, value: (r) => labelFrom(INSTITUTION_GRADES, r.grade) },
    { header: labelOf("provincialDirect"), width: 10, value: (r) => yesNo(r.provincialDirect) },
    { header: CITY_HEADER, width: 12, value: (r) => directory.cityOf(r.jurisdictionCode)?.name ?? "" },
    { header: COUNTY_NAME_HEADER, width: 16, value: (r) => directory.name(r.jurisdictionCode) },
    { header: COUNTY_CODE_HEADER, width: 18, value: (r) => r.jurisdictionCode },
    { header: labelOf("address"), width: 36, value: (r) => r.address },
    { header: labelOf("beds"), width: 10, value: (r) => r.beds },
    { header: labelOf("onDutyMedicalStaff"), width: 14, value: (r) => r.onDutyMedicalStaff },
    { header: labelOf("dailyOutpatientVisits"), width: 12, value: (r) => r.dailyOutpatientVisits },
    { header: labelOf("securityStaff"), width: 10, value: (r) => r.securityStaff },
    { header: labelOf("contactPerson"), width: 12, value: (r) => r.contactPerson },
    { header: labelOf("contactPhone"), width: 16, value: (r) => r.contactPhone },
    { header: "登记状态", width: 10, value: (r) => labelFrom(INSTITUTION_STATUSES, r.status) },
    { header: "注销/停业日期", width: 14, value: (r) => r.closedOn },
    { header: "更新时间", width: 20, value: (r) => chinaMinute(r.updatedAt) },
  ];
}

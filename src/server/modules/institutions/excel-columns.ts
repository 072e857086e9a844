import { INSTITUTION_GRADES, INSTITUTION_TYPES, OWNERSHIPS } from "../../../contracts/enums";
import type { InstitutionRow } from "./queries";

/**
 * The columns of the institution workbook. Export, template and import share them, so an
 * exported file can be edited in Excel and imported again.
 */
export interface Column {
  header: string;
  /** Field of InstitutionInput it imports into; absent for columns only exported (names for people). */
  field?: string;
  width: number;
  required?: boolean;
  /** Labels accepted on import and written on export. */
  labels?: Record<string, string>;
  kind?: "text" | "integer" | "boolean";
  exportValue: (row: InstitutionRow, jurisdictionName: string) => string | number;
}

const YES_NO = { true: "是", false: "否" };

export const INSTITUTION_COLUMNS: Column[] = [
  { header: "机构名称", field: "name", width: 36, required: true, exportValue: (r) => r.name },
  { header: "统一社会信用代码", field: "creditCode", width: 22, required: true, exportValue: (r) => r.creditCode },
  { header: "机构类型", field: "type", width: 18, required: true, labels: INSTITUTION_TYPES, exportValue: (r) => label(INSTITUTION_TYPES, r.type) },
  { header: "所有制", field: "ownership", width: 8, required: true, labels: OWNERSHIPS, exportValue: (r) => label(OWNERSHIPS, r.ownership) },
  { header: "等级", field: "grade", width: 8, required: true, labels: INSTITUTION_GRADES, exportValue: (r) => label(INSTITUTION_GRADES, r.grade) },
  { header: "是否省直", field: "provincialDirect", width: 10, kind: "boolean", labels: YES_NO, exportValue: (r) => (r.provincialDirect ? "是" : "否") },
  { header: "所在县（市、区）代码", field: "jurisdictionCode", width: 18, required: true, exportValue: (r) => r.jurisdictionCode },
  { header: "所在县（市、区）", width: 16, exportValue: (_r, jurisdictionName) => jurisdictionName },
  { header: "地址", field: "address", width: 36, exportValue: (r) => r.address },
  { header: "床位数", field: "beds", width: 10, kind: "integer", exportValue: (r) => r.beds },
  { header: "在岗医务人员数", field: "onDutyMedicalStaff", width: 14, kind: "integer", exportValue: (r) => r.onDutyMedicalStaff },
  { header: "日均门诊量", field: "dailyOutpatientVisits", width: 12, kind: "integer", exportValue: (r) => r.dailyOutpatientVisits },
  { header: "保安人数", field: "securityStaff", width: 10, kind: "integer", exportValue: (r) => r.securityStaff },
  { header: "联系人", field: "contactPerson", width: 12, required: true, exportValue: (r) => r.contactPerson },
  { header: "联系电话", field: "contactPhone", width: 16, exportValue: (r) => r.contactPhone },
];

function label(labels: Record<string, string>, key: string): string {
  return labels[key] ?? key;
}

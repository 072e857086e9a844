import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { InstitutionFilters } from "../../../contracts/institutions";
import { requirePermission } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import type { Db } from "../../platform/db";
import type { Caller } from "../../platform/http/request-context";
import type { JurisdictionDirectory } from "../jurisdictions/directory";
import { INSTITUTION_COLUMNS } from "./excel-columns";
import { institutionBatches, institutionListCondition } from "./queries";

function startWorkbook(output: PassThrough) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet("机构");
  sheet.columns = INSTITUTION_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  return { workbook, sheet };
}

/**
 * Streams the caller's filtered institution list as .xlsx: the same condition as the list
 * endpoint, so an export never holds more than the caller can see. The export is audited.
 */
export async function exportInstitutions(db: Db, directory: JurisdictionDirectory, caller: Caller, filters: InstitutionFilters): Promise<PassThrough> {
  requirePermission(caller.user, "institution:export");
  const where = institutionListCondition(directory, caller.scope, filters);
  await writeAudit(db, caller, { action: "institution.export", targetType: "institution", result: "success", detail: { filters } });
  const output = new PassThrough();
  const { workbook, sheet } = startWorkbook(output);
  (async () => {
    for await (const batch of institutionBatches(db, where)) {
      for (const row of batch) sheet.addRow(INSTITUTION_COLUMNS.map((c) => c.exportValue(row, directory.name(row.jurisdictionCode)))).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => output.destroy(error as Error));
  return output;
}

/** An empty workbook with the import columns and a sheet listing the allowed values. */
export async function importTemplate(directory: JurisdictionDirectory, caller: Caller): Promise<PassThrough> {
  requirePermission(caller.user, "institution:create");
  const output = new PassThrough();
  const { workbook, sheet } = startWorkbook(output);
  sheet.commit();
  const help = workbook.addWorksheet("填写说明");
  help.columns = [
    { header: "列", width: 20 },
    { header: "说明", width: 80 },
  ];
  for (const column of INSTITUTION_COLUMNS) {
    const note = column.labels
      ? `可选：${Object.values(column.labels).join("、")}`
      : column.kind === "integer"
        ? "非负整数"
        : column.field
          ? ""
          : "导出时填写，导入时忽略";
    help.addRow([column.header, `${column.required ? "必填。" : ""}${note}`]).commit();
  }
  const counties = caller.scope.kind === "jurisdiction" ? directory.leavesUnder(caller.scope.code) : directory.leavesUnder("410000");
  help.addRow([]).commit();
  help.addRow(["县（市、区）代码", "名称"]).commit();
  for (const county of counties)
    help
      .addRow([
        county.code,
        directory
          .trail(county.code)
          .slice(1)
          .map((j) => j.name)
          .join(" / "),
      ])
      .commit();
  help.commit();
  void workbook.commit();
  return output;
}

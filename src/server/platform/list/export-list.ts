import type { ActionsWithDetail, AuditTargetType, ExportDetail } from "../../../contracts/audit";
import type { UserActor } from "../access";
import { writeAudit } from "../audit";
import type { Db } from "../db";
import type { FileReply } from "../http/routes";
import { scopePath } from "../scope";
import { type ExportColumn, streamWorkbook } from "./excel-export";
import { XLSX_TYPE } from "./xlsx";

export interface ListExport<Row> {
  action: ActionsWithDetail<ExportDetail>;
  targetType: AuditTargetType;
  /** The filters the rows were selected by, as the request gave them; recorded with the export. */
  filters: Record<string, unknown>;
  fileName: string;
  sheetName: string;
  columns: readonly ExportColumn<Row>[];
  batches: AsyncIterable<Row[]>;
}

/**
 * A filtered list as an .xlsx download, streamed batch by batch, and audited once the file has been
 * sent (with its row count) or marked incomplete when the download stopped early.
 */
export function exportList<Row>(db: Db, actor: UserActor, list: ListExport<Row>): FileReply {
  const body = streamWorkbook({
    sheetName: list.sheetName,
    columns: list.columns,
    batches: list.batches,
    onFinish: (rows, complete) =>
      writeAudit(db, actor, {
        action: list.action,
        result: complete ? "success" : "failure",
        target: { type: list.targetType, path: scopePath(actor.scope) },
        detail: { filters: list.filters, rows, complete },
      }),
  });
  return { fileName: list.fileName, contentType: XLSX_TYPE, body };
}

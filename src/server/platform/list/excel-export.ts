import { once } from "node:events";
import { PassThrough } from "node:stream";
import { finished } from "node:stream/promises";
import ExcelJS from "exceljs";

export interface ExportColumn<Row> {
  header: string;
  width: number;
  value: (row: Row) => string | number | null;
}

export interface ExportOptions<Row> {
  sheetName: string;
  columns: readonly ExportColumn<Row>[];
  /** The rows, a batch at a time (keyset pages): the whole result is never held in memory. */
  batches: AsyncIterable<Row[]>;
  /** Called once, when the last row is out (complete) or the download stopped early. */
  onFinish: (rows: number, complete: boolean) => Promise<void>;
}

/**
 * Streams rows into an .xlsx as they are read: each row is committed (written out and freed) as it
 * goes, and reading waits while the client is slower than the database, so memory stays flat
 * however long the list.
 */
export function streamWorkbook<Row>(options: ExportOptions<Row>): PassThrough {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(options.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = options.columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  let rows = 0;
  (async () => {
    let complete = false;
    try {
      for await (const batch of options.batches) {
        if (output.destroyed) break;
        for (const row of batch) sheet.addRow(options.columns.map((c) => c.value(row))).commit();
        rows += batch.length;
        if (output.writableNeedDrain) await Promise.race([once(output, "drain"), once(output, "close")]);
      }
      if (!output.destroyed) {
        sheet.commit();
        await workbook.commit();
        // Resolves once the client has read the last byte; rejects if it went away first.
        await finished(output);
        complete = true;
      }
    } catch (error) {
      if (!output.destroyed) output.destroy(error as Error);
    }
    await options.onFinish(rows, complete);
  })().catch(() => {
    // onFinish failed (the audit record could not be written): the download itself is over either way.
  });
  return output;
}

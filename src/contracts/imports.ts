import { z } from "zod";
import { labelled } from "./validation";

/** A problem of one row of an uploaded workbook; `row` is the row number Excel shows. */
export const ImportRowProblem = z.object({ row: z.number().int(), field: z.string().optional(), message: z.string() });
export type ImportRowProblem = z.infer<typeof ImportRowProblem>;

/** One changed field of an existing record, as the user reads it ("床位数：100 → 120"). */
export const FieldChange = z.object({ field: z.string(), label: z.string(), from: z.string(), to: z.string() });
export type FieldChange = z.infer<typeof FieldChange>;

/**
 * What an upload would do, before anything is written: which sheet and header row were read, how
 * many rows are new, how many would update an existing record (and what changes), and every bad row.
 */
export const importPreviewOf = <Sample extends z.ZodType>(sample: Sample) =>
  z.object({
    /** The batch to confirm; null when nothing can be imported. */
    importId: z.uuid().nullable(),
    fileName: z.string(),
    sheetName: z.string(),
    headerRow: z.number().int(),
    totalRows: z.number().int(),
    newRows: z.number().int(),
    /** Rows whose key names an existing record: imported only when the user asks to update existing data. */
    updateRows: z.number().int(),
    /** Rows identical to the existing record: nothing to do. */
    unchangedRows: z.number().int(),
    errors: z.array(ImportRowProblem),
    warnings: z.array(ImportRowProblem),
    /** Rows below the data that read as notes (表尾说明), not imported. */
    notes: z.object({ from: z.number().int(), to: z.number().int() }).nullable(),
    /** Header cells that name no known column; their contents are not imported. */
    unknownHeaders: z.array(z.string()),
    /** The first new rows. */
    sample: z.array(sample),
    /** The first rows that would update an existing record, with what would change. */
    updates: z.array(z.object({ row: z.number().int(), name: z.string(), changes: z.array(FieldChange) })),
  });

export const ImportConfirmBody = z.object({ updateExisting: labelled(z.boolean(), "更新已存在数据") });
export type ImportConfirmBody = z.infer<typeof ImportConfirmBody>;

export const ImportResult = z.object({ created: z.number().int(), updated: z.number().int() });
export type ImportResult = z.infer<typeof ImportResult>;

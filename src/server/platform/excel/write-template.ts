import ExcelJS from "exceljs";
import type { TableColumn } from "./read-table";

const CHOICES_SHEET = "选项";
const INSTRUCTIONS_SHEET = "填写说明";
const DEFAULT_VALIDATED_ROWS = 2000;
const REQUIRED_MARK_COLOUR = "FFFF0000";
const MIN_COLUMN_WIDTH = 12;
const MAX_COLUMN_WIDTH = 30;
/** Room beside the text for the required mark and the drop-down arrow. */
const COLUMN_PADDING = 4;

/** How wide a text shows in Excel's units: a Chinese or full-width character takes two, others one. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += (char.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return width;
}

/** Wide enough for the header and for any value of its drop-down list, within bounds, so every template looks alike. */
function columnWidth(header: string, choices: readonly string[]): number {
  const widest = Math.max(displayWidth(header), ...choices.map(displayWidth));
  return Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, widest + COLUMN_PADDING));
}

/**
 * exceljs keeps a sheet's validations by range in `dataValidations` (written as one
 * <dataValidation sqref="C2:C2001">), but its type declarations leave the property out.
 */
type ValidatedWorksheet = ExcelJS.Worksheet & { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

/**
 * An import template for the columns `readTable` reads: the data sheet with its header (required
 * columns marked with a red "*", which `readTable` ignores when matching), drop-down lists for
 * choice columns, and a sheet of instructions. The lists point at a hidden sheet rather than being
 * written inline, because Excel caps an inline list at 255 characters and the county list alone is
 * longer. Every register's template gets its widths by the same rule (`columnWidth`).
 */
export async function writeTemplate(options: {
  sheetName: string;
  columns: readonly TableColumn[];
  /** Allowed values by field: the column gets a drop-down list that refuses anything else. */
  choices?: Readonly<Record<string, readonly string[]>>;
  /** What to write in a column, by field, for the instruction sheet. */
  notes?: Readonly<Record<string, string>>;
  instructions: { title: string; lines: readonly string[] };
  /** How many rows below the header get the drop-down lists. */
  rows?: number;
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // The data sheet comes first: it is the one Excel opens on and the one readTable reads.
  const data = workbook.addWorksheet(options.sheetName, { views: [{ state: "frozen", ySplit: 1 }] }) as ValidatedWorksheet;
  const instructions = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  const choices = workbook.addWorksheet(CHOICES_SHEET, { state: "hidden" });

  const columns = options.columns.map((column) => ({
    header: column.header,
    required: column.required ?? false,
    choices: options.choices?.[column.field] ?? [],
    note: options.notes?.[column.field] ?? "",
  }));
  data.columns = columns.map((column) => ({ width: columnWidth(column.header, column.choices) }));
  const header = data.getRow(1);
  columns.forEach((column, index) => {
    header.getCell(index + 1).value = column.required
      ? {
          richText: [
            { text: "*", font: { bold: true, color: { argb: REQUIRED_MARK_COLOUR } } },
            { text: column.header, font: { bold: true } },
          ],
        }
      : column.header;
  });
  header.font = { bold: true };

  const lastRow = 1 + (options.rows ?? DEFAULT_VALIDATED_ROWS);
  let listColumn = 0;
  columns.forEach((column, index) => {
    if (column.choices.length === 0) return;
    listColumn += 1;
    const list = choices.getColumn(listColumn);
    list.values = [column.header, ...column.choices];
    const dataLetter = data.getColumn(index + 1).letter;
    data.dataValidations.add(`${dataLetter}2:${dataLetter}${lastRow}`, {
      type: "list",
      allowBlank: true,
      formulae: [`'${CHOICES_SHEET}'!$${list.letter}$2:$${list.letter}$${column.choices.length + 1}`],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "不是可选值",
      error: `“${column.header}”请从下拉列表中选择，可选值见“${INSTRUCTIONS_SHEET}”。`,
    });
  });

  instructions.columns = [{ width: 24 }, { width: 10 }, { width: 80 }];
  instructions.addRow([options.instructions.title]).font = { bold: true, size: 14 };
  // Long lines are left unwrapped: they run on over the empty cells to their right.
  for (const line of options.instructions.lines) instructions.addRow([line]);
  instructions.addRow([]);
  instructions.addRow(["列名", "必填/选填", "说明"]).font = { bold: true };
  for (const column of columns) {
    const allowed = column.choices.length > 0 ? `可选值：${column.choices.join("、")}` : "";
    const { note } = column;
    const explanation = note && allowed && !note.endsWith("。") ? `${note}。${allowed}` : `${note}${allowed}`;
    instructions.addRow([column.header, column.required ? "必填" : "选填", explanation]).getCell(3).alignment = { wrapText: true, vertical: "top" };
  }

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

import ExcelJS from "exceljs";

export interface TemplateColumn {
  header: string;
  /** Column width in Excel's units (about one Latin character; a Chinese character takes two). */
  width: number;
  required?: boolean;
  /** Allowed values: the column gets a drop-down list that refuses anything else. */
  choices?: readonly string[];
  /** What to write, for the instruction sheet. */
  note?: string;
}

const CHOICES_SHEET = "选项";
const INSTRUCTIONS_SHEET = "填写说明";
const DEFAULT_VALIDATED_ROWS = 2000;
const REQUIRED_MARK_COLOUR = "FFFF0000";

/**
 * exceljs keeps a sheet's validations by range in `dataValidations` (written as one
 * <dataValidation sqref="C2:C2001">), but its type declarations leave the property out.
 */
type ValidatedWorksheet = ExcelJS.Worksheet & { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

/**
 * An import template: the data sheet with its header (required columns marked with a red "*",
 * which `readTable` ignores when matching), drop-down lists for choice columns, and a sheet of
 * instructions. The lists point at a hidden sheet rather than being written inline, because Excel
 * caps an inline list at 255 characters and the county list alone is longer.
 */
export async function writeTemplate(options: {
  sheetName: string;
  columns: readonly TemplateColumn[];
  instructions: { title: string; lines: readonly string[] };
  /** How many rows below the header get the drop-down lists. */
  rows?: number;
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // The data sheet comes first: it is the one Excel opens on and the one readTable reads.
  const data = workbook.addWorksheet(options.sheetName, { views: [{ state: "frozen", ySplit: 1 }] }) as ValidatedWorksheet;
  const instructions = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  const choices = workbook.addWorksheet(CHOICES_SHEET, { state: "hidden" });

  data.columns = options.columns.map((column) => ({ width: column.width }));
  const header = data.getRow(1);
  options.columns.forEach((column, index) => {
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
  options.columns.forEach((column, index) => {
    if (!column.choices || column.choices.length === 0) return;
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
  for (const column of options.columns) {
    const allowed = column.choices && column.choices.length > 0 ? `可选值：${column.choices.join("、")}` : "";
    const note = column.note ?? "";
    const explanation = note && allowed && !note.endsWith("。") ? `${note}。${allowed}` : `${note}${allowed}`;
    instructions.addRow([column.header, column.required ? "必填" : "选填", explanation]).getCell(3).alignment = { wrapText: true, vertical: "top" };
  }

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

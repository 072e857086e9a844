import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readTable, type TableColumn } from "./read-table";
import { writeTemplate } from "./write-template";

const COUNTIES = Array.from({ length: 120 }, (_, i) => `第${i + 1}县`);

const COLUMNS: TableColumn[] = [
  { field: "name", header: "机构名称", required: true },
  { field: "grade", header: "等级", required: true },
  { field: "county", header: "所在县（市、区）" },
  { field: "beds", header: "床位数" },
  { field: "type", header: "类型" },
];
const CHOICES = {
  grade: ["三级甲等", "二级", "未定级"],
  county: COUNTIES,
  type: ["社区卫生服务中心（站）", "诊所"],
};
const NOTES = { grade: "按执业许可证填写。", beds: "非负整数。" };

async function template(rows?: number): Promise<Buffer> {
  return writeTemplate({
    sheetName: "机构",
    columns: COLUMNS,
    choices: CHOICES,
    notes: NOTES,
    instructions: { title: "机构导入填写说明", lines: ["每行填写一家机构。", "带 * 的列必须填写。"] },
    rows,
  });
}

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // A copy as a plain ArrayBuffer: exceljs's typings do not take a Node Buffer.
  await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  return workbook;
}

describe("writeTemplate", () => {
  it("writes the data sheet first, then the instructions, then the hidden list sheet", async () => {
    const workbook = await load(await template());
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      ["机构", "visible"],
      ["填写说明", "visible"],
      ["选项", "hidden"],
    ]);
  });

  it("marks required headers with a red star, in bold, frozen, wide enough for the header and its choices", async () => {
    const sheet = (await load(await template())).getWorksheet("机构");
    expect(sheet?.getCell("A1").value).toEqual({
      richText: [
        { text: "*", font: { bold: true, color: { argb: "FFFF0000" } } },
        { text: "机构名称", font: { bold: true } },
      ],
    });
    expect(sheet?.getCell("D1").value).toBe("床位数");
    expect(sheet?.getCell("D1").font?.bold).toBe(true);
    expect(sheet?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    // At least 12; the header or the widest choice (a Chinese character counting two) and 4 for the star and the arrow.
    expect(sheet?.columns.map((column) => column.width)).toEqual([12, 12, 20, 12, 26]);
  });

  it("gives choice columns an Excel drop-down over the data rows, listed on the hidden sheet", async () => {
    const workbook = await load(await template(50));
    const sheet = workbook.getWorksheet("机构");
    const grade = sheet?.getCell("B2").dataValidation;
    expect(grade).toEqual({
      type: "list",
      allowBlank: true,
      formulae: ["'选项'!$A$2:$A$4"],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "不是可选值",
      error: "“等级”请从下拉列表中选择，可选值见“填写说明”。",
    });
    expect(sheet?.getCell("B51").dataValidation).toEqual(grade);
    expect(sheet?.getCell("B52").dataValidation).toBeUndefined();
    expect(sheet?.getCell("B1").dataValidation).toBeUndefined();
    expect(sheet?.getCell("A2").dataValidation).toBeUndefined();
    expect(sheet?.getCell("D2").dataValidation).toBeUndefined();
    // The county list is far longer than the 255 characters an inline list may hold.
    expect(COUNTIES.join(",").length).toBeGreaterThan(255);
    expect(sheet?.getCell("C2").dataValidation?.formulae).toEqual(["'选项'!$B$2:$B$121"]);

    const lists = workbook.getWorksheet("选项");
    expect(lists?.getColumn(1).values.slice(1)).toEqual(["等级", "三级甲等", "二级", "未定级"]);
    expect(lists?.getColumn(2).values.slice(1)).toEqual(["所在县（市、区）", ...COUNTIES]);
    expect(lists?.getColumn(3).values.slice(1)).toEqual(["类型", "社区卫生服务中心（站）", "诊所"]);
  });

  it("keeps a column no wider than 30 whatever its choices", async () => {
    const workbook = await load(
      await writeTemplate({
        sheetName: "机构",
        columns: [{ field: "type", header: "类型" }],
        choices: { type: ["按照《医疗机构管理条例》取得执业许可的其他医疗机构"] },
        instructions: { title: "说明", lines: [] },
      }),
    );
    expect(workbook.getWorksheet("机构")?.getColumn(1).width).toBe(30);
  });

  it("validates 2000 rows unless told otherwise", async () => {
    const sheet = (await load(await template())).getWorksheet("机构");
    expect(sheet?.getCell("B2001").dataValidation?.type).toBe("list");
    expect(sheet?.getCell("B2002").dataValidation).toBeUndefined();
  });

  it("explains every column on the instruction sheet: required or not, the note, the allowed values", async () => {
    const sheet = (await load(await template())).getWorksheet("填写说明");
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows).toEqual([
      ["机构导入填写说明"],
      ["每行填写一家机构。"],
      ["带 * 的列必须填写。"],
      ["列名", "必填/选填", "说明"],
      ["机构名称", "必填", ""],
      ["等级", "必填", "按执业许可证填写。可选值：三级甲等、二级、未定级"],
      ["所在县（市、区）", "选填", `可选值：${COUNTIES.join("、")}`],
      ["床位数", "选填", "非负整数。"],
      ["类型", "选填", "可选值：社区卫生服务中心（站）、诊所"],
    ]);
    expect(sheet?.getCell("A1").font?.bold).toBe(true);
  });

  it("is read back by readTable: its header is found and the instruction sheet is not taken for data", async () => {
    const empty = await readTable(await template(), COLUMNS, { maxRows: 100 });
    expect(empty).toEqual({
      sheetName: "机构",
      headerRow: 1,
      columns: [
        { field: "name", header: "*机构名称", column: 1 },
        { field: "grade", header: "*等级", column: 2 },
        { field: "county", header: "所在县（市、区）", column: 3 },
        { field: "beds", header: "床位数", column: 4 },
        { field: "type", header: "类型", column: 5 },
      ],
      missingRequired: [],
      unknownHeaders: [],
      rows: [],
      notes: null,
    });

    const filled = await load(await template());
    filled.getWorksheet("机构")?.addRow(["开封市人民医院", "三级甲等", "第3县", 1200, "诊所"]);
    const table = await readTable(Buffer.from(await filled.xlsx.writeBuffer()), COLUMNS, { maxRows: 100 });
    expect(table.rows).toEqual([{ number: 2, cells: { name: "开封市人民医院", grade: "三级甲等", county: "第3县", beds: "1200", type: "诊所" } }]);
  });
});

import { PassThrough, Readable } from "node:stream";
import { crc32 } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parseCount } from "./numbers";
import { cellText, readTable, type TableColumn } from "./read-table";

const COLUMNS: TableColumn[] = [
  { field: "name", header: "机构名称", aliases: ["单位名称"], required: true },
  { field: "creditCode", header: "统一社会信用代码", required: true },
  { field: "jurisdictionCode", header: "所在县（市、区）代码" },
  { field: "beds", header: "床位数", aliases: ["编制床位"] },
  { field: "staff", header: "在岗医务人员数" },
  { field: "contactPerson", header: "联系人", required: true },
];

/** How readTable refuses a file: a 400 on the upload field, with the reason in Chinese. */
const fileRefused = (message: string) => ({ statusCode: 400, field: "file", message });

async function bufferOf(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Headers as people write them: a required marker, a line break, half-width brackets, an alias, a full-width space; one unknown. */
const MESSY_HEADER = ["＊机构名称", "统一社会\n信用代码", "所在县(市、区)代码", "编制床位", "在岗　医务人员数", "备注"];

/**
 * A register as kept by hand: a hidden sheet and an empty one before the data, a merged title
 * and a blank row above the header, numbers typed every way, notes and signatures below.
 */
async function messyRegister(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const hidden = workbook.addWorksheet("旧版", { state: "hidden" });
  hidden.addRow(["机构名称", "统一社会信用代码", "联系人"]);
  hidden.addRow(["不应读到", "X", "X"]);
  workbook.addWorksheet("Sheet1");
  const sheet = workbook.addWorksheet("机构");
  sheet.addRow(["开封市医疗机构名录（2026年）"]);
  sheet.mergeCells("A1:F1");
  sheet.addRow([]);
  sheet.addRow(MESSY_HEADER);
  sheet.addRow(["开封市人民医院", "12410200416000001X", "410202", "１２０", "1,200", "三甲"]);
  sheet.addRow(["兰考县中医院", "12410225416000002Y", 410225, { formula: "VALUE(D4)*2", result: 240 }, "1，200"]);
  sheet.addRow([]);
  sheet.addRow(["只填了名称的机构"]);
  sheet.addRow(["通许县妇幼保健院", "12410222416000003Z", "410222", " 80 ", 95]);
  sheet.addRow(["注：本表由各县区卫健委填报，床位数以执业许可证为准。"]);
  sheet.mergeCells("A9:F9");
  sheet.addRow(["填表人：张三  审核人：李四"]);
  return bufferOf(workbook);
}

/** A zip of uncompressed entries, to build workbooks the way writers other than exceljs lay them out. */
function storedZip(parts: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [path, text] of Object.entries(parts)) {
    const name = Buffer.from(path);
    const data = Buffer.from(text);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/**
 * A workbook as openpyxl writes it: relationship targets as absolute part paths, strings inline
 * or shared, a chart sheet listed before the data sheet.
 */
function openpyxlWorkbook(): Buffer {
  return storedZip({
    "[Content_Types].xml": `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    "_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<workbook ${MAIN} xmlns:r="${RELS}"><sheets><sheet name="R&amp;D 名录" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${RELS}/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>`,
    "xl/sharedStrings.xml": `<sst ${MAIN}><si><t>机构名称</t></si><si><t>统一社会信用代码</t></si></sst>`,
    "xl/worksheets/sheet1.xml": `<worksheet ${MAIN}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>联系人</t></is></c><c r="D1" t="inlineStr"><is><t>床位数</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>开封市人民医院</t></is></c><c r="B2" t="inlineStr"><is><t>12410200416000001X</t></is></c><c r="C2" t="inlineStr"><is><t>王五</t></is></c><c r="D2"><v>120</v></c></row><row r="5"><c r="B5" t="b"><v>1</v></c><c r="D5" t="e"><f>1/0</f><v>#DIV/0!</v></c></row></sheetData></worksheet>`,
  });
}

describe("readTable", () => {
  it("finds the header below a title, past hidden and empty sheets, and sets trailing notes apart", async () => {
    const table = await readTable(await messyRegister(), COLUMNS, { maxRows: 100 });

    expect(table.sheetName).toBe("机构");
    expect(table.headerRow).toBe(3);
    expect(table.columns).toEqual([
      { field: "name", header: "＊机构名称", column: 1 },
      { field: "creditCode", header: "统一社会\n信用代码", column: 2 },
      { field: "jurisdictionCode", header: "所在县(市、区)代码", column: 3 },
      { field: "beds", header: "编制床位", column: 4 },
      { field: "staff", header: "在岗　医务人员数", column: 5 },
    ]);
    expect(table.missingRequired).toEqual(["联系人"]);
    expect(table.unknownHeaders).toEqual(["备注"]);
    // Row 6 is empty and skipped; row 7 fills one column but fuller rows follow, so it stays data.
    expect(table.rows.map((row) => row.number)).toEqual([4, 5, 7, 8]);
    expect(table.rows[0]?.cells).toEqual({
      name: "开封市人民医院",
      creditCode: "12410200416000001X",
      jurisdictionCode: "410202",
      beds: "１２０",
      staff: "1,200",
    });
    expect(table.rows[1]?.cells).toMatchObject({ jurisdictionCode: "410225", beds: "240", staff: "1，200" });
    expect(table.rows[2]?.cells).toEqual({ name: "只填了名称的机构", creditCode: "", jurisdictionCode: "", beds: "", staff: "" });
    expect(table.notes).toEqual({ from: 9, to: 10 });
  });

  it("gives numbers typed every way as text that parseCount reads", async () => {
    const table = await readTable(await messyRegister(), COLUMNS, { maxRows: 100 });
    const counts = table.rows.flatMap((row) => [row.cells.beds, row.cells.staff]).filter((text) => text !== "");
    expect(counts).toEqual(["１２０", "1,200", "240", "1，200", "80", "95"]);
    expect(counts.map((text) => parseCount(text ?? ""))).toEqual([120, 1200, 240, 1200, 80, 95].map((value) => ({ ok: true, value })));
  });

  it("reads a stream as well as a buffer", async () => {
    const table = await readTable(Readable.from([await messyRegister()]), COLUMNS, { maxRows: 100 });
    expect(table.rows).toHaveLength(4);
  });

  it("shows every kind of cell as Excel does: formulas by their cached result, dates, booleans, rich text, links", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("数据");
    sheet.addRow(["机构名称", "统一社会信用代码", "联系人", "床位数", "在岗医务人员数", "所在县（市、区）代码"]);
    sheet.addRow([
      { richText: [{ text: "开封市", font: { bold: true } }, { text: "人民医院" }] },
      { formula: "VLOOKUP(A2,代码!A:B,2,FALSE)", result: { error: "#N/A" } },
      { text: "张三", hyperlink: "mailto:zhangsan@example.com" },
      { formula: "1/3", result: 1 / 3 },
      true,
      new Date(Date.UTC(2026, 0, 5)),
    ]);
    sheet.addRow(["兰考县中医院", "12410225416000002Y", "李四", { formula: "D2*3", result: 132.00000000000003 }, { sharedFormula: "D3", result: 7 }, 0.5]);

    const table = await readTable(await bufferOf(workbook), COLUMNS, { maxRows: 100 });
    expect(table.rows.map((row) => row.cells)).toEqual([
      { name: "开封市人民医院", creditCode: "#N/A", contactPerson: "张三", beds: "0.333333333333333", staff: "TRUE", jurisdictionCode: "2026-01-05" },
      { name: "兰考县中医院", creditCode: "12410225416000002Y", contactPerson: "李四", beds: "132", staff: "7", jurisdictionCode: "0.5" },
    ]);
  });

  it("reads back the application's own streamed export (strings in the cells, no shared-string table)", async () => {
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on("data", (chunk: Buffer) => chunks.push(chunk));
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet("机构");
    sheet.addRow(["机构名称", "统一社会信用代码", "联系人", "床位数"]).commit();
    sheet.addRow(["开封市人民医院 & 分院 <东区>", "12410200416000001X", "张三", 120]).commit();
    sheet.commit();
    await workbook.commit();

    const table = await readTable(Buffer.concat(chunks), COLUMNS, { maxRows: 100 });
    expect(table.rows).toEqual([
      { number: 2, cells: { name: "开封市人民医院 & 分院 <东区>", creditCode: "12410200416000001X", contactPerson: "张三", beds: "120" } },
    ]);
  });

  it("reads workbooks as openpyxl writes them: absolute part paths, inline strings", async () => {
    const table = await readTable(openpyxlWorkbook(), COLUMNS, { maxRows: 100 });
    expect(table.sheetName).toBe("R&D 名录");
    expect(table.columns.map((column) => column.header)).toEqual(["机构名称", "统一社会信用代码", "联系人", "床位数"]);
    expect(table.rows).toEqual([
      { number: 2, cells: { name: "开封市人民医院", creditCode: "12410200416000001X", contactPerson: "王五", beds: "120" } },
      { number: 5, cells: { name: "", creditCode: "TRUE", contactPerson: "", beds: "#DIV/0!" } },
    ]);
  });

  it("takes the row naming the most columns, so a line that mentions one column is not the header", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("机构");
    sheet.addRow(["机构名称", "（按统一社会信用代码排序）"]);
    sheet.addRow(["机构名称", "统一社会信用代码", "联系人"]);
    sheet.addRow(["开封市人民医院", "12410200416000001X", "张三"]);
    const table = await readTable(await bufferOf(workbook), COLUMNS, { maxRows: 100 });
    expect(table.headerRow).toBe(2);
    expect(table.rows).toHaveLength(1);
  });

  it("keeps rows with text only outside the mapped columns, so nothing disappears unreported", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("机构");
    sheet.addRow(["机构名称", "统一社会信用代码", "联系人", "备注"]);
    sheet.addRow(["", "", "", "待补充"]);
    sheet.addRow(["开封市人民医院", "12410200416000001X", "张三"]);
    const table = await readTable(await bufferOf(workbook), COLUMNS, { maxRows: 100 });
    expect(table.rows.map((row) => row.number)).toEqual([2, 3]);
    expect(table.notes).toBeNull();
  });

  it("sets no notes apart when no row is full: sparse rows are then data for the caller to report", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("机构");
    sheet.addRow(["机构名称", "统一社会信用代码", "联系人"]);
    sheet.addRow(["开封市人民医院"]);
    sheet.addRow(["兰考县中医院"]);
    const table = await readTable(await bufferOf(workbook), COLUMNS, { maxRows: 100 });
    expect(table.rows.map((row) => row.number)).toEqual([2, 3]);
    expect(table.notes).toBeNull();
  });

  it("refuses a header with two columns for one field", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("机构").addRow(["机构名称", "统一社会信用代码", "单位名称"]);
    await expect(readTable(await bufferOf(workbook), COLUMNS, { maxRows: 100 })).rejects.toMatchObject(
      fileRefused("文件：第 1 行有两列都是“机构名称”（第 A 列“机构名称”、第 C 列“单位名称”），请删除或改名其中一列"),
    );
  });

  it("names the labels looked for and the visible sheets searched when no sheet has a header", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Sheet1");
    workbook.addWorksheet("隐藏", { state: "veryHidden" }).addRow(["机构名称", "统一社会信用代码"]);
    const sheet = workbook.addWorksheet("机构");
    sheet.addRow(["名称", "代码"]);
    sheet.addRow(["开封市人民医院", "12410200416000001X"]);
    await expect(readTable(await bufferOf(workbook), COLUMNS, { maxRows: 100 })).rejects.toMatchObject(
      fileRefused("文件：未找到表头。请确认表中有一行列名，至少包括“机构名称”“统一社会信用代码”“联系人”（已查看工作表：Sheet1、机构）"),
    );
  });

  it("refuses more data rows than allowed, not counting trailing notes", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("机构");
    sheet.addRow(["机构名称", "统一社会信用代码", "联系人"]);
    for (let i = 1; i <= 3; i += 1) sheet.addRow([`机构${i}`, `CODE${i}`, "张三"]);
    sheet.addRow(["注：共 3 家"]);
    sheet.addRow(["填表人：张三"]);
    const withinLimit = await bufferOf(workbook);
    expect((await readTable(withinLimit, COLUMNS, { maxRows: 3 })).notes).toEqual({ from: 5, to: 6 });

    sheet.addRow(["机构4", "CODE4", "李四"]);
    await expect(readTable(await bufferOf(workbook), COLUMNS, { maxRows: 3 })).rejects.toMatchObject(fileRefused("文件：一次最多导入 3 行，请拆分后再导入"));
  });

  it("refuses a file that is not an .xlsx workbook", async () => {
    const unreadable = fileRefused("文件：无法读取，请上传 Excel（.xlsx）文件；由其他软件导出的表格，请先用 Excel 或 WPS 打开并另存为 .xlsx");
    await expect(readTable(Buffer.from("机构名称,统一社会信用代码\n"), COLUMNS, { maxRows: 100 })).rejects.toMatchObject(unreadable);
    await expect(readTable(Buffer.alloc(0), COLUMNS, { maxRows: 100 })).rejects.toMatchObject(unreadable);
    const truncated = (await messyRegister()).subarray(0, 2000);
    await expect(readTable(truncated, COLUMNS, { maxRows: 100 })).rejects.toMatchObject(unreadable);
  });
});

describe("cellText", () => {
  it("gives the text Excel shows for each kind of exceljs value", () => {
    expect(cellText(null)).toBe("");
    expect(cellText(undefined)).toBe("");
    expect(cellText("  开封市 ")).toBe("开封市");
    expect(cellText(1200)).toBe("1200");
    expect(cellText(0.5)).toBe("0.5");
    expect(cellText(0.1 + 0.2)).toBe("0.3");
    expect(cellText(1e21)).toBe("1000000000000000000000");
    expect(cellText(1.5e-7)).toBe("0.00000015");
    expect(cellText(-42)).toBe("-42");
    expect(cellText(false)).toBe("FALSE");
    expect(cellText(new Date(Date.UTC(2026, 1, 28)))).toBe("2026-02-28");
    expect(cellText({ richText: [{ text: " 兰考县" }, { text: "中医院 " }] })).toBe("兰考县中医院");
    expect(cellText({ formula: "A1*2", result: 240 })).toBe("240");
    expect(cellText({ formula: "A1/0", result: { error: "#DIV/0!" } })).toBe("#DIV/0!");
    expect(cellText({ formula: "NOW()" })).toBe("");
    expect(cellText({ sharedFormula: "B2", result: "是" })).toBe("是");
    expect(cellText({ text: "官网", hyperlink: "https://example.com" })).toBe("官网");
    expect(cellText({ error: "#REF!" })).toBe("#REF!");
  });
});

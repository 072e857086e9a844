import { and, count, eq, like } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { auditLog, institution } from "../../../db/schema";
import { type Agent, type Area, areaPicker, makeInstitution, multipartFile, setUpTestApp, signedIn } from "../../../test/harness";
import { syntheticCreditCode } from "../../seed/generate-institutions";

const ctx = setUpTestApp();
const newArea = areaPicker();

const HEADERS = ["机构名称", "统一社会信用代码", "机构类型", "所有制", "等级", "是否省直", "所在县（市、区）代码", "床位数", "联系人"];
let serial = 7_000_000;
const code = (county: string) => syntheticCreditCode("public", county, serial++);

/** One row keyed by header, a village clinic unless told otherwise. */
const row = (name: string, creditCode: string, county: string, overrides: Record<string, ExcelJS.CellValue> = {}): Record<string, ExcelJS.CellValue> => ({
  机构名称: name,
  统一社会信用代码: creditCode,
  机构类型: "村卫生室",
  所有制: "公立",
  等级: "未定级",
  是否省直: "否",
  "所在县（市、区）代码": county,
  床位数: 0,
  联系人: "赵六",
  ...overrides,
});

/** A workbook laid out like the template: the header in the first row of the first sheet. */
async function workbook(rows: Record<string, ExcelJS.CellValue>[], headers = HEADERS): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("机构");
  sheet.addRow(headers);
  for (const values of rows) sheet.addRow(headers.map((h) => values[h] ?? ""));
  return Buffer.from(await book.xlsx.writeBuffer());
}

const upload = (agent: Agent, content: Buffer, fileName = "机构.xlsx") => {
  const { body, headers } = multipartFile("file", fileName, content);
  return agent.request("POST", "/api/institutions/imports", { body, headers });
};
const confirm = (agent: Agent, importId: string, updateExisting = false) => agent.post(`/api/institutions/imports/${importId}/confirm`, { updateExisting });

const countNamed = async (prefix: string) =>
  (
    await ctx.db
      .select({ n: count() })
      .from(institution)
      .where(like(institution.name, `${prefix}%`))
  )[0]?.n;

const adminOf = async (area: Area) => (await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code })).agent;

describe("Excel import: checking every row before anything is written", () => {
  it("reports every bad row with its number and reason, and imports nothing until confirmed", async () => {
    const area = newArea();
    const county = area.county.code;
    const taken = await makeInstitution(ctx.db, { jurisdictionCode: area.neighbour.code, name: "已登记医院" });
    const { agent, user } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: county });
    const first = code(county);
    const wrongCheck = `${first.slice(0, 17)}${first.endsWith("0") ? "1" : "0"}`;
    const file = await workbook([
      row("导入甲村卫生室", first, county),
      row("", code(county), county),
      row("导入乙村卫生室", code(county), county, { 机构类型: "卫生所所" }),
      row("导入丙村卫生室", code(county), county, { 床位数: -3 }),
      row("导入丁村卫生室", code(county), area.neighbour.code),
      row("导入戊村卫生室", first, county),
      row("导入己村卫生室", taken.creditCode, county),
      row("导入庚村卫生室", "91350100I000100Y43", county),
      row("导入辛村卫生室", wrongCheck, county),
      row("导入壬村卫生室", code(county), county, { 是否省直: "也许" }),
    ]);
    const preview = await upload(agent, file);
    expect(preview.statusCode).toBe(200);
    const body = preview.json();
    expect(body).toMatchObject({ sheetName: "机构", headerRow: 1, totalRows: 10, newRows: 2, updateRows: 0 });
    expect(body.errors.map((e: { row: number; message: string }) => [e.row, e.message])).toEqual([
      [3, "机构名称：必填"],
      [4, expect.stringMatching(/^机构类型「卫生所所」不是可选值（综合医院、中医医院、/)],
      [5, "床位数「-3」不能小于 0"],
      [6, `所在县（市、区）：“${area.neighbour.name}”不在您的管辖范围内`],
      [7, "统一社会信用代码：与第 2 行重复"],
      [8, "统一社会信用代码：该代码已登记给其他机构"],
      [9, "统一社会信用代码：第 9 位字符“I”不允许（不得使用 I、O、Z、S、V 及其他符号）"],
      [11, "是否省直「也许」应填“是”或“否”"],
    ]);
    expect(body.warnings).toMatchObject([{ row: 10, field: "creditCode" }]);
    expect(body.sample.map((s: { name: string; jurisdictionName: string }) => [s.name, s.jurisdictionName])).toEqual([
      ["导入甲村卫生室", `${area.city.name} / ${area.county.name}`],
      ["导入辛村卫生室", `${area.city.name} / ${area.county.name}`],
    ]);
    expect(await countNamed("导入")).toBe(0);

    const confirmed = await confirm(agent, body.importId);
    expect(confirmed.json()).toEqual({ created: 2, updated: 0 });
    expect(await countNamed("导入")).toBe(2);
    const [imported] = await ctx.db.select().from(institution).where(eq(institution.name, "导入辛村卫生室"));
    expect(imported).toMatchObject({ type: "village_clinic", jurisdictionPath: area.county.path, creditCodeChecksumOk: false });
    const records = await ctx.db.select().from(auditLog).where(eq(auditLog.actorId, user.id));
    expect(records.find((r) => r.action === "institution.import_preview")?.detail).toMatchObject({
      fileName: "机构.xlsx",
      totalRows: 10,
      newRows: 2,
      errorRows: 8,
    });
    // Each new institution's own history starts with its import.
    expect(records.filter((r) => r.action === "institution.create").map((r) => r.targetName)).toEqual(
      expect.arrayContaining(["导入甲村卫生室", "导入辛村卫生室"]),
    );

    expect((await confirm(agent, body.importId)).statusCode).toBe(409);
    expect(await countNamed("导入")).toBe(2);
  });

  it("reads a register the way authorities keep it: a title above the header, a hidden sheet, notes below, numbers written every way", async () => {
    const area = newArea();
    const book = new ExcelJS.Workbook();
    book.addWorksheet("旧版", { state: "hidden" }).addRow(["机构名称", "统一社会信用代码", "机构类型"]);
    book.addWorksheet("空白");
    const sheet = book.addWorksheet("名录");
    sheet.addRow([`${area.city.name}医疗机构名录（2026年）`]);
    sheet.mergeCells("A1:I1");
    sheet.addRow(["填报单位：县卫健委", "", "", "", "", "", "", "", "日期：2026-06-01"]);
    sheet.addRow(["＊单位名称", "统一社会\n信用代码", "机构类型", "所有制", "医院等级", "省直", "所在县区", "编制床位", "联系人", "备注"]);
    const rows: ExcelJS.CellValue[][] = [
      ["杂表甲卫生院", code(area.county.code), "乡镇卫生院", "公立", "一级", "否", area.county.name, "１２０", "钱七"],
      ["杂表乙卫生院", code(area.county.code), "乡镇卫生院", "公立", "一级", "否", `${area.city.name}${area.county.name}`, "1,200", "孙八"],
      ["杂表丙卫生院", code(area.county.code), "乡镇卫生院", "公立", "一级", "否", area.county.name, { formula: "60*2", result: 120 }, "李九"],
      ["杂表丁卫生院", code(area.county.code), "乡镇卫生院", "公立", "一级", "否", area.county.name, " 80 ", "周十"],
      ["杂表戊卫生院", code(area.county.code), "乡镇卫生院", "公立", "一级", "否", area.county.name, "一百二十", "吴一"],
    ];
    for (const values of rows) sheet.addRow(values);
    sheet.addRow([]);
    sheet.addRow(["注：本表由各县区卫健委填报，床位数以执业许可证为准。"]);
    sheet.mergeCells(`A${sheet.rowCount}:I${sheet.rowCount}`);
    sheet.addRow(["填表人：张三"]);

    const preview = (await upload(await adminOf(area), Buffer.from(await book.xlsx.writeBuffer()))).json();
    expect(preview).toMatchObject({ sheetName: "名录", headerRow: 3, totalRows: 5, newRows: 4, notes: { from: 10, to: 11 }, unknownHeaders: ["备注"] });
    expect(preview.errors).toEqual([{ row: 8, field: "beds", message: "床位数「一百二十」不是数字" }]);
    expect(preview.sample.map((s: { name: string }) => s.name)).toEqual(["杂表甲卫生院", "杂表乙卫生院", "杂表丙卫生院", "杂表丁卫生院"]);
  });

  it("finds the county by code or by name, with the city where a name needs it, and says when code and name disagree", async () => {
    const area = newArea();
    const file = await workbook(
      [
        { ...row("区划甲村卫生室", code(area.county.code), ""), 所在县区: area.county.name },
        { ...row("区划乙村卫生室", code(area.county.code), ""), 所在市: area.city.name, 所在县区: area.county.name },
        { ...row("区划丙村卫生室", code(area.county.code), area.county.code), 所在县区: area.neighbour.name },
        { ...row("区划丁村卫生室", code(area.county.code), ""), 所在县区: "不存在县" },
        { ...row("区划戊村卫生室", code(area.county.code), ""), 所在县区: area.city.name },
      ],
      [...HEADERS, "所在市", "所在县区"],
    );
    const preview = (await upload(await adminOf(area), file)).json();
    expect(preview.newRows).toBe(2);
    expect(preview.errors.map((e: { row: number; message: string }) => [e.row, e.message])).toEqual([
      [4, `所在县（市、区）代码 ${area.county.code} 与所在县（市、区）「${area.neighbour.name}」不一致`],
      [5, "所在县（市、区）：找不到名为「不存在县」的县（市、区）"],
      [6, `所在县（市、区）：「${area.city.name}」不是县（市、区）级行政区划，请填写所在县（市、区）`],
    ]);
  });

  it("shows every problem of a row at once, the county included", async () => {
    const area = newArea();
    const file = await workbook([row("", code(area.county.code), area.neighbour.code, { 床位数: "许多", 机构类型: "火星医院" })]);
    const body = (await upload(await adminOf(area), file)).json();
    expect(body.importId).toBeNull();
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["beds", "jurisdictionCode", "name", "type"]);
    const scoped = (await upload(await adminOf(area), await workbook([row("", code(area.county.code), area.neighbour.code)]))).json();
    expect(scoped.errors.map((e: { field: string }) => e.field)).toEqual(["name", "jurisdictionCode"]);
  });

  it("refuses a file without the required columns, naming them and where it looked", async () => {
    const area = newArea();
    const response = await upload(
      await adminOf(area),
      await workbook([{ 机构名称: "某医院", 统一社会信用代码: "X" }], ["机构名称", "统一社会信用代码", "备注"]),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe("文件：工作表“机构”第 1 行的表头缺少列“机构类型”“所有制”“等级”“联系人”，请使用导入模板");
  });

  it("refuses a file that is not an Excel workbook", async () => {
    const agent = await adminOf(newArea());
    expect((await upload(agent, Buffer.from("name,code\n"), "机构.csv")).json().error.message).toBe(
      "文件：只支持 .xlsx 格式（可在 Excel 中“另存为”Excel 工作簿）",
    );
    expect((await upload(agent, Buffer.from("not a zip"), "机构.xlsx")).json().error.message).toBe(
      "文件：无法读取，请上传 Excel（.xlsx）文件；由其他软件导出的表格，请先用 Excel 或 WPS 打开并另存为 .xlsx",
    );
  });

  it("is not open to inspectors", async () => {
    const area = newArea();
    const { agent } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code });
    expect((await upload(agent, await workbook([row("检查员村卫生室", code(area.county.code), area.county.code)]))).statusCode).toBe(403);
  });
});

describe("Excel import: updating institutions already registered (更新已存在数据)", () => {
  it("tells what would change, updates only when asked, and keeps what a row leaves empty", async () => {
    const area = newArea();
    const existing = await makeInstitution(ctx.db, {
      jurisdictionCode: area.county.code,
      name: "更新甲医院",
      beds: 100,
      address: "原地址",
      contactPerson: "原联系人",
    });
    const same = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, name: "更新乙医院", type: "village_clinic", grade: "ungraded", beds: 0 });
    const agent = await adminOf(area);
    const file = await workbook(
      [
        {
          机构名称: "更新甲医院",
          统一社会信用代码: existing.creditCode.toLowerCase(),
          机构类型: "综合医院",
          所有制: "公立",
          等级: "二级",
          床位数: "150",
          联系人: "新联系人",
          地址: "",
        },
        {
          机构名称: "更新乙医院",
          统一社会信用代码: same.creditCode,
          机构类型: "村卫生室",
          所有制: "公立",
          等级: "未定级",
          床位数: 0,
          联系人: same.contactPerson,
        },
        row("更新丙村卫生室", code(area.county.code), area.county.code),
      ],
      // No county columns: an update keeps the county; the new row gives its own.
      ["机构名称", "统一社会信用代码", "机构类型", "所有制", "等级", "床位数", "联系人", "地址", "所在县（市、区）代码"],
    );
    const preview = (await upload(agent, file)).json();
    expect(preview).toMatchObject({ newRows: 1, updateRows: 1, unchangedRows: 1, errors: [] });
    expect(preview.updates).toEqual([
      {
        row: 2,
        name: "更新甲医院",
        changes: [
          { field: "beds", label: "床位数", from: "100", to: "150" },
          { field: "contactPerson", label: "联系人", from: "原联系人", to: "新联系人" },
        ],
      },
    ]);

    // Without the option the existing institution stays as it is; the new one is added.
    expect((await confirm(agent, preview.importId)).json()).toEqual({ created: 1, updated: 0 });
    const [untouched] = await ctx.db.select().from(institution).where(eq(institution.id, existing.id));
    expect(untouched).toMatchObject({ beds: 100, contactPerson: "原联系人" });

    const again = (await upload(agent, file)).json();
    expect(again).toMatchObject({ newRows: 0, updateRows: 1 });
    expect((await confirm(agent, again.importId, true)).json()).toEqual({ created: 0, updated: 1 });
    const [updated] = await ctx.db.select().from(institution).where(eq(institution.id, existing.id));
    expect(updated).toMatchObject({ beds: 150, contactPerson: "新联系人", address: "原地址", grade: "grade2" });
    const [record] = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, existing.id), eq(auditLog.action, "institution.update")));
    expect(record?.detail).toMatchObject({ changes: { beds: { from: 100, to: 150 } } });
  });

  it("never updates an institution outside the caller's scope, nor one deregistered", async () => {
    const area = newArea();
    const elsewhere = await makeInstitution(ctx.db, { jurisdictionCode: area.neighbour.code, name: "他县医院" });
    const closed = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, name: "已停业医院" });
    await ctx.db.update(institution).set({ status: "suspended", closedOn: "2026-01-01", closureReason: "停业" }).where(eq(institution.id, closed.id));
    const preview = (
      await upload(
        await adminOf(area),
        await workbook([row("他县医院", elsewhere.creditCode, area.county.code), row("已停业医院", closed.creditCode, area.county.code)]),
      )
    ).json();
    expect(preview.importId).toBeNull();
    expect(preview.errors.map((e: { message: string }) => e.message)).toEqual([
      "统一社会信用代码：该代码已登记给其他机构",
      "统一社会信用代码：该代码属于已停业的机构“已停业医院”，恢复后才能更新",
    ]);
  });

  it("writes everything or nothing when a code was registered, or a record edited, between preview and confirmation", async () => {
    const area = newArea();
    const agent = await adminOf(area);
    const target = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, name: "争抢更新医院", beds: 10 });
    const racing = code(area.county.code);
    const preview = (
      await upload(agent, await workbook([row("竞态甲村卫生室", code(area.county.code), area.county.code), row("竞态乙村卫生室", racing, area.county.code)]))
    ).json();
    await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, name: "抢先登记", creditCode: racing });
    const refused = await confirm(agent, preview.importId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe("第 3 行 统一社会信用代码：确认前已被登记，请重新上传");
    expect(await countNamed("竞态")).toBe(0);

    const update = (
      await upload(agent, await workbook([{ ...row("争抢更新医院", target.creditCode, area.county.code), 机构类型: "综合医院", 等级: "二级", 床位数: 20 }]))
    ).json();
    await ctx.db.update(institution).set({ beds: 15, updatedAt: new Date() }).where(eq(institution.id, target.id));
    expect((await confirm(agent, update.importId, true)).json().error.message).toBe("第 2 行：预览后该记录已被修改，请重新上传");
    const [row15] = await ctx.db.select().from(institution).where(eq(institution.id, target.id));
    expect(row15?.beds).toBe(15);
  });

  it("keeps one user's pending import from another user", async () => {
    const area = newArea();
    const preview = (await upload(await adminOf(area), await workbook([row("他人村卫生室", code(area.county.code), area.county.code)]))).json();
    expect((await confirm(await adminOf(area), preview.importId)).statusCode).toBe(404);
    expect(await countNamed("他人")).toBe(0);
  });
});

describe("Excel in and out", () => {
  it("round-trips: an export imports again, unchanged, and a changed figure reads as an update", async () => {
    const area = newArea();
    const original = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, name: "往返测试医院", beds: 321, address: "某路1号" });
    const agent = await adminOf(area);
    const exported = (await agent.get(`/api/institutions/export?q=${encodeURIComponent("往返测试")}`)).rawPayload;
    const unchanged = (await upload(agent, exported)).json();
    expect(unchanged).toMatchObject({
      errors: [],
      newRows: 0,
      updateRows: 0,
      unchangedRows: 1,
      unknownHeaders: ["机构类别", "登记状态", "注销/停业日期", "更新时间"],
    });

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("机构") as ExcelJS.Worksheet;
    const bedsColumn = (sheet.getRow(1).values as string[]).indexOf("床位数");
    sheet.getRow(2).getCell(bedsColumn).value = 400;
    const changed = (await upload(agent, Buffer.from(await book.xlsx.writeBuffer()))).json();
    expect(changed.updates).toEqual([{ row: 2, name: original.name, changes: [{ field: "beds", label: "床位数", from: "321", to: "400" }] }]);
  });

  it("offers a template with drop-down lists, the caller's counties and instructions, that imports as it is filled in", async () => {
    const area = newArea();
    const agent = await adminOf(area);
    const response = await agent.get("/api/institutions/import-template");
    expect(response.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("机构") as ExcelJS.Worksheet;
    const headers: string[] = [];
    sheet.getRow(1).eachCell((cell) => headers.push(cell.text.replace(/^[*＊]\s*/, "")));
    expect(headers).toEqual(expect.arrayContaining(["机构名称", "机构类型", "等级", "所有制", "是否省直", "所在县（市、区）", "所在县（市、区）代码"]));
    const options = book.getWorksheet("选项") as ExcelJS.Worksheet;
    expect(options.state).toBe("hidden");
    const listed: string[] = [];
    options.eachRow((r) => r.eachCell((cell) => listed.push(String(cell.value))));
    expect(listed).toEqual(expect.arrayContaining(["村卫生室", "三级", "民营", "是", area.county.name]));
    expect(listed).not.toContain(area.neighbour.name);
    const validations = Object.values((sheet as unknown as { dataValidations: { model: Record<string, { type: string }> } }).dataValidations.model);
    expect(validations.filter((v) => v.type === "list").length).toBeGreaterThanOrEqual(5);
    expect(book.getWorksheet("填写说明")).toBeDefined();

    const county = headers.indexOf("所在县（市、区）") + 1;
    const filled: Record<string, ExcelJS.CellValue> = {
      机构名称: "模板村卫生室",
      统一社会信用代码: code(area.county.code),
      机构类型: "村卫生室",
      所有制: "公立",
      等级: "未定级",
      联系人: "郑二",
    };
    headers.forEach((header, index) => {
      const value = filled[header];
      if (value !== undefined) sheet.getRow(2).getCell(index + 1).value = value;
    });
    sheet.getRow(2).getCell(county).value = area.county.name;
    const preview = (await upload(agent, Buffer.from(await book.xlsx.writeBuffer()))).json();
    expect(preview).toMatchObject({ errors: [], newRows: 1, sample: [{ name: "模板村卫生室", jurisdictionName: `${area.city.name} / ${area.county.name}` }] });
  });
});

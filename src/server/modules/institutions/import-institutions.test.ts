import { count, eq, like } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { auditLog, institution } from "../../../db/schema";
import { type Agent, LANKAO, makeInstitution, multipartFile, QIXIAN, setUpTestApp, signedIn } from "../../../test/harness";
import { INSTITUTION_COLUMNS } from "./excel-columns";

const ctx = setUpTestApp();

const HEADERS = INSTITUTION_COLUMNS.map((c) => c.header);

/** A workbook laid out like the import template, one object per row keyed by header. */
async function workbook(rows: Record<string, string | number>[], headers = HEADERS): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("机构");
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? ""));
  return Buffer.from(await book.xlsx.writeBuffer());
}

const row = (name: string, creditCode: string, overrides: Record<string, string | number> = {}) => ({
  机构名称: name,
  统一社会信用代码: creditCode,
  机构类型: "村卫生室",
  所有制: "公立",
  等级: "未定级",
  是否省直: "否",
  "所在县（市、区）代码": LANKAO,
  床位数: 0,
  联系人: "赵六",
  ...overrides,
});

const upload = (agent: Agent, content: Buffer, fileName = "机构.xlsx") => {
  const { body, headers } = multipartFile("file", fileName, content);
  return agent.request("POST", "/api/institutions/imports", { body, headers });
};

const countNamed = async (prefix: string) =>
  (
    await ctx.db
      .select({ n: count() })
      .from(institution)
      .where(like(institution.name, `${prefix}%`))
  )[0]?.n;

describe("Excel import", () => {
  it("reports every bad row with its row number and reason, and imports nothing until confirmed", async () => {
    const taken = await makeInstitution(ctx.db, { jurisdictionCode: LANKAO, name: "已登记医院" });
    const { agent, user } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: LANKAO });
    const file = await workbook([
      row("导入甲村卫生室", "91350100M000100Y43"),
      row("", "91110000600037341L"),
      row("导入乙村卫生室", "91440300708461136T", { 机构类型: "诊所" }),
      row("导入丙村卫生室", "12410000MB0000009Q", { 床位数: -3 }),
      row("导入丁村卫生室", "12410000MB0000010A", { "所在县（市、区）代码": QIXIAN }),
      row("导入戊村卫生室", "91350100M000100Y43"),
      row("导入己村卫生室", taken.creditCode),
      row("导入庚村卫生室", "91350100I000100Y43"),
      row("导入辛村卫生室", "91350100M000100Y44"),
      row("导入壬村卫生室", "12410000MB0000011U", { 是否省直: "也许" }),
    ]);
    const preview = await upload(agent, file);
    expect(preview.statusCode).toBe(200);
    const body = preview.json();
    expect(body).toMatchObject({ totalRows: 10, validRows: 2 });
    expect(body.errors.map((e: { row: number; message: string }) => [e.row, e.message])).toEqual([
      [3, "机构名称：必填"],
      [
        4,
        "机构类型：“诊所”不是可选值（综合医院、中医医院、专科医院、乡镇卫生院、社区卫生服务中心、社区卫生服务站、村卫生室、疾病预防控制中心、妇幼保健院、托育机构、医养结合机构、公共场所）",
      ],
      [5, "床位数：不能小于 0"],
      [6, "所在县（市、区）代码：“杞县”不在您的管辖范围内"],
      [7, "统一社会信用代码：与第 2 行重复"],
      [8, "统一社会信用代码：该代码已登记给其他机构"],
      [9, "统一社会信用代码：第 9 位字符“I”不允许（不得使用 I、O、Z、S、V 及其他符号）"],
      [11, "是否省直：应填“是”或“否”，实际为“也许”"],
    ]);
    expect(body.warnings).toMatchObject([{ row: 10, field: "creditCode" }]);
    expect(body.sample.map((s: { name: string }) => s.name)).toEqual(["导入甲村卫生室", "导入辛村卫生室"]);
    expect(await countNamed("导入")).toBe(0);

    const confirmed = await agent.post(`/api/institutions/imports/${body.importId}/confirm`);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toEqual({ imported: 2 });
    expect(await countNamed("导入")).toBe(2);
    const [imported] = await ctx.db.select().from(institution).where(eq(institution.name, "导入辛村卫生室"));
    expect(imported).toMatchObject({ type: "village_clinic", jurisdictionPath: "/410000/410200/410225/", creditCodeChecksumOk: false });
    const records = await ctx.db.select().from(auditLog).where(eq(auditLog.actorId, user.id));
    expect(records.map((r) => r.action)).toEqual(expect.arrayContaining(["institution.import_preview", "institution.import"]));
    expect(records.find((r) => r.action === "institution.import_preview")?.detail).toMatchObject({
      fileName: "机构.xlsx",
      totalRows: 10,
      validRows: 2,
      errorRows: 8,
    });

    const again = await agent.post(`/api/institutions/imports/${body.importId}/confirm`);
    expect(again.statusCode).toBe(409);
    expect(await countNamed("导入")).toBe(2);
  });

  it("shows every problem of a row at once, the county included", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: LANKAO });
    const body = (await upload(agent, await workbook([row("", "12410000MB0000014L", { "所在县（市、区）代码": QIXIAN, 床位数: "许多" })]))).json();
    expect(body.importId).toBeNull();
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["beds", "jurisdictionCode", "name"]);
  });

  it("refuses a file without the required columns, naming them", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: LANKAO });
    const response = await upload(agent, await workbook([{ 机构名称: "某医院" }], ["机构名称", "备注"]));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe("文件：缺少列“统一社会信用代码”“机构类型”“所有制”“等级”“所在县（市、区）代码”“联系人”，请使用导入模板");
  });

  it("refuses a file that is not an Excel workbook", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: LANKAO });
    expect((await upload(agent, Buffer.from("name,code\n"), "机构.csv")).json().error.message).toBe("文件：只支持 .xlsx 格式");
    expect((await upload(agent, Buffer.from("not a zip"), "机构.xlsx")).json().error.message).toBe("文件：无法读取，请上传 Excel（.xlsx）文件");
  });

  it("imports everything or nothing when a code was taken between preview and confirmation", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: LANKAO });
    const preview = (await upload(agent, await workbook([row("竞态甲村卫生室", "91110000600037341L"), row("竞态乙村卫生室", "91440300708461136T")]))).json();
    expect(preview.validRows).toBe(2);
    await makeInstitution(ctx.db, { jurisdictionCode: LANKAO, name: "抢先登记", creditCode: "91440300708461136T" });
    const confirmed = await agent.post(`/api/institutions/imports/${preview.importId}/confirm`);
    expect(confirmed.statusCode).toBe(409);
    expect(confirmed.json().error.message).toContain("第 3 行");
    expect(await countNamed("竞态")).toBe(0);
  });

  it("keeps one user's pending import from another user", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: LANKAO });
    const preview = (await upload(agent, await workbook([row("他人村卫生室", "12410000MB0000012Y")]))).json();
    const { agent: other } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: LANKAO });
    expect((await other.post(`/api/institutions/imports/${preview.importId}/confirm`)).statusCode).toBe(404);
    expect(await countNamed("他人")).toBe(0);
  });

  it("round-trips: an export imports again as the same rows", async () => {
    await makeInstitution(ctx.db, { jurisdictionCode: QIXIAN, name: "往返测试医院", beds: 321, address: "杞县某路1号" });
    const { agent: exporter } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: QIXIAN });
    const exported = (await exporter.get(`/api/institutions/export?q=${encodeURIComponent("往返测试")}`)).rawPayload;
    await ctx.db.delete(institution).where(eq(institution.name, "往返测试医院"));
    const preview = (await upload(exporter, exported)).json();
    expect(preview.errors).toEqual([]);
    expect(preview.sample).toMatchObject([{ name: "往返测试医院", beds: 321, address: "杞县某路1号", jurisdictionCode: QIXIAN, type: "general_hospital" }]);
  });

  it("offers a template with the import columns", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: LANKAO });
    const response = await agent.get("/api/institutions/import-template");
    expect(response.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("机构");
    if (!sheet) throw new Error("the template has no 机构 sheet");
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(HEADERS);
    const help = book.getWorksheet("填写说明");
    const codes: string[] = [];
    help?.eachRow((r) => codes.push(String(r.getCell(1).value)));
    expect(codes).toContain(LANKAO);
    expect(codes).not.toContain(QIXIAN);
  });

  it("is not open to inspectors", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: LANKAO });
    expect((await upload(agent, await workbook([row("检查员村卫生室", "12410000MB0000013X")]))).statusCode).toBe(403);
  });
});

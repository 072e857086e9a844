import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { auditLog, hazard, hazardEvent } from "../../../db/schema";
import { type Agent, areaPicker, makeInstitution, multipartFile, setUpTestApp, signedIn } from "../../../test/harness";
import { fixedClock } from "../../platform/clock";
import { readDay } from "./import-hazards";

// 2026-06-10 in China.
const ctx = setUpTestApp({ clock: fixedClock("2026-06-10T01:00:00Z") });
const newArea = areaPicker();

/** A county's ledger as clerks keep it: a title row, their own headers, dates written their way. */
async function ledger(rows: (string | Date | null)[][]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("隐患台账");
  sheet.addRow(["2026年上半年安全隐患排查整改台账"]);
  sheet.addRow(["单位名称", "信用代码", "检查日期", "部位", "隐患类型", "存在问题", "隐患等级", "整改期限", "责任人", "整改情况"]);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const upload = (agent: Agent, content: Buffer, fileName = "隐患台账.xlsx") => {
  const { body, headers } = multipartFile("file", fileName, content);
  return agent.request("POST", "/api/hazards/imports", { body, headers });
};

describe("importing a county's existing hazard ledger", () => {
  it("reads names or codes, its dates and labels, reports every bad row by number and field, imports all or nothing, and never twice", async () => {
    const area = newArea();
    const hospital = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, name: `${area.county.name}台账导入医院` });
    const clinic = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, name: `${area.county.name}台账导入卫生院` });
    const elsewhere = await makeInstitution(ctx.db, { jurisdictionCode: area.neighbour.code });
    const inspector = (await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code })).agent;
    const file = await ledger([
      [hospital.name, null, "2026/6/1", "门诊楼配电间", "用电安全", "配电柜前堆放纸箱", "一般隐患", "2026年6月30日", "王科长", "整改中"],
      [null, clinic.creditCode, new Date(Date.UTC(2026, 4, 20)), "药房", "消防安全", "灭火器过期", null, null, "李主任", "已销号"],
      ["不存在的医院", null, "2026-06-01", "门诊", "消防安全", "通道堵塞", null, "2026-06-30", "张三", null],
      [hospital.name, null, "2026-06-01", "锅炉房", "特种设备", "锅炉未年检", "重大隐患", "2026-06-30", "张三", null],
      [hospital.name, null, "六月一日", "病房", "消防安全", "插线板串接", null, "2026-06-30", "张三", null],
      [hospital.name, null, "2026-06-01", "病房", "不存在的类别", "插线板串接", null, "2026-06-30", "张三", null],
      [hospital.name, null, "2026/6/1", "门诊楼配电间", "用电安全", "配电柜前堆放纸箱", null, "2026-06-30", "王科长", null],
      [null, elsewhere.creditCode, "2026-06-01", "门诊", "消防安全", "通道堵塞", null, "2026-06-30", "张三", null],
      [hospital.name, null, "2026-06-01", "门诊", "消防安全", "通道堵塞", null, "2026-05-01", "张三", null],
    ]);
    const preview = (await upload(inspector, file)).json();
    expect(preview).toMatchObject({ sheetName: "隐患台账", headerRow: 2, totalRows: 9, newRows: 2 });
    expect(preview.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [5, "institutionId"],
      [6, "grade"],
      [7, "foundOn"],
      [8, "category"],
      [9, "description"],
      [10, "institutionId"],
      [11, "deadline"],
    ]);
    expect(preview.errors[0].message).toContain("不存在的医院");
    expect(preview.sample).toMatchObject([
      { row: 3, institutionName: hospital.name, foundOn: "2026-06-01", category: "用电安全", state: "整改中" },
      { row: 4, institutionName: clinic.name, foundOn: "2026-05-20", category: "消防安全", state: "已销号" },
    ]);
    expect(await ctx.db.select().from(hazard).where(eq(hazard.institutionId, hospital.id))).toEqual([]);

    const confirmed = await inspector.post(`/api/hazards/imports/${preview.importId}/confirm`, { updateExisting: false });
    expect(confirmed.json()).toEqual({ created: 2, updated: 0 });
    expect((await inspector.post(`/api/hazards/imports/${preview.importId}/confirm`, { updateExisting: false })).statusCode).toBe(409);
    const [imported] = await ctx.db.select().from(hazard).where(eq(hazard.institutionId, hospital.id));
    expect(imported).toMatchObject({ state: "rectifying", handling: "by_deadline", deadline: "2026-06-30", grade: "general", category: "electrical" });
    expect(imported?.number).toMatch(/隐患〔2026〕0001$/);
    const [closed] = await ctx.db.select().from(hazard).where(eq(hazard.institutionId, clinic.id));
    expect(closed).toMatchObject({ state: "closed", handling: "on_the_spot", deadline: null, round: 1 });
    expect(closed?.number).toMatch(/隐患〔2026〕0002$/);
    expect(
      await ctx.db
        .select()
        .from(hazardEvent)
        .where(eq(hazardEvent.hazardId, closed?.id ?? "")),
    ).toMatchObject([{ kind: "record", details: { imported: true } }]);
    expect(
      await ctx.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "hazard.record"), eq(auditLog.targetId, closed?.id ?? ""))),
    ).toHaveLength(1);

    // The same file again adds nothing: both rows are already in the ledger.
    const again = (await upload(inspector, file)).json();
    expect(again.newRows).toBe(0);
    expect(again.errors.filter((e: { row: number }) => e.row <= 4).map((e: { message: string }) => e.message)).toEqual([
      expect.stringContaining("已在台账中"),
      expect.stringContaining("已在台账中"),
    ]);
  });

  it("is an authority's: an institution cannot import, and a file that is not .xlsx is refused by name", async () => {
    const area = newArea();
    const hospital = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code });
    const staff = (await signedIn(ctx, { role: "institution_admin", institution: hospital })).agent;
    const inspector = (await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code })).agent;
    expect((await upload(staff, await ledger([]))).statusCode).toBe(403);
    const wrong = await upload(inspector, Buffer.from("a,b"), "台账.csv");
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe("file");
    const template = await inspector.get("/api/hazards/import-template");
    expect(template.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    // Required headers carry a red "*" as rich text.
    const headers = JSON.stringify(book.worksheets[0]?.getRow(1).values);
    for (const header of ["机构名称", "发现日期", "隐患类别", "隐患描述", "整改状态"]) expect(headers).toContain(header);
  });
});

describe("dates as clerks write them", () => {
  it("reads 2026-06-01, 2026/6/1, 2026.6.1 and 2026年6月1日, and nothing that is not a real day", () => {
    for (const text of ["2026-06-01", "2026/6/1", "2026.6.1", "2026年6月1日", " 2026 年 6 月 1 日 "]) expect(readDay(text)).toBe("2026-06-01");
    for (const text of ["2026-02-30", "六月一日", "20260601", "2026-13-01"]) expect(readDay(text)).toBeUndefined();
  });
});

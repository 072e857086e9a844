import { count, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, institution } from "../../../db/schema";
import { KAIFENG, LANKAO, makeInstitution, QIXIAN, setUpTestApp, signedIn, ZHONGYUAN } from "../../../test/harness";

const ctx = setUpTestApp();
let lankaoHospital: Awaited<ReturnType<typeof makeInstitution>>;
let qixianHospital: Awaited<ReturnType<typeof makeInstitution>>;
let lankaoClinic: Awaited<ReturnType<typeof makeInstitution>>;

beforeAll(async () => {
  lankaoHospital = await makeInstitution(ctx.db, { jurisdictionCode: LANKAO, name: "兰考县第一人民医院" });
  lankaoClinic = await makeInstitution(ctx.db, { jurisdictionCode: LANKAO, name: "兰考县城关镇李庄村卫生室", type: "village_clinic", grade: "ungraded" });
  qixianHospital = await makeInstitution(ctx.db, { jurisdictionCode: QIXIAN, name: "杞县第一人民医院" });
});

const validInput = (overrides: Record<string, unknown> = {}) => ({
  name: "兰考县新建医院",
  creditCode: "91350100M000100Y43",
  type: "general_hospital",
  ownership: "private",
  grade: "grade1",
  provincialDirect: false,
  jurisdictionCode: LANKAO,
  beds: 50,
  onDutyMedicalStaff: 60,
  dailyOutpatientVisits: 200,
  securityStaff: 3,
  contactPerson: "王五",
  ...overrides,
});

async function workbookRows(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("机构");
  const rows: string[][] = [];
  sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
  return rows;
}

describe("scope isolation", () => {
  it("a county user lists and searches only its own county", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: LANKAO });
    const all = (await agent.get("/api/institutions?pageSize=100")).json();
    expect(all.items.map((i: { id: string }) => i.id).sort()).toEqual([lankaoHospital.id, lankaoClinic.id].sort());
    const search = (await agent.get(`/api/institutions?q=${encodeURIComponent("杞县")}`)).json();
    expect(search).toMatchObject({ total: 0, items: [] });
    const byCode = (await agent.get(`/api/institutions?q=${qixianHospital.creditCode}`)).json();
    expect(byCode.total).toBe(0);
    const otherCountyFilter = (await agent.get(`/api/institutions?jurisdictionCode=${QIXIAN}`)).json();
    expect(otherCountyFilter.total).toBe(0);
  });

  it("a county user cannot read or change another county's institution, and learns nothing about it", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: LANKAO });
    const read = await agent.get(`/api/institutions/${qixianHospital.id}`);
    expect(read.statusCode).toBe(404);
    expect(read.body).not.toContain("杞县");
    const missing = await agent.get("/api/institutions/00000000-0000-4000-8000-000000000000");
    expect(missing.json()).toEqual(read.json());
    const write = await agent.put(
      `/api/institutions/${qixianHospital.id}`,
      validInput({ name: "改名", creditCode: qixianHospital.creditCode, jurisdictionCode: QIXIAN }),
    );
    expect(write.statusCode).toBe(404);
    const [row] = await ctx.db.select().from(institution).where(eq(institution.id, qixianHospital.id));
    expect(row?.name).toBe("杞县第一人民医院");
  });

  it("a county user cannot move an institution into, or create one in, another county", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: LANKAO });
    const created = await agent.post("/api/institutions", validInput({ jurisdictionCode: QIXIAN, creditCode: "91440300708461136T" }));
    expect(created.statusCode).toBe(400);
    expect(created.json().error).toMatchObject({ field: "jurisdictionCode" });
    expect(created.json().error.message).toContain("不在您的管辖范围内");
    const moved = await agent.put(
      `/api/institutions/${lankaoClinic.id}`,
      validInput({ ...lankaoClinic, jurisdictionCode: QIXIAN, type: "village_clinic", grade: "ungraded" }),
    );
    expect(moved.statusCode).toBe(400);
  });

  it("a county user's export holds only its own county, whatever the filter asks", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: LANKAO });
    const response = await agent.get(`/api/institutions/export?jurisdictionCode=${KAIFENG}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("spreadsheetml");
    const rows = await workbookRows(response.rawPayload);
    expect(rows[0]?.[0]).toBe("机构名称");
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(["兰考县城关镇李庄村卫生室", "兰考县第一人民医院"]);
    const searched = await workbookRows((await agent.get(`/api/institutions/export?q=${encodeURIComponent("杞县")}`)).rawPayload);
    expect(searched).toHaveLength(1);
  });

  it("a city user sees all its counties", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: KAIFENG });
    const page = (await agent.get(`/api/institutions?q=${encodeURIComponent("第一人民医院")}`)).json();
    expect(page.items.map((i: { name: string }) => i.name).sort()).toEqual(["兰考县第一人民医院", "杞县第一人民医院"]);
    const county = (await agent.get(`/api/institutions?jurisdictionCode=${QIXIAN}`)).json();
    expect(county.items.map((i: { id: string }) => i.id)).toEqual([qixianHospital.id]);
  });

  it("a province user sees every city's institutions, and a city filter narrows to that city", async () => {
    const zhengzhou = await makeInstitution(ctx.db, { jurisdictionCode: ZHONGYUAN, name: "中原区第一人民医院" });
    const { agent } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: "410000" });
    const all = (await agent.get(`/api/institutions?q=${encodeURIComponent("第一人民医院")}`)).json();
    expect(all.items.map((i: { id: string }) => i.id).sort()).toEqual([lankaoHospital.id, qixianHospital.id, zhengzhou.id].sort());
    const city = (await agent.get(`/api/institutions?q=${encodeURIComponent("第一人民医院")}&jurisdictionCode=${KAIFENG}`)).json();
    expect(city.items.map((i: { id: string }) => i.id).sort()).toEqual([lankaoHospital.id, qixianHospital.id].sort());
    const counts = (await agent.get("/api/dashboard/institution-counts")).json();
    const { agent: county } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: QIXIAN });
    const countyCounts = (await county.get("/api/dashboard/institution-counts")).json();
    expect(counts.total).toBeGreaterThan(countyCounts.total);
    expect(countyCounts.total).toBe((await county.get("/api/institutions")).json().total);
  });

  it("an institution user sees only its own institution", async () => {
    const { agent } = await signedIn(ctx, { role: "institution_staff", institutionId: lankaoHospital.id });
    const page = (await agent.get("/api/institutions")).json();
    expect(page.items.map((i: { id: string }) => i.id)).toEqual([lankaoHospital.id]);
    expect((await agent.get(`/api/institutions/${lankaoClinic.id}`)).statusCode).toBe(404);
    expect((await agent.get(`/api/institutions/${lankaoHospital.id}`)).json()).toMatchObject({
      name: "兰考县第一人民医院",
      actions: { edit: false, editRegistry: false },
    });
    expect((await agent.get("/api/institutions/export")).statusCode).toBe(403);
    expect((await agent.get("/api/jurisdictions")).json()).toEqual({ roots: [] });
  });

  it("an institution administrator keeps its own figures up to date but not its registration, nor another's record", async () => {
    const own = await makeInstitution(ctx.db, { jurisdictionCode: LANKAO, name: "兰考县自编医院", grade: "grade2" });
    const { agent } = await signedIn(ctx, { role: "institution_admin", institutionId: own.id });
    expect((await agent.get(`/api/institutions/${own.id}`)).json().actions).toEqual({ edit: true, editRegistry: false });
    const edited = await agent.put(`/api/institutions/${own.id}`, validInput({ ...own, securityStaff: 9, beds: 150, contactPerson: "新联系人" }));
    expect(edited.statusCode).toBe(200);
    expect(edited.json().institution).toMatchObject({ name: "兰考县自编医院", securityStaff: 9, beds: 150, contactPerson: "新联系人" });
    for (const [field, value] of [
      ["grade", "grade3"],
      ["name", "兰考县自编医院（新）"],
      ["provincialDirect", true],
    ] as const) {
      const refused = await agent.put(`/api/institutions/${own.id}`, validInput({ ...own, [field]: value }));
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({ field, message: expect.stringContaining("由监管部门维护") });
    }
    const [row] = await ctx.db.select().from(institution).where(eq(institution.id, own.id));
    expect(row).toMatchObject({ grade: "grade2", name: "兰考县自编医院", provincialDirect: false });
    expect((await agent.put(`/api/institutions/${lankaoClinic.id}`, validInput({ ...lankaoClinic }))).statusCode).toBe(404);
    expect((await agent.post("/api/institutions", validInput({ creditCode: "91110000600037341L" }))).statusCode).toBe(403);
  });
});

describe("search", () => {
  it.each([
    ["one character", "卫"],
    ["two characters", "李庄"],
    ["a long substring", "城关镇李庄村卫生室"],
  ])("finds Chinese substrings of any length: %s", async (_label, q) => {
    const { agent } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: LANKAO });
    const page = (await agent.get(`/api/institutions?q=${encodeURIComponent(q)}`)).json();
    expect(page.items.map((i: { id: string }) => i.id)).toEqual([lankaoClinic.id]);
  });

  it("finds by a part of the credit code, in either case, and treats % and _ literally", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: LANKAO });
    const part = lankaoHospital.creditCode.slice(10).toLowerCase();
    expect((await agent.get(`/api/institutions?q=${part}`)).json().items.map((i: { id: string }) => i.id)).toEqual([lankaoHospital.id]);
    expect((await agent.get(`/api/institutions?q=${encodeURIComponent("%")}`)).json().total).toBe(0);
    expect((await agent.get("/api/institutions?q=_")).json().total).toBe(0);
  });

  it("combines filters with the scope", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: KAIFENG });
    const clinics = (await agent.get("/api/institutions?type=village_clinic")).json();
    expect(clinics.items.map((i: { id: string }) => i.id)).toEqual([lankaoClinic.id]);
    const grade = (await agent.get("/api/institutions?grade=grade2&ownership=public&provincialDirect=false&pageSize=100")).json();
    expect(grade.total).toBe(grade.items.length);
    expect(grade.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([lankaoHospital.id, qixianHospital.id]));
    expect(grade.items.every((i: { grade: string; ownership: string }) => i.grade === "grade2" && i.ownership === "public")).toBe(true);
  });

  it("names the bad filter", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: KAIFENG });
    const bad = await agent.get("/api/institutions?grade=grade9");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^等级：/);
    expect((await agent.get("/api/institutions?pageSize=1000")).json().error.message).toMatch(/^每页条数：/);
    expect((await agent.get("/api/institutions?jurisdictionCode=999999")).json().error.message).toBe("所在行政区划：不存在");
  });
});

describe("create and edit", () => {
  it("creates an institution with an audit record in the same transaction", async () => {
    const { agent, user } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: LANKAO });
    const response = await agent.post("/api/institutions", validInput({ creditCode: "12410000MB0000009Q" }));
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.warnings).toEqual([]);
    expect(body.institution).toMatchObject({ name: "兰考县新建医院", jurisdictionName: "兰考县", actions: { edit: true, editRegistry: true } });
    expect(body.institution.jurisdictionTrail.map((j: { name: string }) => j.name)).toEqual(["河南省", "开封市", "兰考县"]);
    const records = await ctx.db.select().from(auditLog).where(eq(auditLog.targetId, body.institution.id));
    expect(records).toMatchObject([{ action: "institution.create", actorId: user.id, result: "success" }]);
  });

  it("saves a code that only fails its check digit, with a warning", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: LANKAO });
    const response = await agent.post("/api/institutions", validInput({ name: "早期代码医院", creditCode: "91350100M000100Y44" }));
    expect(response.statusCode).toBe(201);
    expect(response.json().warnings[0]).toContain("校验位不符");
    expect(response.json().institution.creditCodeChecksumOk).toBe(false);
  });

  it.each([
    ["name", { name: "" }, /^机构名称：不能为空/],
    ["creditCode", { creditCode: "91350100I000100Y43" }, /^统一社会信用代码：第 9 位字符“I”不允许/],
    ["creditCode", { creditCode: "123" }, /^统一社会信用代码：应为 18 位/],
    ["beds", { beds: -1 }, /^床位数：不能小于 0/],
    ["securityStaff", { securityStaff: 1.5 }, /^保安人数：须为整数/],
    ["type", { type: "hospital" }, /^机构类型：/],
    ["contactPerson", { contactPerson: undefined }, /^联系人：/],
  ])("refuses bad %s with a Chinese message naming the field, writing nothing", async (field, change, message) => {
    const { agent, user } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: LANKAO });
    const before = await ctx.db.select({ n: count() }).from(institution);
    const response = await agent.post("/api/institutions", validInput({ creditCode: "91110000600037341L", ...change }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe(field);
    expect(response.json().error.message).toMatch(message);
    expect(await ctx.db.select({ n: count() }).from(institution)).toEqual(before);
    const [record] = await ctx.db.select().from(auditLog).where(eq(auditLog.actorId, user.id)).orderBy(auditLog.id).limit(2).offset(1);
    expect(record).toMatchObject({ action: "POST /api/institutions", result: "failure" });
  });

  it("refuses a credit code already registered, without naming the holder", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: LANKAO });
    const response = await agent.post("/api/institutions", validInput({ creditCode: qixianHospital.creditCode }));
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ field: "creditCode", message: "统一社会信用代码：该代码已登记给其他机构" });
    expect(response.body).not.toContain("杞县");
  });

  it("records what an edit changed", async () => {
    const target = await makeInstitution(ctx.db, { jurisdictionCode: LANKAO, name: "待编辑医院", beds: 10 });
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: KAIFENG });
    const response = await agent.put(`/api/institutions/${target.id}`, validInput({ ...target, beds: 80, jurisdictionCode: QIXIAN }));
    expect(response.statusCode).toBe(200);
    expect(response.json().institution).toMatchObject({ beds: 80, jurisdictionName: "杞县" });
    const [record] = await ctx.db.select().from(auditLog).where(eq(auditLog.targetId, target.id));
    expect(record?.detail).toMatchObject({ changes: { beds: { from: 10, to: 80 }, jurisdictionCode: { from: LANKAO, to: QIXIAN } } });
  });

  it("answers 400 for an id that is not a uuid and 404 for an unknown one", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: LANKAO });
    expect((await agent.get("/api/institutions/not-a-uuid")).statusCode).toBe(400);
    expect((await agent.put("/api/institutions/00000000-0000-4000-8000-000000000000", validInput())).statusCode).toBe(404);
  });

  it("does not let an inspector create or edit", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: LANKAO });
    expect((await agent.post("/api/institutions", validInput({ creditCode: "91440300708461136T" }))).statusCode).toBe(403);
  });
});

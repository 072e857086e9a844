import { and, count, eq, gt, lt } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { InstitutionInput } from "../../../contracts/institutions";
import { appUser, auditLog, hazard, institution, institutionTally } from "../../../db/schema";
import {
  type Area,
  areaPicker,
  directory,
  institutionInput,
  makeHazard,
  makeInstitution,
  makeUser,
  PROVINCE,
  setUpTestApp,
  signedIn,
} from "../../../test/harness";
import { fixedClock } from "../../platform/clock";
import { institutionBatches, institutionListCondition, listInstitutions, SHORT_TERM_COUNT_CAP } from "./queries";
import { editableValues, institutionValues } from "./save-institution";

/** "Today" in these tests is 2026-06-15 in China (02:00 UTC is 10:00 there). */
const ctx = setUpTestApp({ clock: fixedClock("2026-06-15T02:00:00Z") });
const newArea = areaPicker();

type Row = typeof institution.$inferSelect;
const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);
const editable = (row: Row, changes: Partial<InstitutionInput> = {}): InstitutionInput => ({ ...editableValues(row), ...changes });

async function workbookRows(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.getWorksheet("机构")?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
  return rows;
}

/** A county with a hospital and a village clinic, and a neighbouring county with a hospital. */
async function countyWithInstitutions(area: Area) {
  const hospital = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, name: `${area.county.name}第一人民医院` });
  const clinic = await makeInstitution(ctx.db, {
    jurisdictionCode: area.county.code,
    name: `${area.county.name}城关镇李庄村卫生室`,
    type: "village_clinic",
    grade: "ungraded",
  });
  const neighbour = await makeInstitution(ctx.db, { jurisdictionCode: area.neighbour.code, name: `${area.neighbour.name}第一人民医院` });
  return { hospital, clinic, neighbour };
}

describe("scope", () => {
  it("a county user lists, searches and exports only its own county, whatever the filter asks", async () => {
    const area = newArea();
    const { hospital, clinic, neighbour } = await countyWithInstitutions(area);
    const { agent } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code });
    expect(ids((await agent.get("/api/institutions?pageSize=100")).json()).sort()).toEqual([hospital.id, clinic.id].sort());
    expect((await agent.get(`/api/institutions?q=${encodeURIComponent(neighbour.name)}`)).json()).toMatchObject({ total: 0, items: [] });
    expect((await agent.get(`/api/institutions?q=${neighbour.creditCode}`)).json().total).toBe(0);
    expect((await agent.get(`/api/institutions?jurisdictionCode=${area.neighbour.code}`)).json().total).toBe(0);
    const exported = await workbookRows((await agent.get(`/api/institutions/export?jurisdictionCode=${area.city.code}`)).rawPayload);
    expect(exported[0]?.[0]).toBe("机构名称");
    expect(
      exported
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual([clinic.name, hospital.name].sort());
  });

  it("a county user neither reads nor changes another county's institution, and learns nothing of it", async () => {
    const area = newArea();
    const { neighbour } = await countyWithInstitutions(area);
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
    const read = await agent.get(`/api/institutions/${neighbour.id}`);
    expect(read.statusCode).toBe(404);
    expect(read.body).not.toContain(neighbour.name);
    expect((await agent.get("/api/institutions/00000000-0000-4000-8000-000000000000")).json()).toEqual(read.json());
    expect((await agent.get(`/api/institutions/${neighbour.id}/history`)).statusCode).toBe(404);
    expect((await agent.put(`/api/institutions/${neighbour.id}`, editable(neighbour, { name: "改名" }))).statusCode).toBe(404);
    const [row] = await ctx.db.select().from(institution).where(eq(institution.id, neighbour.id));
    expect(row?.name).toBe(neighbour.name);
  });

  it("a county user cannot create an institution in, or move one to, another county", async () => {
    const area = newArea();
    const { clinic } = await countyWithInstitutions(area);
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
    const created = await agent.post("/api/institutions", institutionInput({ jurisdictionCode: area.neighbour.code }));
    expect(created.statusCode).toBe(400);
    expect(created.json().error).toMatchObject({ field: "jurisdictionCode", message: expect.stringContaining("不在您的管辖范围内") });
    expect((await agent.put(`/api/institutions/${clinic.id}`, editable(clinic, { jurisdictionCode: area.neighbour.code }))).statusCode).toBe(400);
  });

  it("a city user sees its counties; the province sees every city, with the city named", async () => {
    const area = newArea();
    const { hospital, neighbour } = await countyWithInstitutions(area);
    const elsewhere = await makeInstitution(ctx.db, { jurisdictionCode: area.elsewhere.code, name: `${area.elsewhere.name}第一人民医院` });
    // Other tests' counties may share the city: only this test's rows are compared.
    const mine = (page: { items: { id: string }[] }) => ids(page).filter((id) => [hospital.id, neighbour.id, elsewhere.id].includes(id));
    const { agent: city } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.city.code });
    expect(mine((await city.get(`/api/institutions?q=${encodeURIComponent("第一人民医院")}&pageSize=100`)).json()).sort()).toEqual(
      [hospital.id, neighbour.id].sort(),
    );
    const { agent: province } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: PROVINCE });
    const page = (await province.get(`/api/institutions?q=${encodeURIComponent(elsewhere.name)}`)).json();
    expect(page.items).toMatchObject([{ id: elsewhere.id, cityName: area.otherCity.name, jurisdictionName: area.elsewhere.name }]);
    const narrowed = (await province.get(`/api/institutions?q=${encodeURIComponent("第一人民医院")}&jurisdictionCode=${area.city.code}&pageSize=100`)).json();
    expect(mine(narrowed).sort()).toEqual([hospital.id, neighbour.id].sort());
  });

  it("an institution's users see only their own institution", async () => {
    const area = newArea();
    const { hospital, clinic } = await countyWithInstitutions(area);
    const { agent } = await signedIn(ctx, { role: "institution_staff", institution: hospital });
    expect(ids((await agent.get("/api/institutions")).json())).toEqual([hospital.id]);
    expect((await agent.get(`/api/institutions/${clinic.id}`)).statusCode).toBe(404);
    expect((await agent.get(`/api/institutions/${hospital.id}`)).json()).toMatchObject({
      name: hospital.name,
      actions: { edit: false, editRegistry: false, deregister: false, restore: false },
    });
    expect((await agent.get("/api/institutions/export")).statusCode).toBe(403);
    expect((await agent.get("/api/jurisdictions")).json()).toEqual({ roots: [] });
  });

  it("an institution's administrator keeps its own figures up to date, not its registration", async () => {
    const area = newArea();
    const own = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, grade: "grade2" });
    const { agent } = await signedIn(ctx, { role: "institution_admin", institution: own });
    expect((await agent.get(`/api/institutions/${own.id}`)).json().actions).toMatchObject({ edit: true, editRegistry: false });
    const edited = await agent.put(`/api/institutions/${own.id}`, editable(own, { securityStaff: 9, beds: 150, contactPerson: "新联系人" }));
    expect(edited.statusCode).toBe(200);
    expect(edited.json().institution).toMatchObject({ securityStaff: 9, beds: 150, contactPerson: "新联系人" });
    for (const [field, value] of [
      ["grade", "grade3"],
      ["name", `${own.name}（新）`],
      ["provincialDirect", true],
    ] as const) {
      const refused = await agent.put(`/api/institutions/${own.id}`, editable(own, { [field]: value }));
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({ field, message: expect.stringContaining("由监管部门维护") });
    }
    const [row] = await ctx.db.select().from(institution).where(eq(institution.id, own.id));
    expect(row).toMatchObject({ grade: "grade2", name: own.name, provincialDirect: false });
  });

  it("moving an institution to another county takes its records along: its users and hazards follow it", async () => {
    const area = newArea();
    const moving = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code });
    const staff = await makeUser(ctx.db, { role: "institution_staff", institution: moving });
    const found = await makeHazard(ctx.db, { institution: moving, recordedBy: staff });
    const { agent: city } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.city.code });
    const moved = await city.put(`/api/institutions/${moving.id}`, editable(moving, { jurisdictionCode: area.neighbour.code }));
    expect(moved.json().institution.jurisdictionName).toBe(area.neighbour.name);
    const [user] = await ctx.db.select().from(appUser).where(eq(appUser.id, staff.id));
    expect(user?.jurisdictionPath).toBe(area.neighbour.path);
    const [movedHazard] = await ctx.db.select().from(hazard).where(eq(hazard.id, found.id));
    expect(movedHazard?.jurisdictionPath).toBe(area.neighbour.path);
    const { agent: before } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
    const { agent: after } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.neighbour.code });
    const usernames = async (agent: typeof before) => (await agent.get("/api/users?pageSize=100")).json().items.map((u: { username: string }) => u.username);
    expect(await usernames(before)).not.toContain(staff.username);
    expect(await usernames(after)).toContain(staff.username);
  });
});

describe("search, filters and sorting", () => {
  it.each([
    ["one character", "李"],
    ["two characters", "李庄"],
    ["a long substring", "城关镇李庄村卫生室"],
  ])("finds Chinese substrings of any length: %s", async (_label, q) => {
    const area = newArea();
    const { clinic } = await countyWithInstitutions(area);
    const { agent } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code });
    expect(ids((await agent.get(`/api/institutions?q=${encodeURIComponent(q)}`)).json())).toEqual([clinic.id]);
    // A county's rows are tested one by one; the province's matches come from the search indexes.
    const { agent: province } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: PROVINCE });
    expect(ids((await province.get(`/api/institutions?q=${encodeURIComponent(q)}&pageSize=100`)).json())).toContain(clinic.id);
  });

  it("finds by a part of the credit code, in either case, and takes % and _ literally", async () => {
    const area = newArea();
    const { hospital } = await countyWithInstitutions(area);
    const { agent } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code });
    expect(ids((await agent.get(`/api/institutions?q=${hospital.creditCode.slice(10).toLowerCase()}`)).json())).toEqual([hospital.id]);
    expect((await agent.get(`/api/institutions?q=${encodeURIComponent("%")}`)).json().total).toBe(0);
    expect((await agent.get("/api/institutions?q=_")).json().total).toBe(0);
  });

  it("filters by category, type, grade, ownership and 省直, within the scope", async () => {
    const area = newArea();
    const { hospital, clinic, neighbour } = await countyWithInstitutions(area);
    const { agent } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.city.code });
    expect(ids((await agent.get("/api/institutions?type=village_clinic")).json())).toEqual([clinic.id]);
    expect(ids((await agent.get("/api/institutions?typeGroup=primary")).json())).toEqual([clinic.id]);
    expect(ids((await agent.get("/api/institutions?typeGroup=hospital&pageSize=100")).json()).sort()).toEqual([hospital.id, neighbour.id].sort());
    const grade = (await agent.get("/api/institutions?grade=grade2&ownership=public&provincialDirect=false&pageSize=100")).json();
    expect(ids(grade).sort()).toEqual([hospital.id, neighbour.id].sort());
  });

  it("sorts by name in pinyin order, and by grade, beds, county or update time, either way", async () => {
    const area = newArea();
    const make = (name: string, beds: number, grade: "grade3" | "grade1", county = area.county.code) =>
      makeInstitution(ctx.db, { jurisdictionCode: county, name, beds, grade });
    // By code point 郑 < 长 < 安; in pinyin an(安) < chang(长) < zheng(郑).
    const zheng = await make("郑庄卫生院", 10, "grade1");
    const chang = await make("长垣卫生院", 30, "grade3");
    const an = await make("安阳卫生院", 20, "grade1", area.neighbour.code);
    const { agent } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.city.code });
    const sorted = async (query: string) => ids((await agent.get(`/api/institutions?q=${encodeURIComponent("卫生院")}&${query}`)).json());
    expect(await sorted("")).toEqual([an.id, chang.id, zheng.id]);
    expect(await sorted("sort=name&order=desc")).toEqual([zheng.id, chang.id, an.id]);
    expect(await sorted("sort=beds")).toEqual([chang.id, an.id, zheng.id]);
    expect(await sorted("sort=beds&order=asc")).toEqual([zheng.id, an.id, chang.id]);
    expect(await sorted("sort=grade")).toEqual([chang.id, an.id, zheng.id]);
    const byCounty = await sorted("sort=jurisdiction&order=asc");
    const countyFirst = area.county.code < area.neighbour.code;
    expect(byCounty).toEqual(countyFirst ? [chang.id, zheng.id, an.id] : [an.id, chang.id, zheng.id]);
    const { agent: admin } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
    expect((await admin.put(`/api/institutions/${zheng.id}`, editable(zheng, { beds: 11 }))).statusCode).toBe(200);
    expect((await sorted("sort=updatedAt"))[0]).toBe(zheng.id);
  });

  it("walks the export in exactly the list's order, batch after batch, for every sort either way", async () => {
    const area = newArea();
    const grades = ["grade3", "grade1", "grade1", "grade2", "ungraded", "grade1", "grade3"] as const;
    for (const [i, grade] of grades.entries()) {
      await makeInstitution(ctx.db, {
        jurisdictionCode: i % 2 ? area.county.code : area.neighbour.code,
        name: `${"乙甲丙丁甲乙丙"[i]}批次医院`,
        grade,
        beds: i % 3,
      });
    }
    const scope = { kind: "jurisdiction" as const, ...(directory.positionOf(area.city.code) as NonNullable<ReturnType<typeof directory.positionOf>>) };
    const filters = { q: "批次医院" };
    const where = institutionListCondition(directory, scope, filters);
    for (const sort of ["name", "jurisdiction", "grade", "beds", "updatedAt"] as const) {
      for (const order of ["asc", "desc"] as const) {
        const listed = (await listInstitutions(ctx.db, directory, scope, { ...filters, sort, order, page: 1, pageSize: 100 })).items.map((i) => i.id);
        const walked: string[] = [];
        for await (const batch of institutionBatches(ctx.db, where, { sort, order }, 2)) walked.push(...batch.map((row) => row.id));
        expect(walked, `${sort} ${order}`).toEqual(listed);
      }
    }
  });

  it("names a bad filter or sort in Chinese, with the choices users read", async () => {
    const area = newArea();
    const { agent } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.city.code });
    expect((await agent.get("/api/institutions?grade=grade9")).json().error.message).toBe("等级：应为以下之一：三级、二级、一级、未定级");
    expect((await agent.get("/api/institutions?sort=password")).json().error.message).toBe(
      "排序字段：应为以下之一：机构名称、所在县（市、区）、等级、床位数、更新时间",
    );
    expect((await agent.get("/api/institutions?pageSize=1000")).json().error.message).toBe("每页条数：不能大于 100");
    expect((await agent.get("/api/institutions?jurisdictionCode=999999")).json().error.message).toBe("行政区划：不存在");
  });
});

describe("create and edit", () => {
  it("creates an institution with its audit record in the same transaction", async () => {
    const area = newArea();
    const { agent, user } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
    const response = await agent.post("/api/institutions", institutionInput({ jurisdictionCode: area.county.code, name: "新建医院" }));
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.warnings).toEqual([]);
    expect(body.institution).toMatchObject({
      name: "新建医院",
      jurisdictionName: area.county.name,
      actions: { edit: true, editRegistry: true, deregister: true },
    });
    expect(body.institution.jurisdictionTrail.map((j: { name: string }) => j.name)).toEqual(["河南省", area.city.name, area.county.name]);
    const records = await ctx.db.select().from(auditLog).where(eq(auditLog.targetId, body.institution.id));
    expect(records).toMatchObject([
      { action: "institution.create", actorId: user.id, result: "success", targetPath: area.county.path, targetName: "新建医院" },
    ]);
  });

  it("fills in what a new institution leaves out, but never on an update", async () => {
    const area = newArea();
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
    const { beds: _beds, address: _address, ...minimal } = institutionInput({ jurisdictionCode: area.county.code });
    const created = await agent.post("/api/institutions", minimal);
    expect(created.json().institution).toMatchObject({ beds: 0, address: "" });
    const id = created.json().institution.id;
    await agent.put(`/api/institutions/${id}`, { ...minimal, beds: 50, address: "人民路 1 号" });
    const missing = await agent.put(`/api/institutions/${id}`, minimal);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ field: "address", message: "地址：必填" });
    expect(missing.json().error.problems).toEqual(expect.arrayContaining([{ field: "beds", message: "床位数：必填" }]));
    const [row] = await ctx.db.select().from(institution).where(eq(institution.id, id));
    expect(row).toMatchObject({ beds: 50, address: "人民路 1 号" });
  });

  it("saves a code that only fails its check digit, with a warning", async () => {
    const area = newArea();
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
    const response = await agent.post("/api/institutions", institutionInput({ jurisdictionCode: area.county.code, creditCode: "91350100M000100Y44" }));
    expect(response.statusCode).toBe(201);
    expect(response.json().warnings[0]).toContain("校验位不符");
    expect(response.json().institution.creditCodeChecksumOk).toBe(false);
  });

  it.each([
    ["name", { name: "" }, "机构名称：不能为空"],
    ["creditCode", { creditCode: "91350100I000100Y43" }, "统一社会信用代码：第 9 位字符“I”不允许（不得使用 I、O、Z、S、V 及其他符号）"],
    ["beds", { beds: -1 }, "床位数：不能小于 0"],
    ["securityStaff", { securityStaff: 1.5 }, "保安人数：应为整数"],
    ["beds", { beds: "12" }, "床位数：应为数字"],
    ["type", { type: "hospital" }, /^机构类型：应为以下之一：综合医院、中医医院、/],
    ["contactPerson", { contactPerson: null }, "联系人：不能为空"],
  ])("refuses a bad %s with a Chinese message naming the field, writing nothing", async (field, change, message) => {
    const area = newArea();
    const { agent, user } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
    const before = await ctx.db.select({ n: count() }).from(institution);
    const response = await agent.post("/api/institutions", { ...institutionInput({ jurisdictionCode: area.county.code }), ...change });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe(field);
    expect(response.json().error.message).toMatch(message);
    expect(await ctx.db.select({ n: count() }).from(institution)).toEqual(before);
    const [record] = await ctx.db.select().from(auditLog).where(eq(auditLog.actorId, user.id)).orderBy(auditLog.id).limit(1).offset(1);
    expect(record).toMatchObject({ action: "request", result: "failure", detail: { method: "POST", route: "/api/institutions", status: 400 } });
  });

  it("refuses a credit code already registered, without naming the holder", async () => {
    const area = newArea();
    const { neighbour } = await countyWithInstitutions(area);
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
    const response = await agent.post("/api/institutions", institutionInput({ jurisdictionCode: area.county.code, creditCode: neighbour.creditCode }));
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ field: "creditCode", message: "统一社会信用代码：该代码已登记给其他机构" });
    expect(response.body).not.toContain(neighbour.name);
  });

  it("records what an edit changed, and shows it in the institution's history in words", async () => {
    const area = newArea();
    const target = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, beds: 10 });
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.city.code });
    const response = await agent.put(`/api/institutions/${target.id}`, editable(target, { beds: 80, grade: "grade3", jurisdictionCode: area.neighbour.code }));
    expect(response.statusCode).toBe(200);
    const [record] = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, target.id), eq(auditLog.action, "institution.update")));
    expect(record?.detail).toMatchObject({ changes: { beds: { from: 10, to: 80 }, jurisdictionCode: { from: area.county.code, to: area.neighbour.code } } });
    const { agent: own } = await signedIn(ctx, { role: "institution_staff", institution: { id: target.id, jurisdictionPath: area.neighbour.path } });
    const history = (await own.get(`/api/institutions/${target.id}/history`)).json();
    expect(history.items[0]).toMatchObject({ action: "institution.update", targetName: target.name });
    expect(history.items[0].summary).toEqual(
      expect.arrayContaining([
        "床位数：10 → 80",
        "等级：二级 → 三级",
        `所在县（市、区）：${area.city.name} / ${area.county.name} → ${area.city.name} / ${area.neighbour.name}`,
      ]),
    );
    expect(JSON.stringify(history)).not.toContain('"from"');
  });

  it("answers 400 for an id that is not a uuid and 404 for an unknown one", async () => {
    const area = newArea();
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
    expect((await agent.get("/api/institutions/not-a-uuid")).json().error.message).toBe("机构编号：格式不正确");
    const unknown = await agent.put("/api/institutions/00000000-0000-4000-8000-000000000000", institutionInput({ jurisdictionCode: area.county.code }));
    expect(unknown.statusCode).toBe(404);
  });

  it("does not let an inspector create or edit", async () => {
    const area = newArea();
    const { agent } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code });
    expect((await agent.post("/api/institutions", institutionInput({ jurisdictionCode: area.county.code }))).statusCode).toBe(403);
  });
});

describe("deregistration (注销/停业)", () => {
  it("takes an institution out of lists and counts, keeps it readable, and can be undone", async () => {
    const area = newArea();
    const { hospital, clinic } = await countyWithInstitutions(area);
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
    const countsBefore = (await agent.get("/api/dashboard/institution-counts")).json().total;
    const closed = await agent.post(`/api/institutions/${clinic.id}/deregister`, { status: "suspended", date: "2026-06-10", reason: "停业整顿" });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().institution).toMatchObject({
      status: "suspended",
      closure: { status: "suspended", date: "2026-06-10", reason: "停业整顿" },
      actions: { edit: false, deregister: false, restore: true },
    });
    expect(ids((await agent.get("/api/institutions")).json())).toEqual([hospital.id]);
    expect(ids((await agent.get("/api/institutions?status=suspended")).json())).toEqual([clinic.id]);
    expect((await agent.get("/api/institutions?status=all")).json().total).toBe(2);
    expect((await agent.get("/api/dashboard/institution-counts")).json().total).toBe(countsBefore - 1);
    expect((await agent.get(`/api/institutions/${clinic.id}`)).statusCode).toBe(200);
    const edit = await agent.put(`/api/institutions/${clinic.id}`, editable(clinic, { beds: 3 }));
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toBe("机构已停业，恢复后才能修改");

    const restored = await agent.post(`/api/institutions/${clinic.id}/restore`, { reason: "整顿完成" });
    expect(restored.json().institution).toMatchObject({ status: "active", closure: null });
    expect((await agent.get("/api/institutions")).json().total).toBe(2);
    const history = (await agent.get(`/api/institutions/${clinic.id}/history`)).json();
    expect(history.items.map((entry: { action: string }) => entry.action)).toEqual(["institution.restore", "institution.deregister"]);
    expect(history.items[1].summary).toEqual(["类型：停业", "日期：2026-06-10", "原因：停业整顿"]);
  });

  it("refuses a day after today on the China calendar, a missing reason, and a second deregistration", async () => {
    const area = newArea();
    const { clinic } = await countyWithInstitutions(area);
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
    const future = await agent.post(`/api/institutions/${clinic.id}/deregister`, { status: "deregistered", date: "2026-06-16", reason: "注销" });
    expect(future.json().error).toMatchObject({ field: "date", message: "注销/停业日期：不能晚于今天（2026-06-15）" });
    const blank = await agent.post(`/api/institutions/${clinic.id}/deregister`, { status: "deregistered", date: "2026-06-15", reason: " " });
    expect(blank.json().error).toMatchObject({ field: "reason", message: "原因：不能为空" });
    expect((await agent.post(`/api/institutions/${clinic.id}/deregister`, { status: "deregistered", date: "2026-06-15", reason: "注销" })).statusCode).toBe(
      200,
    );
    expect((await agent.post(`/api/institutions/${clinic.id}/deregister`, { status: "suspended", date: "2026-06-15", reason: "再次" })).statusCode).toBe(409);
  });

  it("is the registry authority's to do: not an inspector's, nor the institution's own", async () => {
    const area = newArea();
    const { hospital } = await countyWithInstitutions(area);
    const body = { status: "deregistered", date: "2026-06-01", reason: "注销" };
    const { agent: inspector } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code });
    const { agent: own } = await signedIn(ctx, { role: "institution_admin", institution: hospital });
    expect((await inspector.post(`/api/institutions/${hospital.id}/deregister`, body)).statusCode).toBe(403);
    expect((await own.post(`/api/institutions/${hospital.id}/deregister`, body)).statusCode).toBe(403);
  });
});

describe("home page counts", () => {
  it("come from a tally that follows every create, edit, move, deregistration, restore and delete exactly", async () => {
    const area = newArea();
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.city.code });
    const created = (await agent.post("/api/institutions", institutionInput({ jurisdictionCode: area.county.code }))).json().institution;
    const row = (await ctx.db.select().from(institution).where(eq(institution.id, created.id)))[0] as Row;
    await agent.put(`/api/institutions/${created.id}`, editable(row, { type: "clinic", grade: "ungraded", jurisdictionCode: area.neighbour.code }));
    await agent.post(`/api/institutions/${created.id}/deregister`, { status: "deregistered", date: "2026-06-01", reason: "注销" });
    await agent.post(`/api/institutions/${created.id}/restore`, { reason: "恢复" });
    await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, type: "cdc", grade: "ungraded" });
    await ctx.db.delete(institution).where(eq(institution.id, created.id));
    const counted = await ctx.db
      .select({ path: institution.jurisdictionPath, status: institution.status, type: institution.type, grade: institution.grade, count: count() })
      .from(institution)
      .groupBy(institution.jurisdictionPath, institution.status, institution.type, institution.grade);
    const tallied = await ctx.db.select().from(institutionTally).where(gt(institutionTally.count, 0));
    const key = (r: { path?: string; jurisdictionPath?: string; status: string; type: string; grade: string; count: number }) =>
      `${r.path ?? r.jurisdictionPath}|${r.status}|${r.type}|${r.grade}|${r.count}`;
    expect(tallied.map(key).sort()).toEqual(counted.map(key).sort());
    expect(await ctx.db.select().from(institutionTally).where(lt(institutionTally.count, 0))).toEqual([]);
  });

  it("break the province down by city and a city by county, by category and grade; a county has no level below", async () => {
    const area = newArea();
    const { hospital, clinic, neighbour } = await countyWithInstitutions(area);
    const { agent: city } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.city.code });
    const byCounty = (await city.get("/api/dashboard/breakdown")).json();
    expect(byCounty.level).toBe("county");
    expect(byCounty.children.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining([area.county.code, area.neighbour.code]));
    const cell = (code: string, group: string, grade: string) =>
      byCounty.cells.find((c: { code: string; group: string; grade: string }) => c.code === code && c.group === group && c.grade === grade)?.count;
    expect(cell(area.county.code, "hospital", hospital.grade)).toBe(1);
    expect(cell(area.county.code, "primary", clinic.grade)).toBe(1);
    expect(cell(area.neighbour.code, "hospital", neighbour.grade)).toBe(1);

    const { agent: province } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: PROVINCE });
    const byCity = (await province.get("/api/dashboard/breakdown")).json();
    expect(byCity.level).toBe("city");
    const cityTotal = byCity.cells.filter((c: { code: string }) => c.code === area.city.code).reduce((sum: number, c: { count: number }) => sum + c.count, 0);
    expect(cityTotal).toBe((await city.get("/api/dashboard/institution-counts")).json().total);

    const { agent: county } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code });
    expect((await county.get("/api/dashboard/breakdown")).json()).toEqual({ level: null, children: [], cells: [] });
  });
});

describe("a very common search term", () => {
  it("counts a very common short term up to 10,000 province-wide, exactly within a city or county, with the same pages", async () => {
    const area = newArea();
    const common = Array.from({ length: SHORT_TERM_COUNT_CAP + 1 }, (_, i) =>
      institutionValues(directory, institutionInput({ jurisdictionCode: area.county.code, name: `珑玥卫生室${String(i).padStart(5, "0")}` })),
    );
    for (let start = 0; start < common.length; start += 2000) await ctx.db.insert(institution).values(common.slice(start, start + 2000));
    const { agent: province } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: PROVINCE });
    const { agent: city } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.city.code });
    const { agent: county } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code });
    try {
      const wide = (await province.get(`/api/institutions?q=${encodeURIComponent("珑玥")}&page=3`)).json();
      expect(wide).toMatchObject({ total: SHORT_TERM_COUNT_CAP, totalCapped: true });
      const narrow = (await county.get(`/api/institutions?q=${encodeURIComponent("珑玥")}&page=3`)).json();
      expect(narrow.total).toBe(SHORT_TERM_COUNT_CAP + 1);
      expect(narrow.totalCapped).toBe(false);
      expect(ids(wide)).toEqual(ids(narrow));
      expect(wide.items[0].name).toBe("珑玥卫生室00040");
      expect((await city.get(`/api/institutions?q=${encodeURIComponent("珑玥")}`)).json().total).toBe(SHORT_TERM_COUNT_CAP + 1);
      const filtered = (await province.get(`/api/institutions?q=${encodeURIComponent("珑玥")}&jurisdictionCode=${area.city.code}`)).json();
      expect(filtered.total).toBe(SHORT_TERM_COUNT_CAP + 1);
      // The export is not capped: it holds every match.
      expect((await workbookRows((await province.get(`/api/institutions/export?q=${encodeURIComponent("珑玥")}`)).rawPayload)).length).toBe(
        SHORT_TERM_COUNT_CAP + 2,
      );
    } finally {
      await ctx.db.delete(institution).where(eq(institution.jurisdictionCode, area.county.code));
    }
  });
});

import { and, asc, eq, isNull } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { ChecklistContent, ChecklistDetail, ChecklistSummary } from "../../../contracts/checklists";
import { SHIPPED_CHECKLISTS } from "../../../db/reference/checklists";
import { auditLog, checklist, checklistVersion, dataImport } from "../../../db/schema";
import { BUILT_IN_HAZARD_CATEGORIES } from "../../../domain/hazard-categories";
import {
  type Agent,
  areaPicker,
  makeChecklistVersion,
  makeInstitution,
  makeUser,
  multipartFile,
  setUpTestApp,
  signedIn,
  TEST_CHECKLIST,
} from "../../../test/harness";
import { type Actor, newAuditTrail, systemActor } from "../../platform/access";
import { loadShippedChecklists } from "./shipped";
import { takeChecklistVersion } from "./take-checklist-version";

const ctx = setUpTestApp();
const newArea = areaPicker();

const countyAdmin = async () => {
  const area = newArea();
  const admin = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
  return { area, ...admin };
};

const allOf = async (agent: Agent, query = "") => (await agent.get(`/api/checklists?pageSize=100${query}`)).json().items as ChecklistSummary[];

async function shippedSnapshot() {
  return ctx.db
    .select({ checklist, version: checklistVersion })
    .from(checklist)
    .innerJoin(checklistVersion, eq(checklistVersion.checklistId, checklist.id))
    .where(isNull(checklist.authorityCode))
    .orderBy(asc(checklist.shippedKey), asc(checklistVersion.version));
}

const createBody = (name: string, content: ChecklistContent = TEST_CHECKLIST) => ({ name, content });

describe("shipped templates", () => {
  it("are offered to every authority, each item citing its seed file, the review scored out of 100", async () => {
    const { agent } = await countyAdmin();
    const shipped = await allOf(agent, "&owner=shipped");
    expect(shipped.map((c) => c.name).sort()).toEqual(SHIPPED_CHECKLISTS.map((c) => c.name).sort());
    expect(shipped.every((c) => c.ownerName === "系统内置" && !c.editable)).toBe(true);
    expect(shipped.find((c) => c.name === "健康促进医院评审")).toMatchObject({ scored: true, maxScore: 100 });
    for (const template of SHIPPED_CHECKLISTS) {
      for (const item of template.content.sections.flatMap((s) => s.items)) {
        expect(item.basis, `${template.name} ${item.key}`).toMatch(/seeds\/00[0-4]/);
        expect(Object.keys(BUILT_IN_HAZARD_CATEGORIES)).toContain(item.category);
      }
    }
    const security = shipped.find((c) => c.name === "医院安全秩序") as ChecklistSummary;
    const detail = (await agent.get(`/api/checklists/${security.id}`)).json() as ChecklistDetail;
    const bases = detail.content.sections.flatMap((s) => s.items.map((i) => i.basis)).join("\n");
    for (const clause of ["4.3.7.1", "4.3.7.2", "4.3.7.3", "4.3.8", "4.3.9", "4.4", "4.5.3.1"]) expect(bases).toContain(clause);
  });

  it("seeding again changes nothing; a changed template is corrected in place while unused and gets a new version once used", async () => {
    const before = await shippedSnapshot();
    await loadShippedChecklists(ctx.db);
    await loadShippedChecklists(ctx.db);
    expect(await shippedSnapshot()).toEqual(before);

    const [first, second] = SHIPPED_CHECKLISTS as [(typeof SHIPPED_CHECKLISTS)[number], (typeof SHIPPED_CHECKLISTS)[number]];
    const reworded = (template: typeof first): typeof first => {
      const [section, ...rest] = template.content.sections as [ChecklistContent["sections"][number], ...ChecklistContent["sections"]];
      const [item, ...items] = section.items as [ChecklistContent["sections"][number]["items"][number], ...ChecklistContent["sections"][number]["items"]];
      return { ...template, content: { sections: [{ ...section, items: [{ ...item, text: `${item.text}（修订）` }, ...items] }, ...rest] } };
    };
    const [used] = await ctx.db.select().from(checklist).where(eq(checklist.shippedKey, first.shippedKey));
    const [usedVersion] = await ctx.db
      .select()
      .from(checklistVersion)
      .where(and(eq(checklistVersion.checklistId, used?.id ?? ""), eq(checklistVersion.version, 1)));
    await takeChecklistVersion(ctx.db, systemActor("test"), usedVersion?.id ?? "");
    await loadShippedChecklists(ctx.db, [reworded(first), reworded(second)]);
    const after = await shippedSnapshot();
    const versionsOf = (key: string) => after.filter((r) => r.checklist.shippedKey === key);
    expect(versionsOf(first.shippedKey).map((r) => r.version.version)).toEqual([1, 2]);
    expect(versionsOf(first.shippedKey)[0]?.version.content).toEqual(first.content);
    expect(versionsOf(first.shippedKey)[1]?.checklist.currentVersion).toBe(2);
    expect(versionsOf(second.shippedKey).map((r) => r.version.version)).toEqual([1]);
    expect(JSON.stringify(versionsOf(second.shippedKey)[0]?.version.content)).toContain("（修订）");
  });
});

describe("authority templates", () => {
  it("creates, edits an unused version in place, and makes version 2 once version 1 was used, which keeps its content", async () => {
    const { agent, area } = await countyAdmin();
    const created = await agent.post("/api/checklists", createBody(`${area.county.name}节前检查`));
    expect(created.statusCode).toBe(201);
    const v1 = created.json() as ChecklistDetail;
    expect(v1).toMatchObject({ owner: "own", editable: true, currentVersion: 1, itemCount: 3, scored: false, maxScore: null });

    const fixed = structuredClone(TEST_CHECKLIST);
    (fixed.sections[0]?.items[0] as { text: string }).text = "安全出口、疏散通道保持畅通";
    const inPlace = (await agent.put(`/api/checklists/${v1.id}`, { ...createBody(v1.name, fixed), baseVersion: 1 })).json() as ChecklistDetail;
    expect(inPlace.currentVersion).toBe(1);
    expect(inPlace.versions).toHaveLength(1);

    const [version1] = await ctx.db
      .select()
      .from(checklistVersion)
      .where(and(eq(checklistVersion.checklistId, v1.id), eq(checklistVersion.version, 1)));
    // An inspection or a campaign takes version 1 (as the inspections and campaigns areas do, in their transaction).
    const taken = await ctx.db.transaction((tx) => takeChecklistVersion(tx, systemActor("inspection"), version1?.id ?? ""));
    expect(taken).toMatchObject({ version: 1, name: v1.name, itemCount: 3 });

    const again = structuredClone(fixed);
    again.sections[1]?.items.push({
      key: "sockets",
      text: "插座无过载",
      basis: "",
      category: "electrical",
      gradeHint: "general",
      answerType: "compliance",
      photoRequired: false,
    });
    const edited = await agent.put(`/api/checklists/${v1.id}`, { ...createBody(v1.name, again), baseVersion: 1 });
    expect(edited.statusCode).toBe(200);
    const v2 = edited.json() as ChecklistDetail;
    expect(v2).toMatchObject({ currentVersion: 2, itemCount: 4, shownVersion: 2 });
    expect(v2.versions.map((v) => [v.version, v.firstUsedAt !== null])).toEqual([
      [1, true],
      [2, false],
    ]);
    const old = (await agent.get(`/api/checklists/${v1.id}?version=1`)).json() as ChecklistDetail;
    expect(old.shownVersion).toBe(1);
    expect(old.content).toEqual(fixed);
    expect(taken?.content).toEqual(fixed);
    expect((await agent.get(`/api/checklists/${v1.id}?version=9`)).statusCode).toBe(404);

    // An edit started from version 1 after version 2 was saved would overwrite it: refused naming the version.
    const stale = await agent.put(`/api/checklists/${v1.id}`, { ...createBody(v1.name, fixed), baseVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain("第 2 版");

    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.targetId, v1.id)).orderBy(asc(auditLog.id));
    expect(audit.map((a) => [a.action, (a.detail as { newVersion?: boolean }).newVersion ?? null])).toEqual([
      ["checklist.create", null],
      ["checklist.update", false],
      ["checklist.update", true],
    ]);
  });

  it("refuses inconsistent content naming the field, and writes nothing", async () => {
    const { agent, area } = await countyAdmin();
    const name = `${area.county.name}错误检查表`;
    const noScore = { sections: [{ key: "a", title: "甲", items: [{ key: "x", text: "评分项", category: "fire", answerType: "score" }] }] };
    const refused = await agent.post("/api/checklists", { name, content: noScore });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ field: "content.sections.0.items.0.maxScore", message: "第 1 部分第 1 项分值：评分项须填写分值" });
    const duplicate = structuredClone(TEST_CHECKLIST);
    (duplicate.sections[1]?.items[0] as { key: string }).key = "exits";
    expect((await agent.post("/api/checklists", { name, content: duplicate })).json().error.message).toContain("编号：与第 1 部分第 1 项重复");
    const blank = await agent.post("/api/checklists", { name: " ", content: TEST_CHECKLIST });
    expect(blank.json().error.message).toContain("检查表名称");
    expect(await ctx.db.select().from(checklist).where(eq(checklist.name, name))).toEqual([]);
  });

  it("copies a shipped template into the authority's own, which it may then edit; names are unique per authority", async () => {
    const { agent } = await countyAdmin();
    const shipped = (await allOf(agent, "&owner=shipped")).find((c) => c.name === "托育机构消防安全") as ChecklistSummary;
    const copy = await agent.post(`/api/checklists/${shipped.id}/copy`, { name: "托育机构消防安全" });
    expect(copy.statusCode).toBe(201);
    expect(copy.json()).toMatchObject({ owner: "own", editable: true, currentVersion: 1, itemCount: shipped.itemCount });
    const twice = await agent.post(`/api/checklists/${shipped.id}/copy`, { name: "托育机构消防安全" });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ field: "name" });
  });

  it("archives and restores; an archived template cannot be edited until restored", async () => {
    const { agent, area } = await countyAdmin();
    const created = (await agent.post("/api/checklists", createBody(`${area.county.name}归档测试`))).json() as ChecklistDetail;
    expect((await agent.post(`/api/checklists/${created.id}/archive`)).json()).toMatchObject({ archived: true });
    expect((await agent.post(`/api/checklists/${created.id}/archive`)).statusCode).toBe(409);
    const edit = await agent.put(`/api/checklists/${created.id}`, { ...createBody(created.name), baseVersion: 1 });
    expect(edit.statusCode).toBe(409);
    expect((await allOf(agent, "&archived=true")).map((c) => c.id)).toContain(created.id);
    expect((await agent.post(`/api/checklists/${created.id}/restore`)).json()).toMatchObject({ archived: false });
  });
});

describe("who reads and who edits", () => {
  it("a county reads its own, its city's and the province's templates and the shipped ones, but edits only its own", async () => {
    const { agent, area } = await countyAdmin();
    const mine = await makeChecklistVersion(ctx.db, { authorityCode: area.county.code, name: "本县检查表" });
    const city = await makeChecklistVersion(ctx.db, { authorityCode: area.city.code, name: "本市检查表" });
    const province = await makeChecklistVersion(ctx.db, { authorityCode: "410000", name: "全省检查表" });
    const neighbour = await makeChecklistVersion(ctx.db, { authorityCode: area.neighbour.code, name: "邻县检查表" });
    const otherCity = await makeChecklistVersion(ctx.db, { authorityCode: area.otherCity.code, name: "外市检查表" });
    const ids = (await allOf(agent)).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([mine.checklist.id, city.checklist.id, province.checklist.id]));
    expect(ids).not.toContain(neighbour.checklist.id);
    expect(ids).not.toContain(otherCity.checklist.id);
    expect((await allOf(agent, "&owner=above")).map((c) => c.ownerName).sort()).toEqual([area.city.authorityName, "河南省卫生健康委员会"].sort());

    expect((await agent.get(`/api/checklists/${neighbour.checklist.id}`)).statusCode).toBe(404);
    expect((await agent.put(`/api/checklists/${neighbour.checklist.id}`, { ...createBody("x"), baseVersion: 1 })).statusCode).toBe(404);
    const cityEdit = await agent.put(`/api/checklists/${city.checklist.id}`, { ...createBody("x"), baseVersion: 1 });
    expect(cityEdit.statusCode).toBe(403);
    expect(cityEdit.json().error.message).toContain("上级部门的检查表不能修改");
    const shipped = (await allOf(agent, "&owner=shipped"))[0] as ChecklistSummary;
    expect((await agent.post(`/api/checklists/${shipped.id}/archive`)).statusCode).toBe(403);
    expect((await agent.put(`/api/checklists/${mine.checklist.id}`, { ...createBody("本县检查表"), baseVersion: 1 })).statusCode).toBe(200);

    // The city reads its own and not the county's.
    const cityAdmin = (await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.city.code })).agent;
    const cityIds = (await allOf(cityAdmin)).map((c) => c.id);
    expect(cityIds).toContain(city.checklist.id);
    expect(cityIds).not.toContain(mine.checklist.id);
  });

  it("an inspector reads but does not edit; an institution's users do not use the templates list", async () => {
    const area = newArea();
    const inspector = (await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code })).agent;
    expect((await inspector.get("/api/checklists")).statusCode).toBe(200);
    expect((await inspector.post("/api/checklists", createBody("检查员的检查表"))).statusCode).toBe(403);
    const hospital = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code });
    const institutionAdmin = (await signedIn(ctx, { role: "institution_admin", institution: hospital })).agent;
    expect((await institutionAdmin.get("/api/checklists")).statusCode).toBe(403);
  });

  it("an institution's self-inspection may take its county's and higher templates, not another county's", async () => {
    const area = newArea();
    const hospital = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code });
    const user = await makeUser(ctx.db, { role: "institution_admin", institution: hospital });
    const actor: Actor = {
      kind: "user",
      user: { ...user, role: "institution_admin", affiliationName: hospital.name },
      scope: { kind: "institution", institutionId: hospital.id, path: hospital.jurisdictionPath },
      ip: "test",
      trail: newAuditTrail(),
    };
    const county = await makeChecklistVersion(ctx.db, { authorityCode: area.county.code });
    const neighbour = await makeChecklistVersion(ctx.db, { authorityCode: area.neighbour.code });
    expect(await takeChecklistVersion(ctx.db, actor, county.version.id)).toMatchObject({ version: 1 });
    expect(await takeChecklistVersion(ctx.db, actor, neighbour.version.id)).toBeUndefined();
    const [untouched] = await ctx.db.select().from(checklistVersion).where(eq(checklistVersion.id, neighbour.version.id));
    expect(untouched?.firstUsedAt).toBeNull();
  });
});

async function workbook(rows: (string | number | null)[][], header = ["部分", "检查项", "检查依据", "隐患类别", "等级提示", "作答方式", "分值", "须拍照"]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("检查表");
  sheet.addRow(["某县医疗机构节前安全检查表"]);
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const upload = (agent: Agent, content: Buffer, fileName = "节前检查.xlsx") => {
  const { body, headers } = multipartFile("file", fileName, content);
  return agent.request("POST", "/api/checklists/imports", { body, headers });
};

describe("Excel import and export of a template", () => {
  it("names every bad row and imports nothing while one row is wrong; a good file becomes a new template", async () => {
    const { agent, area } = await countyAdmin();
    const bad = await workbook([
      ["消防安全", "安全出口畅通", "《消防法》第二十八条", "消防安全", "一般隐患", "符合/不符合/不适用", null, "是"],
      ["消防安全", "灭火器完好", null, "不存在的类别", null, null, null, null],
      ["用电安全", "无私拉乱接", null, "用电安全", "重大隐患", "评分", 5, null],
      ["用电安全", "配电间整洁", null, "用电安全", null, null, 3, "也许"],
      ["消防安全", "安全出口畅通", null, "消防安全", null, null, null, null],
    ]);
    const preview = (await upload(agent, bad)).json();
    expect(preview.importId).toBeNull();
    expect(preview.newRows).toBe(0);
    expect(preview.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [4, "category"],
      [5, "answerType"],
      [6, "photoRequired"],
      [6, "maxScore"],
      [7, "text"],
    ]);
    expect(preview.errors[0].message).toContain("不存在的类别");

    const good = await workbook([
      ["消防安全", "安全出口畅通", "《消防法》第二十八条", "消防安全", "一般隐患", "符合/不符合/不适用", null, "是"],
      ["用电安全", "无私拉乱接", null, "用电安全", "重大隐患", null, null, null],
      ["消防安全", "灭火器完好", null, "fire", null, null, null, "否"],
    ]);
    const ok = (await upload(agent, good)).json();
    expect(ok).toMatchObject({ headerRow: 2, totalRows: 3, newRows: 3, errors: [] });
    const name = `${area.county.name}导入检查表`;
    const confirmed = await agent.post(`/api/checklists/imports/${ok.importId}/confirm`, { updateExisting: false, name });
    expect(confirmed.statusCode).toBe(200);
    const { checklistId } = confirmed.json();
    const detail = (await agent.get(`/api/checklists/${checklistId}`)).json() as ChecklistDetail;
    expect(detail).toMatchObject({ name, owner: "own", itemCount: 3 });
    expect(detail.content.sections.map((s) => [s.title, s.items.map((i) => [i.key, i.text, i.category, i.gradeHint, i.photoRequired])])).toEqual([
      [
        "消防安全",
        [
          ["s1-1", "安全出口畅通", "fire", "general", true],
          ["s1-2", "灭火器完好", "fire", "general", false],
        ],
      ],
      ["用电安全", [["s2-1", "无私拉乱接", "electrical", "major", false]]],
    ]);
    expect((await agent.post(`/api/checklists/imports/${ok.importId}/confirm`, { updateExisting: false, name })).statusCode).toBe(409);
    const actions = await ctx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetPath, area.county.path));
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["checklist.import_preview", "checklist.import", "checklist.create"]));
  });

  it("exports a version in the import's columns, so the exported workbook imports again as the same content", async () => {
    const { agent } = await countyAdmin();
    const review = (await allOf(agent, "&scored=true")).find((c) => c.name === "健康促进医院评审") as ChecklistSummary;
    const exported = await agent.get(`/api/checklists/${review.id}/xlsx`);
    expect(exported.statusCode).toBe(200);
    expect(decodeURIComponent(exported.headers["content-disposition"] as string)).toContain("健康促进医院评审（第1版）.xlsx");
    const preview = (await upload(agent, exported.rawPayload, "健康促进医院评审.xlsx")).json();
    expect(preview).toMatchObject({ errors: [], newRows: 11 });
    const confirmed = (
      await agent.post(`/api/checklists/imports/${preview.importId}/confirm`, { updateExisting: false, name: "健康促进医院评审（导入）" })
    ).json();
    const imported = (await agent.get(`/api/checklists/${confirmed.checklistId}`)).json() as ChecklistDetail;
    const original = (await agent.get(`/api/checklists/${review.id}`)).json() as ChecklistDetail;
    const withoutKeys = (d: ChecklistDetail) => d.content.sections.map((s) => [s.title, s.items.map(({ key: _key, ...item }) => item)]);
    expect(withoutKeys(imported)).toEqual(withoutKeys(original));
    expect(imported).toMatchObject({ scored: true, maxScore: 100 });
  });

  it("exports the filtered list", async () => {
    const { agent } = await countyAdmin();
    const exported = await agent.get("/api/checklists/export?owner=shipped&sort=name");
    expect(exported.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]?.rowCount).toBe(1 + SHIPPED_CHECKLISTS.length);
  });
});

describe("Excel import of a template's next version", () => {
  const importOver = (agent: Agent, id: string, content: Buffer, fileName = "新版本.xlsx") => {
    const { body, headers } = multipartFile("file", fileName, content);
    return agent.request("POST", `/api/checklists/${id}/imports`, { body, headers });
  };
  const versionsOf = (checklistId: string) =>
    ctx.db.select().from(checklistVersion).where(eq(checklistVersion.checklistId, checklistId)).orderBy(asc(checklistVersion.version));
  /** TEST_CHECKLIST as exported, with its first item reworded and an item added to 用电安全. */
  const revisedRows = [
    ["消防安全", "安全出口、疏散通道保持畅通", "《消防法》第二十八条", "消防安全", "一般隐患", "符合/不符合/不适用", null, "否"],
    ["消防安全", "灭火器完好有效", "《消防法》第十六条", "消防安全", "一般隐患", "符合/不符合/不适用", null, "是"],
    ["用电安全", "无私拉乱接电线", null, "用电安全", null, null, null, null],
    ["用电安全", "插座无过载", null, "用电安全", "一般隐患", null, null, null],
  ];

  it("makes the next version of a used template, which keeps its content, the kept items keeping their keys; audited as an edit", async () => {
    const { agent, area } = await countyAdmin();
    const { checklist: template, version } = await makeChecklistVersion(ctx.db, { authorityCode: area.county.code, name: `${area.county.name}导入新版本` });
    await takeChecklistVersion(ctx.db, systemActor("inspection"), version.id);
    const preview = await importOver(agent, template.id, await workbook(revisedRows));
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ totalRows: 4, newRows: 4, errors: [] });
    const confirmed = await agent.post(`/api/checklists/${template.id}/imports/confirm`, { importId: preview.json().importId, baseVersion: 1 });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toEqual({ created: 4, updated: 0, version: 2, newVersion: true });

    const [v1, v2] = await versionsOf(template.id);
    expect(v1?.content).toEqual(TEST_CHECKLIST);
    const content = v2?.content as ChecklistContent;
    expect(content.sections.map((s) => [s.key, s.title, s.items.map((i) => [i.key, i.text])])).toEqual([
      [
        "fire",
        "消防安全",
        [
          [expect.stringMatching(/^i[0-9a-z]{6}$/), "安全出口、疏散通道保持畅通"],
          ["extinguishers", "灭火器完好有效"],
        ],
      ],
      [
        "power",
        "用电安全",
        [
          ["wiring", "无私拉乱接电线"],
          [expect.stringMatching(/^i[0-9a-z]{6}$/), "插座无过载"],
        ],
      ],
    ]);
    const detail = (await agent.get(`/api/checklists/${template.id}`)).json() as ChecklistDetail;
    expect(detail).toMatchObject({ currentVersion: 2, itemCount: 4, name: template.name });

    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.targetId, template.id));
    expect(audit.map((a) => [a.action, a.detail])).toEqual([
      ["checklist.update", expect.objectContaining({ version: 2, newVersion: true, imported: true, itemCount: 4, changes: { itemCount: { from: 3, to: 4 } } })],
    ]);
    const batchAudit = await ctx.db.select().from(auditLog).where(eq(auditLog.targetId, preview.json().importId));
    expect(batchAudit.map((a) => a.action).sort()).toEqual(["checklist.import", "checklist.import_preview"]);
    // The batch is spent; confirming it again, or over another template, finds nothing to confirm.
    expect((await agent.post(`/api/checklists/${template.id}/imports/confirm`, { importId: preview.json().importId, baseVersion: 2 })).statusCode).toBe(409);
  });

  it("corrects an unused version in place; a file the same as the current version is refused, changing and recording nothing", async () => {
    const { agent, area } = await countyAdmin();
    const created = (await agent.post("/api/checklists", createBody(`${area.county.name}未使用检查表`))).json() as ChecklistDetail;
    const exported = await agent.get(`/api/checklists/${created.id}/xlsx`);
    const same = (await importOver(agent, created.id, exported.rawPayload)).json();
    const unchanged = await agent.post(`/api/checklists/${created.id}/imports/confirm`, { importId: same.importId, baseVersion: 1 });
    expect(unchanged.statusCode).toBe(409);
    expect(unchanged.json().error).toMatchObject({ field: "file", message: "文件：内容与当前第 1 版相同，无需导入" });
    expect((await versionsOf(created.id))[0]?.content).toEqual(TEST_CHECKLIST);
    const [batch] = await ctx.db.select().from(dataImport).where(eq(dataImport.id, same.importId));
    expect(batch?.status).toBe("pending");
    expect((await ctx.db.select().from(auditLog).where(eq(auditLog.targetId, created.id))).map((a) => a.action)).toEqual(["checklist.create"]);

    const preview = (await importOver(agent, created.id, await workbook(revisedRows))).json();
    const confirmed = await agent.post(`/api/checklists/${created.id}/imports/confirm`, { importId: preview.importId, baseVersion: 1 });
    expect(confirmed.json()).toEqual({ created: 4, updated: 0, version: 1, newVersion: false });
    const versions = await versionsOf(created.id);
    expect(versions).toHaveLength(1);
    expect((versions[0]?.content as ChecklistContent | undefined)?.sections[1]?.items.map((i) => i.text)).toEqual(["无私拉乱接电线", "插座无过载"]);
  });

  it("refuses every row while one is wrong, naming row and field; a stale base version is refused naming the current one", async () => {
    const { agent, area } = await countyAdmin();
    const { checklist: template } = await makeChecklistVersion(ctx.db, { authorityCode: area.county.code });
    const bad = await importOver(
      agent,
      template.id,
      await workbook([
        ["消防安全", "安全出口畅通", null, "消防安全", null, null, null, null],
        ["消防安全", "灭火器完好", null, "不存在的类别", null, null, null, null],
        ["用电安全", "", null, "用电安全", null, null, null, null],
      ]),
    );
    expect(bad.json()).toMatchObject({ importId: null, newRows: 0 });
    expect(bad.json().errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [4, "category"],
      [5, "text"],
    ]);
    expect(bad.json().errors[0].message).toContain("隐患类别「不存在的类别」");

    const good = (await importOver(agent, template.id, await workbook(revisedRows))).json();
    const stale = await agent.post(`/api/checklists/${template.id}/imports/confirm`, { importId: good.importId, baseVersion: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ field: "baseVersion" });
    expect(stale.json().error.message).toContain("第 1 版");
    const notXlsx = await importOver(agent, template.id, Buffer.from("a,b"), "表.csv");
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().error).toMatchObject({ field: "file" });
    expect(await versionsOf(template.id)).toEqual([expect.objectContaining({ version: 1, content: TEST_CHECKLIST })]);
    // The batch previewed for this template is not confirmed over another one.
    const { checklist: other } = await makeChecklistVersion(ctx.db, { authorityCode: area.county.code });
    const elsewhere = await agent.post(`/api/checklists/${other.id}/imports/confirm`, { importId: good.importId, baseVersion: 1 });
    expect(elsewhere.statusCode).toBe(404);
    expect(await versionsOf(other.id)).toEqual([expect.objectContaining({ version: 1, content: TEST_CHECKLIST })]);
  });

  it("refuses shipped, higher and other counties' templates as an edit does, and an inspector", async () => {
    const { agent, area } = await countyAdmin();
    const file = await workbook(revisedRows);
    const shipped = (await allOf(agent, "&owner=shipped"))[0] as ChecklistSummary;
    const city = await makeChecklistVersion(ctx.db, { authorityCode: area.city.code });
    const neighbour = await makeChecklistVersion(ctx.db, { authorityCode: area.neighbour.code });
    const refusedShipped = await importOver(agent, shipped.id, file);
    expect(refusedShipped.statusCode).toBe(403);
    expect(refusedShipped.json().error.message).toContain("系统内置的检查表不能修改");
    expect((await importOver(agent, city.checklist.id, file)).statusCode).toBe(403);
    expect((await importOver(agent, neighbour.checklist.id, file)).statusCode).toBe(404);

    // A batch of the neighbour's own administrator, confirmed by this county over the neighbour's template.
    const neighbourAdmin = (await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.neighbour.code })).agent;
    const theirs = (await importOver(neighbourAdmin, neighbour.checklist.id, file)).json();
    expect(theirs.importId).toEqual(expect.any(String));
    const crossing = await agent.post(`/api/checklists/${neighbour.checklist.id}/imports/confirm`, { importId: theirs.importId, baseVersion: 1 });
    expect(crossing.statusCode).toBe(404);
    expect(crossing.body).not.toContain(neighbour.checklist.name);
    const onShipped = await agent.post(`/api/checklists/${shipped.id}/imports/confirm`, { importId: theirs.importId, baseVersion: 1 });
    expect(onShipped.statusCode).toBe(403);
    expect(await versionsOf(neighbour.checklist.id)).toHaveLength(1);

    const inspector = (await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code })).agent;
    const own = await makeChecklistVersion(ctx.db, { authorityCode: area.county.code });
    expect((await importOver(inspector, own.checklist.id, file)).statusCode).toBe(403);
  });
});

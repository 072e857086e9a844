import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { auditLog, campaign, campaignAssignment, checklist, checklistVersion, hazard, inspection, institution } from "../../../db/schema";
import { type Area, areaPicker, directory, makeChecklistVersion, makeHazard, makeInstitution, PROVINCE, setUpTestApp, signedIn } from "../../../test/harness";
import type { Actor } from "../../platform/access";
import { fixedClock } from "../../platform/clock";
import { markAssignmentInspected } from "./change-assignment";
import { makeDueFollowUpLists } from "./follow-up";
import { campaignDetail, findCampaign, listAssignments, listCampaigns } from "./queries";
import { insertDrawnAssignments, scopeInstitutions } from "./scope-rule";

// 2026-05-10 10:00 in China: the second quarter (April–June), its 回头看 in June.
const ctx = setUpTestApp({ clock: fixedClock("2026-05-10T02:00:00Z") });
const newArea = areaPicker();

type Made = Awaited<ReturnType<typeof makeInstitution>>;

/** A county with institutions of every grade, one 省直, one deregistered, and the county's and city's administrators. */
async function county(area: Area) {
  const at = (grade: string, overrides: Record<string, unknown> = {}) =>
    makeInstitution(ctx.db, {
      jurisdictionCode: area.county.code,
      grade: grade as "grade1",
      name: `${area.county.name}${grade}医院${randomUUID().slice(0, 4)}`,
      ...overrides,
    });
  const grade1 = await at("grade1");
  const grade1b = await at("grade1", { type: "township_health_center", ownership: "private" });
  const grade2 = await at("grade2");
  const grade3 = await at("grade3");
  const direct = await at("grade2", { provincialDirect: true });
  const ungraded = await at("ungraded", { type: "village_clinic" });
  const closed = await at("grade1");
  await ctx.db.update(institution).set({ status: "deregistered", closedOn: "2026-01-01", closureReason: "注销" }).where(eq(institution.id, closed.id));
  const neighbour1 = await makeInstitution(ctx.db, { jurisdictionCode: area.neighbour.code, grade: "grade1" });
  const countyAdmin = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
  const neighbourAdmin = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.neighbour.code });
  const cityAdmin = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.city.code });
  const { version } = await makeChecklistVersion(ctx.db);
  return { grade1, grade1b, grade2, grade3, direct, ungraded, closed, neighbour1, countyAdmin, neighbourAdmin, cityAdmin, checklist: version };
}

const plan = (checklistId: string, overrides: Record<string, unknown> = {}) => ({
  name: `专项检查${randomUUID().slice(0, 6)}`,
  kind: "special",
  periodStart: "2026-05-01",
  periodEnd: "2026-05-31",
  checklistVersionIds: [checklistId],
  scope: { kind: "coverage" },
  ...overrides,
});

const assignedIds = async (campaignId: string) =>
  (await ctx.db.select({ id: campaignAssignment.institutionId }).from(campaignAssignment).where(eq(campaignAssignment.campaignId, campaignId)))
    .map((r) => r.id)
    .sort();
const sorted = (...rows: { id: string }[]) => rows.map((r) => r.id).sort();

/** A supervision inspection (or self-inspection) written straight into the table, as the inspections area records one. */
async function recordInspection(at: {
  institution: Made;
  campaignId?: string;
  inspectedOn: string;
  kind?: "supervision" | "self";
  by: { id: string };
  checklistId: string;
}) {
  const id = randomUUID();
  const kind = at.kind ?? "supervision";
  await ctx.db.insert(inspection).values({
    id,
    kind,
    campaignId: at.campaignId ?? null,
    institutionId: at.institution.id,
    jurisdictionPath: at.institution.jurisdictionPath,
    authorityCode: kind === "self" ? null : at.institution.jurisdictionCode,
    checklistVersionId: at.checklistId,
    inspectedOn: at.inspectedOn,
    inspectors: [],
    answers: {},
    submittedBy: at.by.id,
  });
  if (at.campaignId)
    expect(await markAssignmentInspected(ctx.db, { campaignId: at.campaignId, institutionId: at.institution.id, inspectionId: id })).toBe(true);
  return id;
}

describe("planning a campaign with each kind of scope", () => {
  it("covers by default a county's 一级 institutions on the register, one 未检查 assignment each for the period, and audits it", async () => {
    const area = newArea();
    const c = await county(area);
    const response = await c.countyAdmin.agent.post("/api/campaigns", plan(c.checklist.id));
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({ kind: "special", authorityName: area.county.authorityName, phase: "ongoing", unannounced: false, followUp: null });
    expect(created.progress).toEqual({ total: 2, pending: 2, inspected: 0, notApplicable: 0 });
    expect(created.scopeLines).toEqual(["全覆盖默认范围：一级机构"]);
    expect(created.checklists).toEqual([expect.objectContaining({ versionId: c.checklist.id, version: 1 })]);
    expect(await assignedIds(created.id)).toEqual(sorted(c.grade1, c.grade1b));
    const [one] = await ctx.db.select().from(campaignAssignment).where(eq(campaignAssignment.campaignId, created.id)).limit(1);
    expect(one).toMatchObject({ windowStart: "2026-05-01", windowEnd: "2026-05-31", state: "pending", jurisdictionPath: area.county.path });
    const [audit] = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "campaign.create"), eq(auditLog.targetId, created.id)));
    expect(audit?.detail).toMatchObject({ assignments: 2, followUpId: null });
  });

  it("covers by default a city's 二级 institutions in all its counties", async () => {
    const area = newArea();
    const c = await county(area);
    const response = await c.cityAdmin.agent.post(
      "/api/campaigns",
      plan(c.checklist.id, { scope: { kind: "coverage", jurisdictionCodes: [area.county.code] } }),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(await assignedIds(response.json().id)).toEqual(sorted(c.grade2, c.direct));
  });

  it("covers by default the province's 省直 and 三级 institutions, whatever their county", async () => {
    const area = newArea();
    const c = await county(area);
    const provinceAdmin = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: PROVINCE });
    const response = await provinceAdmin.agent.post("/api/campaigns", plan(c.checklist.id));
    expect(response.statusCode, response.body).toBe(201);
    const ids = await assignedIds(response.json().id);
    expect(ids).toEqual(expect.arrayContaining(sorted(c.grade3, c.direct)));
    for (const left of [c.grade1, c.grade2, c.ungraded, c.neighbour1]) expect(ids).not.toContain(left.id);
    expect(response.json().scopeLines).toEqual(["全覆盖默认范围：省直、三级机构"]);
  });

  it("filters by jurisdiction, type, grade, ownership and 省直", async () => {
    const area = newArea();
    const c = await county(area);
    const filtered = async (scope: Record<string, unknown>) => {
      const response = await c.cityAdmin.agent.post(
        "/api/campaigns",
        plan(c.checklist.id, { scope: { kind: "filter", jurisdictionCodes: [area.county.code], ...scope } }),
      );
      expect(response.statusCode, response.body).toBe(201);
      return assignedIds(response.json().id);
    };
    expect(await filtered({ types: ["village_clinic"] })).toEqual(sorted(c.ungraded));
    expect(await filtered({ grades: ["grade1"], ownership: "private" })).toEqual(sorted(c.grade1b));
    expect(await filtered({ provincialDirect: true })).toEqual(sorted(c.direct));
    expect(await filtered({})).toEqual(sorted(c.grade1, c.grade1b, c.grade2, c.grade3, c.direct, c.ungraded));
  });

  it("takes a list of institutions, and refuses one outside the authority's jurisdiction instead of dropping it", async () => {
    const area = newArea();
    const c = await county(area);
    const listed = await c.countyAdmin.agent.post(
      "/api/campaigns",
      plan(c.checklist.id, { scope: { kind: "list", institutionIds: [c.grade2.id, c.ungraded.id] } }),
    );
    expect(listed.statusCode, listed.body).toBe(201);
    expect(await assignedIds(listed.json().id)).toEqual(sorted(c.grade2, c.ungraded));
    const foreign = await c.countyAdmin.agent.post(
      "/api/campaigns",
      plan(c.checklist.id, { scope: { kind: "list", institutionIds: [c.grade2.id, c.neighbour1.id] } }),
    );
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toMatch(/^机构名单：1 家机构/);
    const closed = await c.countyAdmin.agent.post("/api/campaigns", plan(c.checklist.id, { scope: { kind: "list", institutionIds: [c.closed.id] } }));
    expect(closed.statusCode).toBe(400);
  });

  it("plans with the checklist versions the checklists area lets the authority read: offered, taken and frozen; another county's and an archived one refused", async () => {
    const area = newArea();
    const c = await county(area);
    const { version: own } = await makeChecklistVersion(ctx.db, { authorityCode: area.county.code });
    const { version: neighbours } = await makeChecklistVersion(ctx.db, { authorityCode: area.neighbour.code });
    const { checklist: archivedTemplate, version: archived } = await makeChecklistVersion(ctx.db, { authorityCode: area.county.code });
    await ctx.db.update(checklist).set({ archived: true }).where(eq(checklist.id, archivedTemplate.id));
    const options = (await c.countyAdmin.agent.get("/api/campaigns/checklist-options")).json().map((o: { versionId: string }) => o.versionId);
    expect(options).toEqual(expect.arrayContaining([own.id, c.checklist.id]));
    expect(options).not.toContain(neighbours.id);
    expect(options).not.toContain(archived.id);
    for (const versionId of [neighbours.id, archived.id]) {
      const refused = await c.countyAdmin.agent.post("/api/campaigns", plan(versionId));
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.field).toBe("checklistVersionIds");
    }
    const planned = await c.countyAdmin.agent.post("/api/campaigns", plan(own.id));
    expect(planned.statusCode, planned.body).toBe(201);
    const [taken] = await ctx.db.select().from(checklistVersion).where(eq(checklistVersion.id, own.id));
    expect(taken?.firstUsedAt).not.toBeNull();
    const [untouched] = await ctx.db.select().from(checklistVersion).where(eq(checklistVersion.id, neighbours.id));
    expect(untouched?.firstUsedAt).toBeNull();
  });

  it("makes no assignment for a draw until the draw gives its institutions, and offers the scope as the pool", async () => {
    const area = newArea();
    const c = await county(area);
    const response = await c.countyAdmin.agent.post("/api/campaigns", plan(c.checklist.id, { selection: "draw", scope: { kind: "filter" } }));
    expect(response.statusCode, response.body).toBe(201);
    const id = response.json().id;
    expect(await assignedIds(id)).toEqual([]);
    const [row] = await ctx.db.select().from(campaign).where(eq(campaign.id, id));
    if (!row) throw new Error("no campaign");
    const pool = await scopeInstitutions(ctx.db, directory, row);
    expect(pool.map((one) => one.id)).toEqual(sorted(c.grade1, c.grade1b, c.grade2, c.grade3, c.direct, c.ungraded));
    // Only institutions of the scope are taken from a draw's result.
    expect(await insertDrawnAssignments(ctx.db, directory, row, [c.grade2.id, c.neighbour1.id])).toBe(1);
    expect(await assignedIds(id)).toEqual(sorted(c.grade2));
  });

  it("creates a campaign's assignments in one set-based statement however many institutions its scope holds", async () => {
    const area = newArea();
    const c = await county(area);
    // 5,000 village clinics in the neighbouring county, written by one INSERT … SELECT.
    const neighbourPath = directory.get(area.neighbour.code)?.path ?? "";
    await ctx.db.execute(sql`
      insert into institution (name, credit_code, credit_code_checksum_ok, type, ownership, grade, jurisdiction_code, jurisdiction_path)
      select '批量村卫生室' || n, '92' || ${area.neighbour.code} || lpad(n::text, 10, '0'), false, 'village_clinic', 'public', 'ungraded', ${area.neighbour.code}, ${neighbourPath}
      from generate_series(1, 5000) as n`);
    const response = await c.cityAdmin.agent.post(
      "/api/campaigns",
      plan(c.checklist.id, { scope: { kind: "filter", jurisdictionCodes: [area.neighbour.code], types: ["village_clinic"] } }),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().progress.total).toBe(5000);
    expect((await assignedIds(response.json().id)).length).toBe(5000);
  });
});

describe("bad input", () => {
  it("refuses each bad field with a Chinese message naming it, and writes nothing", async () => {
    const area = newArea();
    const c = await county(area);
    const foreignChecklist = await makeChecklistVersion(ctx.db, { authorityCode: area.neighbour.code });
    const cases: [Record<string, unknown>, string][] = [
      [{ periodEnd: "2026-04-30" }, "结束日期：不能早于开始日期"],
      [{ kind: "quarterly", periodStart: "2026-04-01", periodEnd: "2026-06-10" }, "结束日期：季度督导检查应在 2026-06-01 之前结束"],
      [{ kind: "quarterly", periodStart: "2026-05-01", periodEnd: "2026-07-10" }, "结束日期：季度督导检查应在2026年第二季度内"],
      [{ checklistVersionIds: [foreignChecklist.version.id] }, "检查表：不存在或本部门不能使用"],
      [{ checklistVersionIds: [] }, "检查表："],
      [{ scope: { kind: "coverage", jurisdictionCodes: [area.neighbour.code] } }, "行政区划："],
      [{ windowStart: "2026-04-20" }, "检查窗口开始：应在检查期间内"],
      [{ name: "  " }, "检查工作名称：不能为空"],
      [{ kind: "follow_up" }, "检查类型："],
      [{ selection: "some" }, "检查对象产生方式："],
    ];
    const before = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(campaign);
    for (const [overrides, message] of cases) {
      const response = await c.countyAdmin.agent.post("/api/campaigns", plan(c.checklist.id, overrides));
      expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(response.json().error.message, JSON.stringify(overrides)).toContain(message);
    }
    expect(await ctx.db.select({ n: sql<number>`count(*)::int` }).from(campaign)).toEqual(before);
  });
});

describe("the quarterly cadence and its 回头看", () => {
  it("schedules the 回头看 in the quarter's third month and makes its list from the first round's hazards", async () => {
    const area = newArea();
    const c = await county(area);
    const response = await c.countyAdmin.agent.post(
      "/api/campaigns",
      plan(c.checklist.id, { kind: "quarterly", periodStart: "2026-04-01", periodEnd: "2026-04-30", unannounced: true }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const first = response.json();
    expect(first.followUp).toMatchObject({ periodStart: "2026-06-01", periodEnd: "2026-06-30", listMadeAt: null, assignments: 0 });
    const followUpId = first.followUp.id;
    const [followUpRow] = await ctx.db.select().from(campaign).where(eq(campaign.id, followUpId));
    expect(followUpRow).toMatchObject({ kind: "follow_up", followUpOf: first.id, unannounced: true });

    // The first round: both 一级 hospitals inspected; hazards found at one of them only.
    const inspector = c.countyAdmin.user;
    const atFirst = await recordInspection({
      institution: c.grade1,
      campaignId: first.id,
      inspectedOn: "2026-04-10",
      by: inspector,
      checklistId: c.checklist.id,
    });
    await recordInspection({ institution: c.grade1b, campaignId: first.id, inspectedOn: "2026-04-11", by: inspector, checklistId: c.checklist.id });
    const found = await makeHazard(ctx.db, { institution: { ...c.grade1, jurisdictionCode: area.county.code }, recordedBy: inspector });
    await ctx.db.update(hazard).set({ source: "inspection", sourceId: atFirst }).where(eq(hazard.id, found.id));
    // A hazard of another campaign's inspection does not bring its institution in.
    const elsewhere = await recordInspection({ institution: c.grade2, inspectedOn: "2026-04-12", by: inspector, checklistId: c.checklist.id });
    const other = await makeHazard(ctx.db, { institution: { ...c.grade2, jurisdictionCode: area.county.code }, recordedBy: inspector });
    await ctx.db.update(hazard).set({ source: "inspection", sourceId: elsewhere }).where(eq(hazard.id, other.id));

    const made = await c.countyAdmin.agent.post(`/api/campaigns/${followUpId}/follow-up-list`);
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json()).toMatchObject({ kind: "follow_up", firstRound: { id: first.id }, scopeLines: ["第一轮检查中发现隐患的机构"] });
    expect(made.json().listMadeAt).not.toBeNull();
    expect(await assignedIds(followUpId)).toEqual(sorted(c.grade1));
    const [assignment] = await ctx.db.select().from(campaignAssignment).where(eq(campaignAssignment.campaignId, followUpId));
    expect(assignment).toMatchObject({ windowStart: "2026-06-01", windowEnd: "2026-06-30", state: "pending" });
    // The first round is not a 回头看: it has no list to make.
    expect((await c.countyAdmin.agent.post(`/api/campaigns/${first.id}/follow-up-list`)).statusCode).toBe(409);
  });

  it("makes the lists of 回头看 whose first round has ended, once, in the nightly job", async () => {
    const area = newArea();
    const c = await county(area);
    const response = await c.countyAdmin.agent.post(
      "/api/campaigns",
      plan(c.checklist.id, { kind: "quarterly", periodStart: "2026-04-01", periodEnd: "2026-04-30" }),
    );
    const first = response.json();
    const atFirst = await recordInspection({
      institution: c.grade1b,
      campaignId: first.id,
      inspectedOn: "2026-04-10",
      by: c.countyAdmin.user,
      checklistId: c.checklist.id,
    });
    const found = await makeHazard(ctx.db, { institution: { ...c.grade1b, jurisdictionCode: area.county.code }, recordedBy: c.countyAdmin.user });
    await ctx.db.update(hazard).set({ source: "inspection", sourceId: atFirst }).where(eq(hazard.id, found.id));
    // Not yet: the first round ends on 04-30.
    await makeDueFollowUpLists(ctx.db, "2026-04-30");
    expect(await assignedIds(first.followUp.id)).toEqual([]);
    await makeDueFollowUpLists(ctx.db, "2026-05-01");
    expect(await assignedIds(first.followUp.id)).toEqual(sorted(c.grade1b));
    const audits = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "campaign.follow_up_list"), eq(auditLog.targetId, first.followUp.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.actorUsername).toBe("system:follow-up-lists");
  });
});

describe("changing assignments", () => {
  it("marks 不适用 with a required reason, back to 未检查, moves a window within the period, refuses an inspected one with 409, and audits each", async () => {
    const area = newArea();
    const c = await county(area);
    const created = (await c.countyAdmin.agent.post("/api/campaigns", plan(c.checklist.id))).json();
    const url = `/api/campaigns/${created.id}/assignment-state`;
    const noReason = await c.countyAdmin.agent.put(url, { institutionId: c.grade1.id, state: "not_applicable" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toBe("不适用原因：不能为空");
    const marked = await c.countyAdmin.agent.put(url, { institutionId: c.grade1.id, state: "not_applicable", reason: "停业装修" });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toMatchObject({ state: "not_applicable", notApplicableReason: "停业装修" });
    expect((await c.countyAdmin.agent.put(url, { institutionId: c.grade1.id, state: "pending" })).json()).toMatchObject({
      state: "pending",
      notApplicableReason: null,
    });

    const window = `/api/campaigns/${created.id}/assignment-window`;
    const moved = await c.countyAdmin.agent.put(window, { institutionId: c.grade1.id, windowStart: "2026-05-10", windowEnd: "2026-05-20" });
    expect(moved.json()).toMatchObject({ windowStart: "2026-05-10", windowEnd: "2026-05-20" });
    const outside = await c.countyAdmin.agent.put(window, { institutionId: c.grade1.id, windowStart: "2026-05-10", windowEnd: "2026-06-20" });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toMatch(/^检查窗口结束：/);

    await recordInspection({ institution: c.grade1b, campaignId: created.id, inspectedOn: "2026-05-09", by: c.countyAdmin.user, checklistId: c.checklist.id });
    const inspected = await c.countyAdmin.agent.put(url, { institutionId: c.grade1b.id, state: "not_applicable", reason: "重复" });
    expect(inspected.statusCode).toBe(409);
    expect(inspected.json().error.message).toContain("当前状态为“已检查”");

    // The city above watches but does not change a county's campaign; another county does not even see it.
    expect((await c.cityAdmin.agent.put(url, { institutionId: c.grade1.id, state: "not_applicable", reason: "x" })).statusCode).toBe(403);
    expect((await c.neighbourAdmin.agent.put(url, { institutionId: c.grade1.id, state: "not_applicable", reason: "x" })).statusCode).toBe(404);

    const sysadmin = await signedIn(ctx, { role: "system_admin" });
    const described = (await sysadmin.agent.get("/api/audit?action=campaign.assignment_state&pageSize=100")).json().items;
    expect(described.find((entry: { targetId: string }) => entry.targetId === created.id)?.summary).toEqual([
      `机构：${c.grade1.name}`,
      "检查状态：不适用 → 未检查",
    ]);
    const actions = (await ctx.db.select().from(auditLog).where(eq(auditLog.targetId, created.id))).map((a) => `${a.action}:${a.result}`);
    expect(actions.filter((a) => a === "campaign.assignment_state:success")).toHaveLength(2);
    expect(actions).toContain("campaign.assignment_window:success");
  });
});

describe("who sees a campaign", () => {
  it("shows a county's campaign to the county and the authorities above it, never to another county", async () => {
    const area = newArea();
    const c = await county(area);
    const created = (await c.countyAdmin.agent.post("/api/campaigns", plan(c.checklist.id))).json();
    for (const agent of [c.countyAdmin.agent, c.cityAdmin.agent]) {
      expect((await agent.get(`/api/campaigns/${created.id}`)).statusCode).toBe(200);
      expect((await agent.get(`/api/campaigns?name=${encodeURIComponent(created.name)}`)).json().total).toBe(1);
      expect((await agent.get(`/api/campaigns/${created.id}/assignments`)).json().total).toBe(2);
    }
    const neighbour = c.neighbourAdmin.agent;
    expect((await neighbour.get(`/api/campaigns/${created.id}`)).statusCode).toBe(404);
    expect((await neighbour.get(`/api/campaigns/${created.id}/assignments`)).statusCode).toBe(404);
    expect((await neighbour.get(`/api/campaigns/${created.id}/assignments/export`)).statusCode).toBe(404);
    expect((await neighbour.get(`/api/campaigns?name=${encodeURIComponent(created.name)}`)).json().total).toBe(0);
    const exported = await neighbour.get("/api/campaigns/export");
    expect(exported.body).not.toContain(created.name);
  });

  it("lists and exports a campaign's assignments filtered by jurisdiction, state and institution name", async () => {
    const area = newArea();
    const c = await county(area);
    const created = (
      await c.cityAdmin.agent.post("/api/campaigns", plan(c.checklist.id, { scope: { kind: "filter", jurisdictionCodes: [area.county.code] } }))
    ).json();
    await c.cityAdmin.agent.put(`/api/campaigns/${created.id}/assignment-state`, { institutionId: c.ungraded.id, state: "not_applicable", reason: "撤并" });
    const list = (query: string) => c.cityAdmin.agent.get(`/api/campaigns/${created.id}/assignments?${query}`);
    expect((await list("state=not_applicable")).json().items.map((a: { id: string }) => a.id)).toEqual([c.ungraded.id]);
    expect((await list(`q=${encodeURIComponent(c.grade3.name)}`)).json().items).toEqual([
      expect.objectContaining({ institutionName: c.grade3.name, state: "pending" }),
    ]);
    expect((await list(`jurisdictionCode=${area.county.code}&sort=state`)).json().total).toBe(6);
    expect((await list(`jurisdictionCode=${area.neighbour.code}`)).json().total).toBe(0);
    const exported = await c.cityAdmin.agent.get(`/api/campaigns/${created.id}/assignments/export?state=pending`);
    expect(exported.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]?.rowCount).toBe(1 + 5);
  });
});

describe("四不两直: an institution sees nothing of an unannounced campaign before its inspection is recorded", () => {
  it("hides it from the institution through every route and every campaign query, and shows an announced one's name and window", async () => {
    const area = newArea();
    const c = await county(area);
    const secret = (
      await c.countyAdmin.agent.post("/api/campaigns", plan(c.checklist.id, { name: `暗访${randomUUID().slice(0, 6)}`, unannounced: true }))
    ).json();
    const open = (await c.countyAdmin.agent.post("/api/campaigns", plan(c.checklist.id, { name: `明查${randomUUID().slice(0, 6)}` }))).json();
    const hospital = await signedIn(ctx, { role: "institution_admin", institution: c.grade1 });
    const staff = await signedIn(ctx, { role: "institution_staff", institution: c.grade1 });
    const scope = { kind: "institution" as const, institutionId: c.grade1.id, path: c.grade1.jurisdictionPath };
    const actor = {
      kind: "user",
      user: { ...hospital.user, affiliationName: null },
      scope,
      ip: "test",
      trail: { written: false, failureWritten: false },
    } as Actor;

    const routes = [
      "/api/campaigns",
      "/api/campaigns/export",
      `/api/campaigns/${secret.id}`,
      `/api/campaigns/${secret.id}/assignments`,
      `/api/campaigns/${secret.id}/assignments/export`,
      "/api/coverage",
      "/api/coverage/gaps",
      "/api/coverage/gaps/export",
      "/api/campaigns/checklist-options",
    ];
    const seen = async () => {
      const texts: string[] = [];
      for (const agent of [hospital.agent, staff.agent]) {
        for (const route of routes) {
          const response = await agent.get(route);
          expect(response.statusCode, route).toBe(403);
          texts.push(response.body);
        }
        texts.push((await agent.get("/api/my-assignments")).body);
      }
      return texts.join("\n");
    };

    let shown = await seen();
    expect(shown).not.toContain(secret.name);
    expect(shown).not.toContain(secret.id);
    const mine = (await hospital.agent.get("/api/my-assignments")).json();
    expect(mine.items).toEqual([
      expect.objectContaining({ campaignName: open.name, windowStart: "2026-05-01", windowEnd: "2026-05-31", state: "pending", inspectionId: null }),
    ]);
    // The queries themselves, should an institution ever reach them.
    expect((await listCampaigns(ctx.db, directory, scope, { page: 1, pageSize: 100 }, "2026-05-10")).items.map((i) => i.id)).toEqual([open.id]);
    expect(await findCampaign(ctx.db, scope, secret.id)).toBeUndefined();
    expect((await listAssignments(ctx.db, directory, scope, secret.id, { page: 1, pageSize: 100 })).total).toBe(0);
    const openRow = await findCampaign(ctx.db, scope, open.id);
    if (!openRow) throw new Error("the announced campaign is hidden");
    const openDetail = await campaignDetail({ db: ctx.db, directory }, actor, openRow, "2026-05-10");
    expect(openDetail.coverage.total.total).toBe(1);

    // Once its inspection is recorded, the institution sees it — its own assignment only.
    const recorded = await recordInspection({
      institution: c.grade1,
      campaignId: secret.id,
      inspectedOn: "2026-05-09",
      by: c.countyAdmin.user,
      checklistId: c.checklist.id,
    });
    shown = await seen();
    expect(shown).toContain(secret.name);
    // The row names the inspection, which the institution opens from its 检查安排.
    const done = (await hospital.agent.get("/api/my-assignments")).json().items.find((one: { id: string }) => one.id === secret.id);
    expect(done).toMatchObject({ state: "inspected", inspectionId: recorded });
    expect((await hospital.agent.get(`/api/inspections/${recorded}`)).statusCode).toBe(200);
    expect((await listAssignments(ctx.db, directory, scope, secret.id, { page: 1, pageSize: 100 })).items.map((a) => a.id)).toEqual([c.grade1.id]);
    // Its colleague in the same campaign, not yet inspected, still sees nothing of it.
    const other = await signedIn(ctx, { role: "institution_admin", institution: c.grade1b });
    expect((await other.agent.get("/api/my-assignments")).body).not.toContain(secret.name);
  });
});

describe("coverage", () => {
  it("counts a county's duty, what was inspected this quarter and this year, and lists and exports the gaps", async () => {
    const area = newArea();
    const c = await county(area);
    const by = c.countyAdmin.user;
    // 一级: grade1 inspected this quarter; grade1b only in January (this year), and self-inspected this quarter.
    await recordInspection({ institution: c.grade1, inspectedOn: "2026-04-15", by, checklistId: c.checklist.id });
    await recordInspection({ institution: c.grade1b, inspectedOn: "2026-01-15", by, checklistId: c.checklist.id });
    await recordInspection({ institution: c.grade1b, inspectedOn: "2026-05-01", kind: "self", by, checklistId: c.checklist.id });
    const ledger = (await c.countyAdmin.agent.get("/api/coverage")).json();
    expect(ledger).toMatchObject({
      jurisdictionCode: area.county.code,
      quarter: { label: "2026年第二季度", start: "2026-04-01", end: "2026-06-30" },
      dutyLabel: "一级机构",
      total: { duty: 2, inspectedQuarter: 1, inspectedYear: 2, notInspectedQuarter: 1 },
    });
    expect(ledger.rows).toEqual([expect.objectContaining({ code: area.county.code, duty: 2 })]);

    const gaps = (await c.countyAdmin.agent.get("/api/coverage/gaps")).json();
    expect(gaps.items).toEqual([expect.objectContaining({ id: c.grade1b.id, lastInspectedOn: "2026-01-15" })]);

    // The city: 二级 and 一级 of its counties, a line per county; the 省直 二级 counts once.
    await recordInspection({ institution: c.grade2, inspectedOn: "2026-05-02", by, checklistId: c.checklist.id });
    const city = (await c.cityAdmin.agent.get("/api/coverage")).json();
    const line = city.rows.find((row: { code: string }) => row.code === area.county.code);
    expect(line).toMatchObject({ duty: 4, inspectedQuarter: 2, inspectedYear: 3, notInspectedQuarter: 2 });
    expect(city.rows.length).toBe(directory.children(area.city.code).length);
    const cityGaps = (await c.cityAdmin.agent.get(`/api/coverage/gaps?jurisdictionCode=${area.county.code}&sort=grade`)).json();
    expect(cityGaps.items.map((g: { id: string }) => g.id)).toEqual([c.direct.id, c.grade1b.id]);
    const exported = await c.cityAdmin.agent.get(`/api/coverage/gaps/export?jurisdictionCode=${area.county.code}&sort=grade`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]?.rowCount).toBe(1 + 2);
    expect(book.worksheets[0]?.getRow(2).getCell(6).value).toBe("从未");

    // Another county's ledger is out of reach.
    expect((await c.neighbourAdmin.agent.get(`/api/coverage?jurisdictionCode=${area.county.code}`)).statusCode).toBe(404);
  });

  it("shows a campaign's own coverage by jurisdiction: in scope, inspected, not yet and 不适用", async () => {
    const area = newArea();
    const c = await county(area);
    const created = (
      await c.cityAdmin.agent.post(
        "/api/campaigns",
        plan(c.checklist.id, { scope: { kind: "filter", grades: ["grade1"], jurisdictionCodes: [area.county.code, area.neighbour.code] } }),
      )
    ).json();
    await recordInspection({ institution: c.grade1, campaignId: created.id, inspectedOn: "2026-05-05", by: c.cityAdmin.user, checklistId: c.checklist.id });
    await c.cityAdmin.agent.put(`/api/campaigns/${created.id}/assignment-state`, { institutionId: c.grade1b.id, state: "not_applicable", reason: "撤并" });
    const detail = (await c.cityAdmin.agent.get(`/api/campaigns/${created.id}`)).json();
    const line = detail.coverage.rows.find((row: { code: string }) => row.code === area.county.code);
    expect(line).toEqual({ code: area.county.code, name: area.county.name, total: 2, inspected: 1, pending: 0, notApplicable: 1 });
    const neighbourLine = detail.coverage.rows.find((row: { code: string }) => row.code === area.neighbour.code);
    expect(neighbourLine).toMatchObject({ total: 1, pending: 1 });
  });
});

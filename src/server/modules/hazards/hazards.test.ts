import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, hazard } from "../../../db/schema";
import { type Agent, areaPicker, hazardCommand, hazardRecordBody, makeInspectedInstitution, makeInstitution, setUpTestApp } from "../../../test/harness";
import { fixedClock } from "../../platform/clock";

// 2026-06-10 09:00 in China.
const ctx = setUpTestApp({ clock: fixedClock("2026-06-10T01:00:00Z") });
const newArea = areaPicker();

const PLAN = { measures: "更换配电柜", funds: "12 万元", deadline: "2026-07-31", responsiblePerson: "王科长", interimMeasures: "停用三楼配电间" };

describe("recording a hazard", () => {
  it("numbers it for the recording authority and year, and writes its first event and audit record with it", async () => {
    const area = newArea();
    const { hospital, inspector } = await makeInspectedInstitution(ctx, area);
    const response = await inspector.post("/api/hazards", hazardRecordBody(hospital.id));
    expect(response.statusCode).toBe(201);
    const recorded = response.json();
    const shortName = area.county.name.replace(/(县|市|区)$/, "");
    expect(recorded.number).toMatch(new RegExp(`^(${shortName}|${area.county.name})隐患〔2026〕0001$`));
    expect(recorded).toMatchObject({ state: "pending", overdue: false, round: 0, version: 1, institutionName: hospital.name });
    expect(recorded.events).toMatchObject([{ kind: "record", round: 0 }]);
    const audit = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "hazard.record"), eq(auditLog.targetId, recorded.id)));
    expect(audit).toHaveLength(1);
    expect((await inspector.post("/api/hazards", hazardRecordBody(hospital.id))).json().number).toMatch(/〔2026〕0002$/);
  });

  it("gives 20 concurrent recorders 20 numbers, without gaps or duplicates", async () => {
    const area = newArea();
    const { hospital, inspector } = await makeInspectedInstitution(ctx, area);
    const responses = await Promise.all(Array.from({ length: 20 }, () => inspector.post("/api/hazards", hazardRecordBody(hospital.id))));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const serials = responses.map((r) => Number(r.json().number.slice(-4))).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("refuses, naming the field: a major hazard without its plan, a deadline before the day found, another county's institution", async () => {
    const area = newArea();
    const { hospital, inspector } = await makeInspectedInstitution(ctx, area);
    const elsewhere = await makeInstitution(ctx.db, { jurisdictionCode: area.neighbour.code });
    const refusal = async (payload: unknown) => (await inspector.post("/api/hazards", payload)).json().error;
    expect(await refusal(hazardRecordBody(hospital.id, { grade: "major" }))).toMatchObject({ field: "majorPlan" });
    expect(await refusal(hazardRecordBody(hospital.id, { deadline: "2026-05-01" }))).toMatchObject({ field: "deadline" });
    expect(await refusal(hazardRecordBody(hospital.id, { foundOn: "2026-06-11" }))).toMatchObject({ field: "foundOn" });
    expect(await refusal(hazardRecordBody(elsewhere.id))).toMatchObject({ field: "institutionId", message: "被检查机构：不存在或不在管辖范围内" });
    expect((await inspector.post("/api/hazards", hazardRecordBody(hospital.id, { grade: "major", majorPlan: PLAN }))).statusCode).toBe(201);
    expect(await ctx.db.select().from(hazard).where(eq(hazard.institutionId, elsewhere.id))).toEqual([]);
  });

  it("is the authority's to record, not the institution's", async () => {
    const { hospital, institution } = await makeInspectedInstitution(ctx, newArea());
    expect((await institution.post("/api/hazards", hazardRecordBody(hospital.id))).statusCode).toBe(403);
  });
});

describe("the closed loop", () => {
  it("runs 待整改 → 整改中 → 待复查 → 退回 → 待复查 → 已销号, each step on the timeline with its round", async () => {
    const { hospital, inspector, institution } = await makeInspectedInstitution(ctx, newArea());
    const { id } = (await inspector.post("/api/hazards", hazardRecordBody(hospital.id))).json();
    let version = 1;
    const step = async (agent: Agent, payload: Record<string, unknown>) => {
      const response = await hazardCommand(agent, id, version, payload);
      expect(response.statusCode, response.body).toBe(200);
      version = response.json().version;
      return response.json();
    };
    await step(institution, { kind: "start" });
    await step(institution, { kind: "submit", actionsTaken: "已清理配电柜前杂物", noPhotoReason: "现场照片随后补传" });
    await step(inspector, { kind: "return", reason: "柜门仍被货架挡住" });
    await step(institution, { kind: "submit", actionsTaken: "已移走货架", noPhotoReason: "现场照片随后补传" });
    const closed = await step(inspector, {
      kind: "verify",
      verifiers: "李明",
      verifiedOn: "2026-06-10",
      opinion: "整改到位",
      noPhotoReason: "复查时拍照设备故障",
    });
    expect(closed).toMatchObject({ state: "closed", round: 2, version: 6 });
    expect(closed.events.map((e: { kind: string; round: number }) => `${e.kind}:${e.round}`)).toEqual([
      "record:0",
      "start:0",
      "submit:1",
      "return:1",
      "submit:2",
      "verify:2",
    ]);
    expect(closed.events[3]).toMatchObject({ reason: "柜门仍被货架挡住", changed: { state: { from: "awaiting_review", to: "rectifying" } } });
    const trail = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "hazard.command"), eq(auditLog.targetId, id)));
    expect(trail).toHaveLength(5);
  });

  it("answers 409 naming the state for a command the state forbids, and for an edit made on an older version", async () => {
    const { hospital, inspector, institution } = await makeInspectedInstitution(ctx, newArea());
    const { id } = (await inspector.post("/api/hazards", hazardRecordBody(hospital.id))).json();
    const refused = await hazardCommand(inspector, id, 1, { kind: "verify", verifiers: "李明", verifiedOn: "2026-06-10", opinion: "好", noPhotoReason: "无" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe("隐患当前状态为「待整改」，不能复查销号");
    expect((await hazardCommand(institution, id, 1, { kind: "start" })).statusCode).toBe(200);
    const stale = await hazardCommand(institution, id, 1, { kind: "submit", actionsTaken: "已整改", noPhotoReason: "无" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.field).toBe("version");
    const [row] = await ctx.db.select().from(hazard).where(eq(hazard.id, id));
    expect(row).toMatchObject({ state: "rectifying", version: 2 });
  });

  it("keeps each side to its commands: the institution cannot verify, the authority cannot submit", async () => {
    const { hospital, inspector, institution } = await makeInspectedInstitution(ctx, newArea());
    const { id } = (await inspector.post("/api/hazards", hazardRecordBody(hospital.id))).json();
    expect((await hazardCommand(inspector, id, 1, { kind: "submit", actionsTaken: "代为整改", noPhotoReason: "无" })).statusCode).toBe(403);
    expect((await hazardCommand(institution, id, 1, { kind: "void", reason: "不认可" })).statusCode).toBe(403);
  });

  it("moves the deadline on an approved extension; shows a hazard past its deadline as overdue", async () => {
    const { hospital, inspector, institution } = await makeInspectedInstitution(ctx, newArea());
    const late = (await inspector.post("/api/hazards", hazardRecordBody(hospital.id, { foundOn: "2026-06-01", deadline: "2026-06-09" }))).json();
    expect(late.overdue).toBe(true);
    const asked = await hazardCommand(institution, late.id, 1, { kind: "request_extension", requestedDeadline: "2026-06-20", reason: "配件未到" });
    expect(asked.json().pendingExtension).toEqual({ requestedDeadline: "2026-06-20", reason: "配件未到", requestedOn: "2026-06-10" });
    const approved = (await hazardCommand(inspector, late.id, 2, { kind: "approve_extension" })).json();
    expect(approved).toMatchObject({ deadline: "2026-06-20", pendingExtension: null, overdue: false });
    const list = (await institution.get("/api/hazards")).json();
    expect(list.items.map((h: { id: string }) => h.id)).toContain(late.id);
  });

  it("filters the ledger to overdue hazards the way each hazard reads: by today's date in China", async () => {
    const { hospital, inspector } = await makeInspectedInstitution(ctx, newArea());
    const late = (await inspector.post("/api/hazards", hazardRecordBody(hospital.id, { deadline: "2026-06-09" }))).json();
    const due = (await inspector.post("/api/hazards", hazardRecordBody(hospital.id, { deadline: "2026-06-10" }))).json();
    const onSpot = (await inspector.post("/api/hazards", hazardRecordBody(hospital.id, { handling: "on_the_spot", deadline: null }))).json();
    const ids = async (query: string) =>
      (await inspector.get(`/api/hazards?institutionId=${hospital.id}&${query}`)).json().items.map((h: { id: string }) => h.id);
    expect(await ids("overdue=true")).toEqual([late.id]);
    // Found the same day: the ledger's order (found date, newest first) leaves them in id order.
    expect((await ids("overdue=false")).sort()).toEqual([onSpot.id, due.id].sort());
    const submitted = await hazardCommand(inspector, late.id, 1, { kind: "void", reason: "重复录入" });
    expect(submitted.json()).toMatchObject({ state: "voided", overdue: false });
    expect(await ids("overdue=true")).toEqual([]);
  });
});

describe("the institution's to-do order (sort=urgency)", () => {
  it("puts overdue hazards first, then its own open ones by deadline (none last), then those awaiting review, then the finished", async () => {
    const { hospital, inspector, institution } = await makeInspectedInstitution(ctx, newArea());
    const record = async (overrides: Record<string, unknown>) => (await inspector.post("/api/hazards", hazardRecordBody(hospital.id, overrides))).json();
    const voided = await record({ handling: "on_the_spot", deadline: null });
    await hazardCommand(inspector, voided.id, 1, { kind: "void", reason: "重复录入" });
    const later = await record({ deadline: "2026-06-30" });
    const onSpot = await record({ handling: "on_the_spot", deadline: null });
    const lateLess = await record({ deadline: "2026-06-09" });
    const sooner = await record({ deadline: "2026-06-15" });
    const submitted = await record({ deadline: "2026-06-12" });
    await hazardCommand(institution, submitted.id, 1, { kind: "submit", actionsTaken: "已整改", noPhotoReason: "照片随后补传" });
    const lateMore = await record({ foundOn: "2026-05-01", deadline: "2026-05-20" });
    const order = async (query: string) => (await institution.get(`/api/hazards?${query}`)).json().items.map((h: { id: string }) => h.id);
    expect(await order("sort=urgency")).toEqual([lateMore.id, lateLess.id, sooner.id, later.id, onSpot.id, submitted.id, voided.id]);
    // Filters still apply, and the default stays the most recently found first.
    expect(await order("sort=urgency&overdue=true")).toEqual([lateMore.id, lateLess.id]);
    expect((await order("")).at(-1)).toBe(lateMore.id);
    expect((await institution.get("/api/hazards?sort=recordedAt")).statusCode).toBe(400);
  });
});

describe("a rectification's cost", () => {
  it("is kept on the timeline with what was done, and may be left out", async () => {
    const { hospital, inspector, institution } = await makeInspectedInstitution(ctx, newArea());
    const { id } = (await inspector.post("/api/hazards", hazardRecordBody(hospital.id))).json();
    const submitted = await hazardCommand(institution, id, 1, { kind: "submit", actionsTaken: "更换插座", cost: "约 300 元", noPhotoReason: "照片随后补传" });
    expect(submitted.json().events[1]).toMatchObject({ kind: "submit", details: { actionsTaken: "更换插座", cost: "约 300 元" } });
    const returned = await hazardCommand(inspector, id, 2, { kind: "return", reason: "未见更换记录" });
    const again = await hazardCommand(institution, id, returned.json().version, { kind: "submit", actionsTaken: "补充记录", noPhotoReason: "照片随后补传" });
    expect(again.json().events[3].details).toEqual({ actionsTaken: "补充记录", noPhotoReason: "照片随后补传" });
  });
});

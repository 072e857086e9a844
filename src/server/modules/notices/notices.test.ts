import { randomBytes } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { auditLog, authoritySetting, hazardEvent, notice } from "../../../db/schema";
import { defaultPrefixes } from "../../../domain/document-numbers";
import { Agent, type Area, areaPicker, makeHazard, makeInspectedInstitution, makeInstitution, setUpTestApp, signedIn } from "../../../test/harness";
import { fixedClock } from "../../platform/clock";
import { editableValues } from "../institutions/save-institution";

// 2026-06-10 09:00 in China.
const ctx = setUpTestApp({ clock: fixedClock("2026-06-10T01:00:00Z") });
const newArea = areaPicker();

/** A county with a hospital, its inspector and the hospital's administrator, and `count` open hazards of the hospital. */
async function county(area: Area, count = 2) {
  const { hospital, inspector, inspectorUser, institution } = await makeInspectedInstitution(ctx, area, {
    name: `${area.county.name}通知书测试医院`,
    address: `${area.county.name}人民路 1 号`,
    contactPhone: "0371-12345678",
  });
  const owner = { ...hospital, jurisdictionCode: area.county.code };
  const hazards = await Promise.all(Array.from({ length: count }, () => makeHazard(ctx.db, { institution: owner, recordedBy: inspectorUser })));
  return { hospital, owner, inspector, inspectorUser, institution, hazards };
}

const rectification = (hazardIds: string[], overrides: Record<string, unknown> = {}) => ({ kind: "rectification", hazardIds, ...overrides });
const opinion = (hazardIds: string[], overrides: Record<string, unknown> = {}) => ({
  kind: "supervision_opinion",
  hazardIds,
  legalRepresentative: "王院长",
  opinion: "经检查，你单位配电间配电柜前堆放纸箱等可燃物。",
  basis: "《机关、团体、企业、事业单位消防安全管理规定》第二十一条",
  ...overrides,
});

const prefixOf = (area: Area) => defaultPrefixes(area.county.name).notice;

describe("issuing a notice", () => {
  it("numbers it for the issuing authority and year, lists the hazards, and writes an event on each and one audit record", async () => {
    const area = newArea();
    const { hospital, inspector, hazards } = await county(area);
    const response = await inspector.post("/api/notices", rectification(hazards.map((h) => h.id)));
    expect(response.statusCode, response.body).toBe(201);
    const issued = response.json();
    expect(issued).toMatchObject({
      number: `${prefixOf(area)}〔2026〕第0001号`,
      kind: "rectification",
      institutionName: hospital.name,
      authorityName: area.county.authorityName,
      issuedOn: "2026-06-10",
      hazardCount: 2,
      deadline: "2026-06-30",
      acknowledgedAt: null,
    });
    expect(issued.content).toMatchObject({ title: "整改通知书", addressee: hospital.name, copies: [], party: null });
    expect(issued.content.hazards.map((h: { number: string }) => h.number).sort()).toEqual(hazards.map((h) => h.number).sort());
    expect(issued.content.paragraphs.join("")).toContain("2026年6月30日前完成全部整改");

    const [stored] = await ctx.db.select().from(notice).where(eq(notice.id, issued.id));
    // 128 random bits in base64url, unrelated to the id and the number.
    expect(stored?.verifyCode).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(issued.verifyPath).toBe(`/verify/${stored?.verifyCode}`);

    const events = await ctx.db
      .select()
      .from(hazardEvent)
      .where(
        and(
          inArray(
            hazardEvent.hazardId,
            hazards.map((h) => h.id),
          ),
          eq(hazardEvent.kind, "notice"),
        ),
      );
    expect(events).toHaveLength(2);
    expect(events[0]?.details).toMatchObject({ noticeId: issued.id, number: issued.number });
    const audit = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "notice.issue"), eq(auditLog.targetId, issued.id)));
    expect(audit).toHaveLength(1);
    expect((await inspector.post("/api/notices", rectification([hazards[0]?.id as string]))).json().number).toBe(`${prefixOf(area)}〔2026〕第0002号`);
  });

  it("takes the authority's own prefix when it has set one", async () => {
    const area = newArea();
    const { inspector, hazards } = await county(area, 1);
    await ctx.db.insert(authoritySetting).values({ authorityCode: area.county.code, noticePrefix: "测卫整改" });
    const response = await inspector.post("/api/notices", rectification([hazards[0]?.id as string]));
    expect(response.json().number).toBe("测卫整改〔2026〕第0001号");
  });

  it("gives 20 concurrent issuers 20 numbers, without gaps or duplicates", async () => {
    const area = newArea();
    const { inspector, hazards } = await county(area, 20);
    const responses = await Promise.all(hazards.map((h) => inspector.post("/api/notices", rectification([h.id]))));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const serials = responses.map((r) => Number(/第(\d+)号$/.exec(r.json().number)?.[1])).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("refuses, naming the field, and writes nothing: another institution's or county's hazard, a closed one, a repeat, a past deadline, an incomplete opinion", async () => {
    const area = newArea();
    const { owner, inspector, inspectorUser, hazards, hospital } = await county(area);
    const [first, second] = hazards.map((h) => h.id) as [string, string];
    const sibling = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code });
    const siblingHazard = await makeHazard(ctx.db, { institution: { ...sibling, jurisdictionCode: area.county.code }, recordedBy: inspectorUser });
    const elsewhere = await makeInstitution(ctx.db, { jurisdictionCode: area.neighbour.code });
    const elsewhereHazard = await makeHazard(ctx.db, { institution: { ...elsewhere, jurisdictionCode: area.neighbour.code }, recordedBy: inspectorUser });
    const closedHazard = await makeHazard(ctx.db, { institution: owner, recordedBy: inspectorUser }, { state: "closed" });

    const refusal = async (payload: unknown) => {
      const response = await inspector.post("/api/notices", payload);
      return { status: response.statusCode, ...response.json().error };
    };
    expect(await refusal(rectification([first, siblingHazard.id]))).toMatchObject({
      status: 400,
      field: "hazardIds",
      message: "隐患：一份文书只能列入同一机构的隐患",
    });
    expect(await refusal(rectification([first, elsewhereHazard.id]))).toMatchObject({
      status: 400,
      field: "hazardIds",
      message: "隐患：有 1 项不存在或不在管辖范围内",
    });
    expect(await refusal(rectification([closedHazard.id]))).toMatchObject({ status: 409, field: "hazardIds" });
    expect((await refusal(rectification([closedHazard.id]))).message).toContain("当前状态为「已销号」");
    expect(await refusal(rectification([first, first]))).toMatchObject({ status: 400, field: "hazardIds" });
    expect(await refusal(rectification([]))).toMatchObject({ status: 400, field: "hazardIds" });
    expect(await refusal(rectification([first], { deadline: "2026-06-09" }))).toMatchObject({
      status: 400,
      field: "deadline",
      message: "整改期限：不能早于签发日期",
    });
    expect(await refusal(opinion([first], { legalRepresentative: "" }))).toMatchObject({ status: 400, field: "legalRepresentative" });
    expect(await refusal(opinion([first], { opinion: " " }))).toMatchObject({ status: 400, field: "opinion" });
    // The test hazards cite no basis, so the opinion must give one.
    expect(await refusal(opinion([first, second], { basis: "" }))).toMatchObject({ status: 400, field: "basis" });
    expect(await refusal({ kind: "notice", hazardIds: [first] })).toMatchObject({ status: 400, field: "kind" });
    expect(await ctx.db.select().from(notice).where(eq(notice.institutionId, hospital.id))).toEqual([]);
    expect(
      await ctx.db
        .select()
        .from(hazardEvent)
        .where(and(eq(hazardEvent.hazardId, first), eq(hazardEvent.kind, "notice"))),
    ).toEqual([]);
  });

  it("is the authority's to issue, not the institution's", async () => {
    const { institution, hazards } = await county(newArea(), 1);
    expect((await institution.post("/api/notices", rectification([hazards[0]?.id as string]))).statusCode).toBe(403);
  });

  it("prints a 卫生监督意见书 with the party's details and two copies, in a PDF with a Chinese font subset", async () => {
    const area = newArea();
    const { hospital, inspector, hazards } = await county(area, 1);
    const issued = (await inspector.post("/api/notices", opinion([hazards[0]?.id as string], { deadline: "2026-07-15" }))).json();
    expect(issued.content).toMatchObject({
      title: "卫生监督意见书",
      party: { name: hospital.name, legalRepresentative: "王院长", address: hospital.address, phone: "0371-12345678" },
      deadline: "2026-07-15",
      copies: ["第一联 监督机构存档", "第二联 交被监督单位"],
    });
    expect(issued.content.paragraphs.at(-1)).toContain("依据《机关、团体、企业、事业单位消防安全管理规定》第二十一条，责令你单位于2026年7月15日前");

    const pdf = await inspector.get(`/api/notices/${issued.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(decodeURIComponent(String(pdf.headers["content-disposition"]))).toContain(`卫生监督意见书-${issued.number}.pdf`);
    const bytes = pdf.rawPayload;
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    // The 8 MB font is embedded as a subset of the glyphs used: the whole notice stays small.
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const text = bytes.toString("latin1");
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(2);
  });
});

describe("acknowledging a notice (签收)", () => {
  it("records the time and the user once; a second 签收 is 409 saying when; the authority sees it", async () => {
    const area = newArea();
    const { inspector, institution, hazards } = await county(area);
    const issued = (await inspector.post("/api/notices", rectification(hazards.map((h) => h.id)))).json();
    expect((await inspector.post(`/api/notices/${issued.id}/acknowledge`)).statusCode).toBe(403);

    const acknowledged = await institution.post(`/api/notices/${issued.id}/acknowledge`);
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    expect(acknowledged.json()).toMatchObject({ acknowledgedAt: "2026-06-10T01:00:00.000Z" });
    expect(acknowledged.json().acknowledgedByName).toMatch(/^测试用户/);

    const again = await institution.post(`/api/notices/${issued.id}/acknowledge`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/^该文书已于 2026-06-10 09:00 由测试用户\w+签收，不能重复签收$/);

    const seen = (await inspector.get(`/api/notices?acknowledged=true`)).json();
    expect(seen.items).toMatchObject([{ id: issued.id, acknowledgedAt: "2026-06-10T01:00:00.000Z" }]);
    expect((await inspector.get(`/api/notices?acknowledged=false`)).json().items).toEqual([]);
    const events = await ctx.db.select().from(hazardEvent).where(eq(hazardEvent.kind, "notice_acknowledged"));
    expect(events.filter((e) => hazards.some((h) => h.id === e.hazardId))).toHaveLength(2);
    const audit = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "notice.acknowledge"), eq(auditLog.targetId, issued.id)));
    expect(audit).toHaveLength(1);
  });
});

describe("scope", () => {
  it("another county's authority and another institution get 404 on detail, PDF and 签收, and see it in no list or export", async () => {
    const area = newArea();
    const { inspector, hazards } = await county(area, 1);
    const issued = (await inspector.post("/api/notices", rectification([hazards[0]?.id as string]))).json();
    const neighbourInspector = (await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.neighbour.code })).agent;
    const otherHospital = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code });
    const otherInstitution = (await signedIn(ctx, { role: "institution_admin", institution: otherHospital })).agent;
    const city = (await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.city.code })).agent;

    for (const outsider of [neighbourInspector, otherInstitution]) {
      expect((await outsider.get(`/api/notices/${issued.id}`)).statusCode).toBe(404);
      expect((await outsider.get(`/api/notices/${issued.id}/pdf`)).statusCode).toBe(404);
      expect((await outsider.get(`/api/notices?number=${encodeURIComponent(issued.number)}`)).json().items).toEqual([]);
      const exported = await outsider.get(`/api/notices/export`);
      expect(exported.statusCode).toBe(200);
      expect(await workbookText(exported.rawPayload)).not.toContain(issued.number);
    }
    expect((await otherInstitution.post(`/api/notices/${issued.id}/acknowledge`)).statusCode).toBe(404);
    expect(await ctx.db.select({ at: notice.acknowledgedAt }).from(notice).where(eq(notice.id, issued.id))).toEqual([{ at: null }]);
    // The city above sees its county's notices.
    expect((await city.get(`/api/notices/${issued.id}`)).statusCode).toBe(200);
    expect(await workbookText((await city.get(`/api/notices/export`)).rawPayload)).toContain(issued.number);
  });
});

describe("a notice follows its institution (ADR 7)", () => {
  it("moves to the new county's authority when the institution moves there", async () => {
    const area = newArea();
    const { hospital, inspector, hazards } = await county(area, 1);
    const issued = (await inspector.post("/api/notices", rectification([hazards[0]?.id as string]))).json();
    const city = (await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.city.code })).agent;
    const moved = await city.put(`/api/institutions/${hospital.id}`, { ...editableValues(hospital), jurisdictionCode: area.neighbour.code });
    expect(moved.statusCode, moved.body).toBe(200);
    const neighbour = (await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.neighbour.code })).agent;
    expect((await neighbour.get(`/api/notices/${issued.id}`)).statusCode).toBe(200);
    expect((await inspector.get(`/api/notices/${issued.id}`)).statusCode).toBe(404);
  });
});

async function workbookText(bytes: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  for (const sheet of book.worksheets) sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
  return cells.join("\n");
}

describe("the list", () => {
  it("filters by number, kind, institution, 签收 and issue date, sorts and pages", async () => {
    const area = newArea();
    const { hospital, inspector, hazards } = await county(area, 3);
    const [a, b, c] = hazards.map((h) => h.id) as [string, string, string];
    const first = (await inspector.post("/api/notices", rectification([a]))).json();
    const second = (await inspector.post("/api/notices", opinion([b]))).json();
    const third = (await inspector.post("/api/notices", rectification([c]))).json();
    const numbers = async (query: string) => (await inspector.get(`/api/notices?${query}`)).json().items.map((n: { number: string }) => n.number);
    expect(await numbers("")).toEqual([third.number, second.number, first.number]);
    expect(await numbers("sort=number&order=asc")).toEqual([first.number, second.number, third.number]);
    expect(await numbers(`number=${encodeURIComponent("第0002")}`)).toEqual([second.number]);
    expect(await numbers("kind=supervision_opinion")).toEqual([second.number]);
    expect(await numbers(`institutionId=${hospital.id}&pageSize=2&page=2`)).toEqual([first.number]);
    expect(await numbers("issuedFrom=2026-06-10&issuedTo=2026-06-10")).toHaveLength(3);
    expect(await numbers("issuedFrom=2026-06-11")).toEqual([]);
    const refused = await inspector.get("/api/notices?issuedFrom=昨天");
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ field: "issuedFrom" });
    expect(refused.json().error.message).toMatch(/^签发日期起：/);
  });
});

describe("public verification", () => {
  it("answers without a login with only genuine, number, authority, date and institution; a guessed code is 404", async () => {
    const area = newArea();
    const { hospital, inspector, hazards } = await county(area, 1);
    const issued = (await inspector.post("/api/notices", rectification([hazards[0]?.id as string]))).json();
    const code = String(issued.verifyPath).split("/").at(-1) as string;
    const anonymous = new Agent(ctx.app);
    const answer = await anonymous.get(`/api/public/notices/${code}`);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      genuine: true,
      number: issued.number,
      authorityName: area.county.authorityName,
      issuedOn: "2026-06-10",
      institutionName: hospital.name,
    });
    for (const guess of [randomBytes(16).toString("base64url"), issued.id, encodeURIComponent(issued.number), code.toLowerCase()]) {
      const refused = await anonymous.get(`/api/public/notices/${guess}`);
      expect(refused.statusCode, guess).toBe(404);
      expect(refused.json().error.message).toBe("未找到该文书，可能不是本系统出具。请核对二维码或向签发机关核实。");
    }
  });
});

import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { attachment, auditLog, campaign, campaignAssignment, checklist, checklistVersion, hazard, hazardEvent, inspection } from "../../../db/schema";
import { type Agent, type Area, areaPicker, makeCampaign, makeChecklistVersion, makeInstitution, setUpTestApp, signedIn } from "../../../test/harness";
import { testPhoto, uploadTestFile, uploadTestPhoto } from "../../../test/photos";
import { fixedClock } from "../../platform/clock";

// 2026-06-10 09:00 in China.
const ctx = setUpTestApp({ clock: fixedClock("2026-06-10T01:00:00Z") });
const newArea = areaPicker();

let colour = 0;
const nextColour = () => `#${(0x200000 + colour++ * 7919).toString(16).slice(-6)}`;
const photo = (agent: Agent, name = "现场.jpg") => uploadTestPhoto(agent, name, { colour: nextColour() });

/** A county with a hospital, its inspector, the hospital's administrator, a checklist and a campaign over the hospital. */
async function county(area: Area = newArea(), options: { kind?: "quarterly" | "follow_up" | "self"; followUpOf?: string } = {}) {
  const hospital = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, name: `${area.county.name}检查测试医院` });
  const inspector = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code });
  const institutionAdmin = await signedIn(ctx, { role: "institution_admin", institution: hospital });
  const { version } = await makeChecklistVersion(ctx.db, { authorityCode: area.county.code });
  const planned = await makeCampaign(ctx.db, {
    authorityCode: area.county.code,
    institutions: [hospital],
    kind: options.kind,
    checklistVersionIds: [version.id],
  });
  return { area, hospital, inspector: inspector.agent, inspectorUser: inspector.user, institution: institutionAdmin.agent, version, campaign: planned };
}

type County = Awaited<ReturnType<typeof county>>;

/** A full submit of the test checklist: one 不符合 (wiring, grade hint major → edited to general) with its hazard, the photo-required item photographed. */
async function submitBody(c: County, agent: Agent, overrides: Record<string, unknown> = {}) {
  const extinguisherPhoto = await photo(agent, "灭火器.jpg");
  const wiringPhoto = await photo(agent, "电线.jpg");
  const signature = await uploadTestFile(agent, "签名.png", await testPhoto({ format: "png", width: 300, height: 120, colour: nextColour() }));
  return {
    id: randomUUID(),
    campaignId: c.campaign.id,
    institutionId: c.hospital.id,
    checklistVersionId: c.version.id,
    inspectedOn: "2026-06-09",
    startedAt: "2026-06-09T09:00:00+08:00",
    finishedAt: "2026-06-09T11:30:00+08:00",
    place: "门诊楼、配电间",
    inspectors: [
      { name: "李明", unit: "卫生健康委" },
      { name: "张强", unit: "安全专家" },
    ],
    answers: [
      { itemKey: "exits", result: "compliant", note: "", photoIds: [] },
      { itemKey: "extinguishers", result: "compliant", note: "压力正常", photoIds: [extinguisherPhoto] },
      { itemKey: "wiring", result: "non_compliant", note: "配电间私拉电线", photoIds: [wiringPhoto] },
    ],
    remarks: "总体较好",
    onSiteOpinions: "立即拆除私拉电线",
    representativeName: "王院长",
    acknowledgedAt: "2026-06-09T11:35:00+08:00",
    signatureId: signature.json().id,
    hazards: [
      {
        id: randomUUID(),
        itemKey: "wiring",
        place: "门诊楼配电间",
        category: "electrical",
        description: "配电间私拉电线",
        basis: "GB 50054",
        grade: "general",
        handling: "by_deadline",
        deadline: "2026-06-30",
        responsiblePerson: "后勤科长",
        photoIds: [wiringPhoto],
      },
    ],
    ...overrides,
  };
}

const inspectionsOf = (institutionId: string) => ctx.db.select().from(inspection).where(eq(inspection.institutionId, institutionId));
const hazardsOf = (institutionId: string) => ctx.db.select().from(hazard).where(eq(hazard.institutionId, institutionId));
const assignmentOf = async (campaignId: string, institutionId: string) =>
  (
    await ctx.db
      .select()
      .from(campaignAssignment)
      .where(and(eq(campaignAssignment.campaignId, campaignId), eq(campaignAssignment.institutionId, institutionId)))
  )[0];

describe("submitting an inspection", () => {
  it("creates the inspection, its hazard, the photo bindings, the assignment's state and the version's first use in one go", async () => {
    const c = await county();
    const body = await submitBody(c, c.inspector);
    const response = await c.inspector.post("/api/inspections", body);
    expect(response.statusCode, response.body).toBe(201);
    const detail = response.json();
    expect(detail).toMatchObject({
      id: body.id,
      kind: "supervision",
      nonCompliantCount: 1,
      hazardCount: 1,
      inspectorNames: "李明、张强",
      representativeName: "王院长",
    });
    expect(detail.signature).toMatchObject({ purpose: "signature", mediaType: "image/png" });
    const wiring = detail.sections[1].items[0];
    expect(wiring).toMatchObject({ key: "wiring", result: "non_compliant", note: "配电间私拉电线" });
    expect(wiring.photos.map((p: { id: string }) => p.id)).toEqual(body.answers[2]?.photoIds);

    const [recorded] = await hazardsOf(c.hospital.id);
    expect(recorded).toMatchObject({
      id: body.hazards[0]?.id,
      source: "inspection",
      sourceId: body.id,
      sourceItemKey: "wiring",
      foundOn: "2026-06-09",
      finders: "李明、张强",
      grade: "general",
      state: "pending",
    });
    expect(detail.hazards).toEqual([expect.objectContaining({ id: recorded?.id, number: recorded?.number, itemKey: "wiring" })]);
    // The item's photo is the inspection's, and a copy of it is the hazard's 现场照片.
    const hazardPage = (await c.inspector.get(`/api/hazards/${recorded?.id}`)).json();
    expect(hazardPage.photos).toHaveLength(1);
    expect(hazardPage.photos[0]).toMatchObject({ purpose: "before", fileName: "电线.jpg" });
    expect((await c.inspector.get(`/api/files/${hazardPage.photos[0].id}`)).statusCode).toBe(200);

    expect(await assignmentOf(c.campaign.id, c.hospital.id)).toMatchObject({ state: "inspected", inspectionId: body.id });
    const [version] = await ctx.db.select().from(checklistVersion).where(eq(checklistVersion.id, c.version.id));
    expect(version?.firstUsedAt).not.toBeNull();
    const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.targetId, body.id));
    expect(audits.map((a) => a.action)).toEqual(["inspection.submit"]);
  });

  it("refuses a missing photo of a photo-required item naming the item, and writes nothing", async () => {
    const c = await county();
    const body = await submitBody(c, c.inspector);
    const answers = body.answers.map((a) => (a.itemKey === "extinguishers" ? { ...a, photoIds: [] } : a));
    const response = await c.inspector.post("/api/inspections", { ...body, answers });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ field: "answers.1.photoIds", message: "检查项「灭火器完好有效」：须上传现场照片" });
    expect(await inspectionsOf(c.hospital.id)).toEqual([]);
    expect(await hazardsOf(c.hospital.id)).toEqual([]);
    expect(await assignmentOf(c.campaign.id, c.hospital.id)).toMatchObject({ state: "pending", inspectionId: null });
    const photos = await ctx.db
      .select()
      .from(attachment)
      .where(inArray(attachment.id, body.answers[2]?.photoIds ?? []));
    expect(photos.every((p) => p.recordId === null)).toBe(true);
  });

  it("refuses a 不符合 without a hazard or a reason, and a hazard whose rule fails, naming each", async () => {
    const c = await county();
    const body = await submitBody(c, c.inspector);
    const noHazard = await c.inspector.post("/api/inspections", { ...body, hazards: [] });
    expect(noHazard.json().error).toMatchObject({ field: "answers.2.noHazardReason" });
    const majorWithoutPlan = await c.inspector.post("/api/inspections", { ...body, hazards: [{ ...body.hazards[0], grade: "major" }] });
    expect(majorWithoutPlan.statusCode).toBe(400);
    expect(majorWithoutPlan.json().error.field).toBe("hazards.0.majorPlan");
    expect(majorWithoutPlan.json().error.message).toMatch(/^第 1 条隐患的/);
    // A failure late in the transaction (the notice's own rule) undoes what came before it.
    const lateFailure = await c.inspector.post("/api/inspections", { ...body, issueNotice: { kind: "rectification", deadline: "2026-01-01" } });
    expect(lateFailure.statusCode).toBe(400);
    expect(await inspectionsOf(c.hospital.id)).toEqual([]);
    expect(await hazardsOf(c.hospital.id)).toEqual([]);
  });

  it("the same submit three times at once and three times in a row creates one inspection and one set of hazards", async () => {
    const c = await county();
    const body = await submitBody(c, c.inspector);
    const together = await Promise.all([1, 2, 3].map(() => c.inspector.post("/api/inspections", body)));
    expect(together.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    const inRow = [];
    for (let i = 0; i < 3; i += 1) inRow.push(await c.inspector.post("/api/inspections", body));
    expect(inRow.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(new Set([...together, ...inRow].map((r) => r.json().hazards[0].number)).size).toBe(1);
    expect(await inspectionsOf(c.hospital.id)).toHaveLength(1);
    expect(await hazardsOf(c.hospital.id)).toHaveLength(1);
    const copies = await ctx.db.select().from(attachment).where(eq(attachment.recordKind, "hazard"));
    expect(copies.filter((a) => a.recordId === body.hazards[0]?.id)).toHaveLength(1);

    const changed = await c.inspector.post("/api/inspections", { ...body, remarks: "另一份记录" });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.field).toBe("id");
  });

  it("issues the rectification notice with the inspection when asked", async () => {
    const c = await county();
    const body = await submitBody(c, c.inspector, { issueNotice: { kind: "rectification", requirements: "按期整改" } });
    const response = await c.inspector.post("/api/inspections", body);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().notices).toHaveLength(1);
    const notice = (await c.institution.get(`/api/notices/${response.json().notices[0].id}`)).json();
    expect(notice.hazards.map((h: { id: string }) => h.id)).toEqual([body.hazards[0]?.id]);
  });

  it("refuses another county's inspector, through the institution and through the campaign", async () => {
    const c = await county();
    const other = await county(newArea());
    const body = await submitBody(c, other.inspector);
    const response = await other.inspector.post("/api/inspections", body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe("institutionId");
    // Its own institution, but the other county's campaign.
    const borrowed = await other.inspector.post("/api/inspections", await submitBody(other, other.inspector, { campaignId: c.campaign.id }));
    expect(borrowed.json().error).toMatchObject({ field: "campaignId", message: "检查工作：不存在或不在管辖范围内" });
    expect(await inspectionsOf(c.hospital.id)).toEqual([]);
    expect(await inspectionsOf(other.hospital.id)).toEqual([]);
  });

  it("lets the city above the campaign's county inspect in it", async () => {
    const c = await county();
    const city = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: c.area.city.code });
    const response = await city.agent.post("/api/inspections", await submitBody(c, city.agent));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().authorityName).toBe(c.area.city.authorityName);
  });
});

describe("self-inspection", () => {
  it("enters the institution's findings in its own ledger as self-found, numbered by its county", async () => {
    const c = await county();
    const body = await submitBody(c, c.institution, { campaignId: null, signatureId: null, representativeName: "" });
    const response = await c.institution.post("/api/self-inspections", body);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ kind: "self", authorityName: null });
    const [found] = await hazardsOf(c.hospital.id);
    expect(found).toMatchObject({ source: "self_inspection", sourceId: body.id, authorityCode: c.area.county.code });
    // The county sees the self-inspection too.
    expect((await c.inspector.get(`/api/inspections/${body.id}`)).statusCode).toBe(200);
  });

  it("an institution inspects only itself, and issues no notice; an authority user cannot self-inspect", async () => {
    const c = await county();
    const neighbour = await makeInstitution(ctx.db, { jurisdictionCode: c.area.county.code });
    const other = await c.institution.post("/api/self-inspections", await submitBody(c, c.institution, { campaignId: null, institutionId: neighbour.id }));
    expect(other.json().error.field).toBe("institutionId");
    const notice = await c.institution.post(
      "/api/self-inspections",
      await submitBody(c, c.institution, { campaignId: null, issueNotice: { kind: "rectification" } }),
    );
    expect(notice.json().error.field).toBe("issueNotice");
    expect((await c.inspector.post("/api/self-inspections", await submitBody(c, c.inspector, { campaignId: null }))).statusCode).toBe(403);
    expect(await inspectionsOf(c.hospital.id)).toEqual([]);
  });
});

describe("lists, exports, documents and photos stay within scope", () => {
  it("shows a county its inspections and nothing of another county's or another institution's", async () => {
    const a = await county();
    const b = await county(newArea());
    const bodyA = await submitBody(a, a.inspector);
    expect((await a.inspector.post("/api/inspections", bodyA)).statusCode).toBe(201);
    const bodyB = await submitBody(b, b.inspector);
    expect((await b.inspector.post("/api/inspections", bodyB)).statusCode).toBe(201);

    const listA = (await a.inspector.get("/api/inspections")).json();
    expect(listA.items.map((i: { id: string }) => i.id)).toEqual([bodyA.id]);
    expect((await a.inspector.get(`/api/inspections?campaignId=${b.campaign.id}`)).json().total).toBe(0);
    expect((await a.inspector.get(`/api/inspections?withHazards=false`)).json().total).toBe(0);
    expect((await a.inspector.get(`/api/inspections?withHazards=true&inspectedFrom=2026-06-09&inspectedTo=2026-06-09`)).json().total).toBe(1);
    expect((await a.institution.get("/api/inspections")).json().items.map((i: { id: string }) => i.id)).toEqual([bodyA.id]);
    for (const url of [
      `/api/inspections/${bodyB.id}`,
      `/api/inspections/${bodyB.id}/pdf`,
      `/api/files/${bodyB.answers[1]?.photoIds[0]}`,
      `/api/files/${bodyB.signatureId}`,
    ]) {
      expect((await a.inspector.get(url)).statusCode, url).toBe(404);
      expect((await a.institution.get(url)).statusCode, url).toBe(404);
    }
    // The inspected institution reads its record's photos and signature.
    expect((await a.institution.get(`/api/files/${bodyA.signatureId}`)).statusCode).toBe(200);

    const exported = await a.inspector.get("/api/inspections/export");
    expect(exported.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.rowCount).toBe(2);
    expect(String(sheet?.getRow(2).getCell(3).value)).toBe(a.hospital.name);
  });

  it("prints the 现场检查记录 as a PDF", async () => {
    const c = await county();
    const body = await submitBody(c, c.inspector);
    await c.inspector.post("/api/inspections", body);
    const pdf = await c.institution.get(`/api/inspections/${body.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    // Thumbnails and the signature are embedded as images.
    expect(pdf.rawPayload.toString("latin1").match(/\/Subtype \/Image/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
  });
});

describe("the form's data", () => {
  it("gives the inspector the assignment, its checklist and the categories; an institution never reaches a supervision campaign", async () => {
    const c = await county();
    const form = (await c.inspector.get(`/api/inspection-forms/${c.hospital.id}?campaignId=${c.campaign.id}`)).json();
    expect(form).toMatchObject({
      kind: "supervision",
      institution: { id: c.hospital.id },
      campaign: { id: c.campaign.id, followUp: false },
      assignment: { state: "pending" },
    });
    expect(form.checklists.map((v: { versionId: string }) => v.versionId)).toEqual([c.version.id]);
    expect(form.categories.some((cat: { value: string }) => cat.value === "electrical")).toBe(true);
    expect((await c.institution.get(`/api/inspection-forms/${c.hospital.id}?campaignId=${c.campaign.id}`)).statusCode).toBe(404);
    const self = (await c.institution.get(`/api/inspection-forms/${c.hospital.id}`)).json();
    expect(self.kind).toBe("self");
    expect(self.checklists.map((v: { versionId: string }) => v.versionId)).toContain(c.version.id);
  });

  it("offers a self-inspection the templates its county reads, not another county's nor an archived one, and refuses those on submit", async () => {
    const c = await county();
    const { version: neighbours } = await makeChecklistVersion(ctx.db, { authorityCode: c.area.neighbour.code });
    const { checklist: archivedTemplate, version: archived } = await makeChecklistVersion(ctx.db, { authorityCode: c.area.county.code });
    await ctx.db.update(checklist).set({ archived: true }).where(eq(checklist.id, archivedTemplate.id));
    const offered = (await c.institution.get(`/api/inspection-forms/${c.hospital.id}`)).json().checklists.map((v: { versionId: string }) => v.versionId);
    expect(offered).toContain(c.version.id);
    expect(offered).not.toContain(neighbours.id);
    expect(offered).not.toContain(archived.id);
    for (const versionId of [neighbours.id, archived.id]) {
      const body = await submitBody(c, c.institution, { campaignId: null, checklistVersionId: versionId, signatureId: null, representativeName: "" });
      const refused = await c.institution.post("/api/self-inspections", body);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.field).toBe("checklistVersionId");
    }
    const [untouched] = await ctx.db.select().from(checklistVersion).where(eq(checklistVersion.id, neighbours.id));
    expect(untouched?.firstUsedAt).toBeNull();
  });
});

describe("回头看 re-checks feed the hazards' state", () => {
  it("lists the first round's hazards, closes the one found rectified and sends back the one found not rectified", async () => {
    const c = await county();
    // First round: two hazards, both submitted as rectified by the hospital.
    const first = await submitBody(c, c.inspector);
    const second = { ...first.hazards[0], id: randomUUID(), itemKey: null, place: "食堂", description: "燃气报警器失效", category: "gas", photoIds: [] };
    expect((await c.inspector.post("/api/inspections", { ...first, hazards: [...first.hazards, second] })).statusCode).toBe(201);
    for (const id of [first.hazards[0]?.id, second.id]) {
      const evidence = await photo(c.institution, "整改后.jpg");
      const submitted = await c.institution.post(`/api/hazards/${id}/commands`, {
        version: 1,
        command: { kind: "submit", actionsTaken: "已整改", photoIds: [evidence] },
      });
      expect(submitted.statusCode, submitted.body).toBe(200);
    }
    const [followUp] = await ctx.db
      .insert(campaign)
      .values({
        ...c.campaign,
        id: undefined,
        name: `${c.campaign.name}回头看`,
        kind: "follow_up",
        followUpOf: c.campaign.id,
        createdAt: undefined,
        updatedAt: undefined,
      })
      .returning();
    if (!followUp) throw new Error("no campaign");
    await ctx.db.insert(campaignAssignment).values({
      campaignId: followUp.id,
      institutionId: c.hospital.id,
      jurisdictionPath: c.hospital.jurisdictionPath,
      windowStart: "2026-06-01",
      windowEnd: "2026-06-30",
    });

    const form = (await c.inspector.get(`/api/inspection-forms/${c.hospital.id}?campaignId=${followUp.id}`)).json();
    expect(form.campaign.followUp).toBe(true);
    expect(form.recheckHazards.map((h: { id: string }) => h.id).sort()).toEqual([first.hazards[0]?.id, second.id].sort());

    const base = await submitBody(c, c.inspector, { campaignId: followUp.id, hazards: [] });
    const answers = base.answers.map((a) => (a.itemKey === "wiring" ? { ...a, result: "compliant" } : a));
    const recheckPhoto = await photo(c.inspector, "复查.jpg");
    const missing = await c.inspector.post("/api/inspections", {
      ...base,
      answers,
      rechecks: [{ hazardId: second.id, result: "not_rectified", note: "报警器仍未更换" }],
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ field: "rechecks" });
    expect(missing.json().error.message).toContain("尚未复查");

    const response = await c.inspector.post("/api/inspections", {
      ...base,
      answers,
      rechecks: [
        { hazardId: first.hazards[0]?.id, result: "rectified", note: "电线已拆除", photoIds: [recheckPhoto] },
        { hazardId: second.id, result: "not_rectified", note: "报警器仍未更换" },
      ],
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().rechecks.map((r: { result: string }) => r.result)).toEqual(["rectified", "not_rectified"]);
    const states = Object.fromEntries((await hazardsOf(c.hospital.id)).map((h) => [h.id, h.state]));
    expect(states).toEqual({ [first.hazards[0]?.id as string]: "closed", [second.id]: "rectifying" });
    const events = await ctx.db
      .select()
      .from(hazardEvent)
      .where(inArray(hazardEvent.hazardId, [first.hazards[0]?.id as string, second.id]));
    const kinds = (id: string) => events.filter((e) => e.hazardId === id).map((e) => e.kind);
    expect(kinds(first.hazards[0]?.id as string)).toEqual(["record", "submit", "recheck", "verify"]);
    expect(kinds(second.id)).toEqual(["record", "submit", "recheck", "return"]);
    const closedPage = (await c.inspector.get(`/api/hazards/${first.hazards[0]?.id}`)).json();
    expect(closedPage.photos.filter((p: { purpose: string }) => p.purpose === "verification")).toHaveLength(1);
  });
});

describe("the 回头看's re-check list is the campaigns area's first-round hazards", () => {
  it("leaves out a voided hazard, as the 回头看's list of institutions does", async () => {
    const c = await county();
    const first = await submitBody(c, c.inspector);
    const second = { ...first.hazards[0], id: randomUUID(), itemKey: null, place: "食堂", description: "燃气报警器失效", category: "gas", photoIds: [] };
    expect((await c.inspector.post("/api/inspections", { ...first, hazards: [...first.hazards, second] })).statusCode).toBe(201);
    const voided = await c.inspector.post(`/api/hazards/${second.id}/commands`, { version: 1, command: { kind: "void", reason: "重复登记" } });
    expect(voided.statusCode, voided.body).toBe(200);
    const followUp = await makeCampaign(ctx.db, { authorityCode: c.area.county.code, institutions: [c.hospital], kind: "follow_up" });
    await ctx.db.update(campaign).set({ followUpOf: c.campaign.id }).where(eq(campaign.id, followUp.id));
    const form = (await c.inspector.get(`/api/inspection-forms/${c.hospital.id}?campaignId=${followUp.id}`)).json();
    expect(form.recheckHazards.map((h: { id: string }) => h.id)).toEqual([first.hazards[0]?.id]);
  });
});

describe("photos sent with the device's id", () => {
  it("a retried upload returns the same attachment; other bytes or another user under that id are refused", async () => {
    const c = await county();
    const clientId = randomUUID();
    const bytes = await testPhoto({ colour: nextColour() });
    const send = (agent: Agent, content: Buffer) => {
      const boundary = `----t${randomUUID().replaceAll("-", "")}`;
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="现场.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return agent.request("POST", `/api/files?clientId=${clientId}`, { body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } });
    };
    const together = await Promise.all([send(c.inspector, bytes), send(c.inspector, bytes), send(c.inspector, bytes)]);
    expect(together.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(together.map((r) => r.json().id))).toEqual(new Set([clientId]));
    expect((await send(c.inspector, bytes)).json().id).toBe(clientId);
    expect(await ctx.db.select().from(attachment).where(eq(attachment.id, clientId))).toHaveLength(1);
    expect((await send(c.inspector, await testPhoto({ colour: nextColour() }))).statusCode).toBe(409);
    expect((await send(c.institution, bytes)).statusCode).toBe(409);
  });
});

import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { expertRoutes } from "../../../contracts/draws";
import { auditLog, campaign, campaignAssignment, campaignDraw, expert, inspection, type institution, workingGroupMember } from "../../../db/schema";
import { Agent, type Area, areaPicker, makeCampaign, makeChecklistVersion, makeInstitution, makeUser, setUpTestApp, signedIn } from "../../../test/harness";

const ctx = setUpTestApp();
const newArea = areaPicker();

/** An expert as the API's own example describes one (the bad-input walk starts from it too). */
const expertBody = (overrides: Record<string, unknown> = {}) => ({ ...expertRoutes.create.example, ...overrides });

/** A county with `count` institutions, its administrator, and a second inspector of the authority. */
async function county(area: Area, count = 6) {
  const institutions = [];
  for (let i = 0; i < count; i += 1)
    institutions.push(await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, name: `${area.county.name}抽查机构${i + 1}` }));
  const admin = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
  const inspector = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: area.county.code });
  return { institutions, admin: admin.agent, adminUser: admin.user, inspector };
}

async function addExpert(agent: Agent, overrides: Record<string, unknown> = {}) {
  const response = await agent.post("/api/experts", expertBody({ name: `专家${randomUUID().slice(0, 6)}`, ...overrides }));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; name: string };
}

const DRAW = { quantity: { kind: "count", count: 3 }, inspectorsPerInstitution: 2, witness: "纪检组 李红", seed: "2026Q2-test" };

describe("the expert pool (专家库)", () => {
  it("adds an expert to the caller's authority with declared conflicts, lists, filters, sorts, edits and exports, each change audited", async () => {
    const area = newArea();
    const { institutions, admin } = await county(area, 2);
    const [first, second] = institutions as [typeof institution.$inferSelect, typeof institution.$inferSelect];
    const added = await admin.post(
      "/api/experts",
      expertBody({ name: "李消防", speciality: "消防安全", institutionId: first.id, conflictInstitutionIds: [second.id], conflictNote: "配偶在该院工作" }),
    );
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({
      name: "李消防",
      authorityCode: area.county.code,
      institution: { id: first.id, name: first.name },
      conflictInstitutions: [{ id: second.id, name: second.name }],
      conflictNote: "配偶在该院工作",
      active: true,
    });
    await addExpert(admin, { name: "张电气", speciality: "电气安全" });

    const byName = await admin.get(`/api/experts?name=${encodeURIComponent("李")}`);
    expect(byName.json().items.map((e: { name: string }) => e.name)).toEqual(["李消防"]);
    const bySpeciality = await admin.get(`/api/experts?speciality=${encodeURIComponent("电气")}`);
    expect(bySpeciality.json().items.map((e: { name: string }) => e.name)).toEqual(["张电气"]);
    const sorted = await admin.get("/api/experts?sort=name&order=desc");
    expect(sorted.json().items.map((e: { name: string }) => e.name)).toEqual(["张电气", "李消防"]);

    const id = added.json().id;
    const edited = await admin.put(`/api/experts/${id}`, expertBody({ name: "李消防", speciality: "消防与应急", active: false }));
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ speciality: "消防与应急", active: false, institution: null, conflictInstitutions: [] });
    const inactive = await admin.get("/api/experts?active=false");
    expect(inactive.json().items.map((e: { id: string }) => e.id)).toEqual([id]);

    const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(audits.map((a) => a.action).sort()).toEqual(["expert.create", "expert.update"]);
    expect(audits.find((a) => a.action === "expert.update")?.detail).toMatchObject({
      changes: { speciality: { from: "消防安全", to: "消防与应急" }, active: { from: true, to: false } },
    });

    const exported = await admin.get(`/api/experts/export?speciality=${encodeURIComponent("电气")}`);
    expect(exported.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const rows = (book.worksheets[0]?.getSheetValues() ?? []).filter(Boolean) as unknown[][];
    expect(rows.length).toBe(2);
    expect(rows[1]).toContain("张电气");
  });

  it("refuses bad input naming the field and writes nothing", async () => {
    const area = newArea();
    const { admin } = await county(area, 0);
    const elsewhere = await makeInstitution(ctx.db, { jurisdictionCode: area.elsewhere.code });
    const before = await ctx.db.select().from(expert);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: "  " }, "name", "姓名"],
      [{ phone: "电话" }, "phone", "联系电话"],
      [{ institutionId: "not-a-uuid" }, "institutionId", "所在机构（在册）"],
      [{ institutionId: elsewhere.id }, "institutionId", "所在机构（在册）"],
      [{ conflictInstitutionIds: [elsewhere.id] }, "conflictInstitutionIds", "回避机构"],
    ];
    for (const [overrides, field, label] of cases) {
      const response = await admin.post("/api/experts", expertBody(overrides));
      expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(response.json().error.field).toBe(field);
      expect(response.json().error.message).toMatch(new RegExp(`^${label.replace(/[()（）]/g, ".")}`));
    }
    expect(await ctx.db.select().from(expert)).toEqual(before);
  });

  it("is the caller's authority's and the ones above: another county sees and changes nothing, the city sees its counties', institutions nothing", async () => {
    const area = newArea();
    const { admin, institutions } = await county(area, 1);
    const mine = await addExpert(admin, { name: "本县专家" });
    const neighbour = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.neighbour.code });
    const city = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.city.code });
    const institutionAdmin = await signedIn(ctx, { role: "institution_admin", institution: institutions[0] as typeof institution.$inferSelect });

    expect((await neighbour.agent.get("/api/experts")).json().items.map((e: { id: string }) => e.id)).not.toContain(mine.id);
    expect((await neighbour.agent.put(`/api/experts/${mine.id}`, expertBody({ name: "改名" }))).statusCode).toBe(404);
    expect((await city.agent.get("/api/experts")).json().items.map((e: { id: string }) => e.id)).toContain(mine.id);
    expect((await institutionAdmin.agent.get("/api/experts")).statusCode).toBe(403);
    const [stored] = await ctx.db.select().from(expert).where(eq(expert.id, mine.id));
    expect(stored?.name).toBe("本县专家");
  });
});

describe("working groups (工作组)", () => {
  it("creates and renames groups, sets members with one leader, assigns institutions by hand and at random", async () => {
    const area = newArea();
    const { admin, institutions, inspector, adminUser } = await county(area, 7);
    const specialist = await addExpert(admin, { name: "组内专家" });
    const run = await makeCampaign(ctx.db, { authorityCode: area.county.code, institutions });

    const first = await admin.post(`/api/campaigns/${run.id}/groups`, { name: "第一组" });
    expect(first.statusCode, first.body).toBe(201);
    const second = await admin.post(`/api/campaigns/${run.id}/groups`, { name: "第二组" });
    expect((await admin.post(`/api/campaigns/${run.id}/groups`, { name: "第一组" })).statusCode).toBe(409);
    const renamed = await admin.put(`/api/groups/${second.json().id}`, { name: "第二工作组" });
    expect(renamed.json()).toMatchObject({ name: "第二工作组", ordinal: 2 });

    const candidates = (await admin.get(`/api/campaigns/${run.id}/member-candidates`)).json() as { id: string; kind: string }[];
    expect(candidates.map((c) => c.id)).toEqual(expect.arrayContaining([adminUser.id, inspector.id, specialist.id]));

    const groupId = first.json().id;
    const twoLeaders = await admin.put(`/api/groups/${groupId}/members`, {
      members: [
        { kind: "user", id: adminUser.id, role: "leader", leader: true },
        { kind: "expert", id: specialist.id, role: "expert", leader: true },
      ],
    });
    expect(twoLeaders.statusCode).toBe(400);
    expect(twoLeaders.json().error.message).toContain("组长");
    const stranger = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: area.neighbour.code });
    const outsider = await admin.put(`/api/groups/${groupId}/members`, {
      members: [
        { kind: "user", id: adminUser.id, role: "leader", leader: true },
        { kind: "user", id: stranger.id, role: "task_force", leader: false },
      ],
    });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().error.field).toBe("members.1.id");
    const members = await admin.put(`/api/groups/${groupId}/members`, {
      members: [
        { kind: "user", id: adminUser.id, role: "leader", leader: true },
        { kind: "expert", id: specialist.id, role: "expert", leader: false },
        { kind: "user", id: inspector.id, role: "task_force", leader: false },
      ],
    });
    expect(members.statusCode, members.body).toBe(200);
    expect(members.json().members.map((m: { name: string; role: string; leader: boolean }) => [m.role, m.leader])).toEqual([
      ["leader", true],
      ["expert", false],
      ["task_force", false],
    ]);
    expect(await ctx.db.select().from(workingGroupMember).where(eq(workingGroupMember.groupId, groupId))).toHaveLength(3);

    const byHand = await admin.post(`/api/campaigns/${run.id}/groups/assign`, { groupId, institutionIds: [institutions[0]?.id, institutions[1]?.id] });
    expect(byHand.statusCode, byHand.body).toBe(200);
    expect(byHand.json()).toMatchObject({
      unassignedCount: 5,
      groups: [
        { name: "第一组", institutionCount: 2 },
        { name: "第二工作组", institutionCount: 0 },
      ],
    });
    const notInCampaign = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code });
    const refused = await admin.post(`/api/campaigns/${run.id}/groups/assign`, { groupId, institutionIds: [notInCampaign.id] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe("institutionIds");

    const spread = await admin.post(`/api/campaigns/${run.id}/groups/spread`, { onlyUnassigned: true, seed: "分组种子" });
    expect(spread.statusCode, spread.body).toBe(200);
    expect(spread.json().assigned).toBe(5);
    const counts = spread.json().groups.map((g: { institutionCount: number }) => g.institutionCount);
    expect(counts.reduce((a: number, b: number) => a + b, 0)).toBe(7);
    expect((await admin.get(`/api/campaigns/${run.id}/groups`)).json().unassignedCount).toBe(0);
    const listed = await admin.get(`/api/groups/${groupId}/institutions?pageSize=10`);
    expect(listed.json().items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([institutions[0]?.id, institutions[1]?.id]));

    // The same seed over the same institutions deals them the same way again.
    const again = await admin.post(`/api/campaigns/${run.id}/groups/spread`, { onlyUnassigned: false, seed: "分组种子" });
    const twice = await admin.post(`/api/campaigns/${run.id}/groups/spread`, { onlyUnassigned: false, seed: "分组种子" });
    expect(twice.json().groups).toEqual(again.json().groups);

    const actions = await ctx.db.select({ action: auditLog.action, detail: auditLog.detail }).from(auditLog).where(eq(auditLog.actorId, adminUser.id));
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["group.create", "group.rename", "group.members", "group.assign", "group.spread"]));
    expect(actions.find((a) => a.action === "group.spread")?.detail).toMatchObject({ seed: "分组种子", institutions: 5 });
  });
});

describe("recusal in working groups (回避)", () => {
  it("refuses a hand assignment or a member that breaks a recusal, and a spread never deals an institution to a group that must keep away from it", async () => {
    const area = newArea();
    const { admin, adminUser, institutions } = await county(area, 6);
    const [own, declared] = institutions;
    const conflicted = await addExpert(admin, { name: "回避专家", institutionId: own?.id, conflictInstitutionIds: [declared?.id] });
    const run = await makeCampaign(ctx.db, { authorityCode: area.county.code, institutions });
    const withExpert = (await admin.post(`/api/campaigns/${run.id}/groups`, { name: "专家组" })).json().id as string;
    const plain = (await admin.post(`/api/campaigns/${run.id}/groups`, { name: "普通组" })).json().id as string;
    const expertMembers = {
      members: [
        { kind: "user", id: adminUser.id, role: "leader", leader: true },
        { kind: "expert", id: conflicted.id, role: "expert", leader: false },
      ],
    };
    expect((await admin.put(`/api/groups/${withExpert}/members`, expertMembers)).statusCode).toBe(200);

    const byHand = await admin.post(`/api/campaigns/${run.id}/groups/assign`, { groupId: withExpert, institutionIds: [institutions[2]?.id, declared?.id] });
    expect(byHand.statusCode).toBe(409);
    expect(byHand.json().error).toMatchObject({ field: "institutionIds", message: expect.stringContaining("回避专家 申报须回避") });
    expect(byHand.json().error.message).toContain(declared?.name);
    // Nothing of the refused assignment was written.
    expect((await admin.get(`/api/campaigns/${run.id}/groups`)).json().unassignedCount).toBe(6);

    // The plain group takes the expert's own institution; the expert cannot then join it.
    expect((await admin.post(`/api/campaigns/${run.id}/groups/assign`, { groupId: plain, institutionIds: [own?.id] })).statusCode).toBe(200);
    const joining = await admin.put(`/api/groups/${plain}/members`, expertMembers);
    expect(joining.statusCode).toBe(409);
    expect(joining.json().error.message).toContain("回避专家 为该机构人员");
    expect(await ctx.db.select().from(workingGroupMember).where(eq(workingGroupMember.groupId, plain))).toEqual([]);

    for (const seed of ["a", "b", "c", "d"]) {
      const spread = await admin.post(`/api/campaigns/${run.id}/groups/spread`, { onlyUnassigned: false, seed });
      expect(spread.statusCode, spread.body).toBe(200);
      expect(spread.json()).toMatchObject({ assigned: 6, unplaced: 0 });
      const dealt = (await admin.get(`/api/groups/${withExpert}/institutions?pageSize=10`)).json().items.map((i: { id: string }) => i.id);
      expect(dealt).not.toContain(own?.id);
      expect(dealt).not.toContain(declared?.id);
    }

    // With the expert in both groups, the two institutions have no group to go to: left for a hand choice, and said so.
    await admin.post(`/api/campaigns/${run.id}/groups/assign`, { groupId: null, institutionIds: institutions.map((i) => i.id) });
    expect((await admin.put(`/api/groups/${plain}/members`, expertMembers)).statusCode).toBe(200);
    const stuck = await admin.post(`/api/campaigns/${run.id}/groups/spread`, { onlyUnassigned: true, seed: "e" });
    expect(stuck.json()).toMatchObject({ assigned: 4, unplaced: 2 });
    const [audited] = await ctx.db
      .select({ detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.actorId, adminUser.id), eq(auditLog.action, "group.spread")))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audited?.detail).toMatchObject({ seed: "e", institutions: 4, unplaced: 2 });
  });
});

describe("the random draw (双随机)", () => {
  it("draws from a campaign chosen by draw, records the evidence and creates the drawn institutions' assignments with their inspectors", async () => {
    const area = newArea();
    const { admin, adminUser, institutions, inspector } = await county(area, 8);
    const conflicted = institutions[0] as typeof institution.$inferSelect;
    const specialist = await addExpert(admin, { name: "回避专家", conflictInstitutionIds: [conflicted.id], institutionId: institutions[1]?.id });
    const run = await makeCampaign(ctx.db, { authorityCode: area.county.code, institutions: [] });
    await ctx.db
      .update(campaign)
      .set({ selection: "draw", scopeRule: { institutionIds: institutions.map((i) => i.id) } })
      .where(eq(campaign.id, run.id));

    const response = await admin.post(`/api/campaigns/${run.id}/draws`, DRAW);
    expect(response.statusCode, response.body).toBe(201);
    const drawn = response.json();
    expect(drawn).toMatchObject({
      algorithm: "sha256-xoroshiro128plus-fisher-yates",
      algorithmVersion: 1,
      seed: "2026Q2-test",
      poolSize: 8,
      inspectorPoolSize: 3,
      drawnCount: 3,
      witness: "纪检组 李红",
      operatorName: adminUser.displayName,
      publishedAt: null,
      parameters: { quantity: { kind: "count", count: 3 }, inspectorsPerInstitution: 2 },
    });
    const pool = new Set([adminUser.id, inspector.id, specialist.id]);
    for (const one of drawn.drawn) {
      expect(one.inspectors).toHaveLength(2);
      for (const who of one.inspectors) expect(pool.has(who.id)).toBe(true);
      if ([conflicted.id, institutions[1]?.id].includes(one.institution.id)) {
        expect(one.inspectors.map((w: { id: string }) => w.id)).not.toContain(specialist.id);
        expect(one.recusals).toEqual([
          { id: specialist.id, kind: "expert", name: "回避专家", reason: one.institution.id === conflicted.id ? "申报利益冲突" : "本单位人员" },
        ]);
      }
    }

    const assignments = await ctx.db.select().from(campaignAssignment).where(eq(campaignAssignment.campaignId, run.id));
    expect(assignments.map((a) => a.institutionId).sort()).toEqual(drawn.drawn.map((d: { institution: { id: string } }) => d.institution.id).sort());
    for (const a of assignments) {
      const match = drawn.drawn.find((d: { institution: { id: string } }) => d.institution.id === a.institutionId);
      expect(a.drawnInspectors).toEqual(match.inspectors.map((w: { id: string; kind: string; name: string }) => ({ kind: w.kind, id: w.id, name: w.name })));
      expect(a).toMatchObject({ state: "pending", windowStart: run.periodStart, windowEnd: run.periodEnd });
    }
    const [stored] = await ctx.db.select().from(campaignDraw).where(eq(campaignDraw.campaignId, run.id));
    expect(stored?.poolSize).toBe(8);
    expect((stored?.pool as { institutions: unknown[] } | undefined)?.institutions).toHaveLength(8);
    const [audited] = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "draw.run"), eq(auditLog.targetId, drawn.id)));
    expect(audited?.detail).toMatchObject({ seed: "2026Q2-test", poolSize: 8, drawn: 3, witness: "纪检组 李红" });

    // Drawn once: a second draw is refused, naming when the first was made.
    const again = await admin.post(`/api/campaigns/${run.id}/draws`, { ...DRAW, seed: "another" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain("只抽取一次");
  });

  it("makes a seed from a cryptographic source when none is given, and records it", async () => {
    const area = newArea();
    const { admin, institutions } = await county(area, 4);
    const run = await makeCampaign(ctx.db, { authorityCode: area.county.code, institutions });
    await addExpert(admin);
    const response = await admin.post(`/api/campaigns/${run.id}/draws`, { ...DRAW, seed: undefined, quantity: { kind: "ratio", percent: 50 } });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().seed).toMatch(/^[0-9a-f]{32}$/);
    expect(response.json().drawnCount).toBe(2);
    // A campaign of all its institutions keeps them all and marks the drawn ones with their inspectors.
    const marked = await ctx.db.select().from(campaignAssignment).where(eq(campaignAssignment.campaignId, run.id));
    expect(marked).toHaveLength(4);
    expect(marked.filter((a) => a.drawnInspectors !== null)).toHaveLength(2);
  });

  it("fails naming the institution that cannot get two inspectors, and records nothing", async () => {
    const area = newArea();
    const { admin, institutions } = await county(area, 3);
    const hospital = institutions[2] as typeof institution.$inferSelect;
    // Two authority users and an expert who must recuse: the hospital has only two eligible, three are asked for.
    await addExpert(admin, { conflictInstitutionIds: [hospital.id] });
    const run = await makeCampaign(ctx.db, { authorityCode: area.county.code, institutions });
    const response = await admin.post(`/api/campaigns/${run.id}/draws`, { ...DRAW, inspectorsPerInstitution: 3 });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toContain(hospital.name);
    expect(await ctx.db.select().from(campaignDraw).where(eq(campaignDraw.campaignId, run.id))).toEqual([]);
  });

  it("refuses bad parameters naming the field", async () => {
    const area = newArea();
    const { admin, institutions } = await county(area, 2);
    const run = await makeCampaign(ctx.db, { authorityCode: area.county.code, institutions });
    const cases: [Record<string, unknown>, string][] = [
      [{ witness: " " }, "witness"],
      [{ inspectorsPerInstitution: 1 }, "inspectorsPerInstitution"],
      [{ quantity: { kind: "ratio", percent: 0 } }, "quantity.percent"],
      [{ quantity: { kind: "count", count: 0 } }, "quantity.count"],
    ];
    for (const [overrides, field] of cases) {
      const response = await admin.post(`/api/campaigns/${run.id}/draws`, { ...DRAW, ...overrides });
      expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(response.json().error.field).toBe(field);
    }
  });

  it("re-runs to the same result over the recorded pool, and reports the difference over today's", async () => {
    const area = newArea();
    const { admin, institutions } = await county(area, 6);
    const run = await makeCampaign(ctx.db, { authorityCode: area.county.code, institutions });
    const reader = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code });
    const drawn = (await admin.post(`/api/campaigns/${run.id}/draws`, DRAW)).json();

    const same = await reader.agent.get(`/api/draws/${drawn.id}/rerun?pool=recorded`);
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toMatchObject({ pool: "recorded", poolSize: 6, sameResult: true, failure: null, institutionsAdded: [], institutionsRemoved: [] });
    const unchanged = await reader.agent.get(`/api/draws/${drawn.id}/rerun?pool=today`);
    expect(unchanged.json()).toMatchObject({ sameResult: true, institutionsAdded: [], institutionsRemoved: [] });

    // Since the draw: a drawn institution was inspected (it leaves the pool of those not yet inspected) and one joined the campaign.
    const gone = institutions.find((i) => i.id === drawn.drawn[0].institution.id) as typeof institution.$inferSelect;
    await ctx.db
      .update(campaignAssignment)
      .set({ state: "inspected" })
      .where(and(eq(campaignAssignment.campaignId, run.id), eq(campaignAssignment.institutionId, gone.id)));
    const added = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, name: "新纳入的卫生院" });
    await ctx.db.insert(campaignAssignment).values({
      campaignId: run.id,
      institutionId: added.id,
      jurisdictionPath: added.jurisdictionPath,
      windowStart: run.periodStart,
      windowEnd: run.periodEnd,
    });
    const changed = await reader.agent.get(`/api/draws/${drawn.id}/rerun?pool=today`);
    expect(changed.json()).toMatchObject({
      pool: "today",
      poolSize: 6,
      sameResult: false,
      institutionsAdded: [{ id: added.id, name: "新纳入的卫生院" }],
      institutionsRemoved: [{ id: gone.id, name: gone.name }],
    });
    expect(changed.json().drawnRemoved).toContainEqual({ id: gone.id, name: gone.name });
    // The record itself has not moved.
    expect((await reader.agent.get(`/api/draws/${drawn.id}/rerun?pool=recorded`)).json().sameResult).toBe(true);
    expect((await reader.agent.get(`/api/draws/${drawn.id}`)).json().drawn).toEqual(drawn.drawn);
  });

  it("publishes once; the public page without login shows the campaign, authority, drawn institutions and outcomes only; a guessed code gets 404", async () => {
    const area = newArea();
    const { admin, institutions } = await county(area, 5);
    const specialist = await addExpert(admin, { name: "公示专家", phone: "13912345678" });
    const run = await makeCampaign(ctx.db, { authorityCode: area.county.code, institutions });
    const drawn = (await admin.post(`/api/campaigns/${run.id}/draws`, DRAW)).json();
    expect(drawn.publicPath).toBeNull();

    const published = await admin.post(`/api/draws/${drawn.id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    const { publicPath } = published.json();
    expect(publicPath).toMatch(/^\/public\/draws\/[A-Za-z0-9_-]{22}$/);
    const twice = await admin.post(`/api/draws/${drawn.id}/publish`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain("已于");

    // One drawn institution has been inspected, with three hazards found.
    const inspectedId = drawn.drawn[0].institution.id as string;
    const target = institutions.find((i) => i.id === inspectedId) as typeof institution.$inferSelect;
    const { version } = await makeChecklistVersion(ctx.db);
    const inspectionId = randomUUID();
    await ctx.db.insert(inspection).values({
      id: inspectionId,
      kind: "supervision",
      campaignId: run.id,
      institutionId: target.id,
      jurisdictionPath: target.jurisdictionPath,
      authorityCode: area.county.code,
      checklistVersionId: version.id,
      inspectedOn: "2026-05-01",
      inspectors: [],
      answers: {},
      hazardCount: 3,
      submittedBy: (await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: area.county.code })).id,
    });
    await ctx.db
      .update(campaignAssignment)
      .set({ state: "inspected", inspectionId })
      .where(and(eq(campaignAssignment.campaignId, run.id), eq(campaignAssignment.institutionId, target.id)));

    const anonymous = new Agent(ctx.app);
    const shown = await anonymous.get(`/api${publicPath}`);
    expect(shown.statusCode, shown.body).toBe(200);
    const names = new Map(institutions.map((i) => [i.id, i.name]));
    expect(shown.json()).toEqual({
      campaignName: run.name,
      authorityName: area.county.authorityName,
      institutions: drawn.drawn.map((d: { institution: { id: string } }, index: number) => ({
        name: names.get(d.institution.id),
        inspected: index === 0,
        hazardCount: index === 0 ? 3 : null,
      })),
    });
    for (const secret of [
      specialist.name,
      "13912345678",
      drawn.seed,
      drawn.id,
      run.id,
      "纪检组",
      ...drawn.drawn.map((d: { institution: { id: string } }) => d.institution.id),
    ])
      expect(shown.body).not.toContain(secret);

    const guessed = await anonymous.get(`/api/public/draws/${"A".repeat(22)}`);
    expect(guessed.statusCode).toBe(404);
    // An unpublished draw has no page, whatever is guessed.
    expect((await anonymous.get(`/api/public/draws/${drawn.id}`)).statusCode).toBe(404);
  });

  it("shows an unannounced campaign's drawn institution on the public page only once its inspection is recorded (四不两直)", async () => {
    const area = newArea();
    const { admin, institutions } = await county(area, 3);
    const run = await makeCampaign(ctx.db, { authorityCode: area.county.code, institutions, unannounced: true });
    const drawn = (await admin.post(`/api/campaigns/${run.id}/draws`, { ...DRAW, quantity: { kind: "count", count: 2 } })).json();
    const { publicPath } = (await admin.post(`/api/draws/${drawn.id}/publish`)).json();
    const anonymous = new Agent(ctx.app);
    expect((await anonymous.get(`/api${publicPath}`)).json().institutions).toEqual([]);
    await ctx.db
      .update(campaignAssignment)
      .set({ state: "inspected" })
      .where(and(eq(campaignAssignment.campaignId, run.id), eq(campaignAssignment.institutionId, drawn.drawn[1].institution.id)));
    const after = (await anonymous.get(`/api${publicPath}`)).json().institutions;
    expect(after).toEqual([{ name: drawn.drawn[1].institution.name, inspected: true, hazardCount: null }]);
  });

  it("another county cannot see, run, re-run or publish a draw; the city above can read it; institutions nothing", async () => {
    const area = newArea();
    const { admin, institutions } = await county(area, 3);
    const run = await makeCampaign(ctx.db, { authorityCode: area.county.code, institutions });
    const drawn = (await admin.post(`/api/campaigns/${run.id}/draws`, { ...DRAW, quantity: { kind: "count", count: 1 } })).json();
    const neighbour = (await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.neighbour.code })).agent;
    const city = (await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.city.code })).agent;
    const institutionAdmin = (await signedIn(ctx, { role: "institution_admin", institution: institutions[0] as typeof institution.$inferSelect })).agent;

    for (const [method, url] of [
      ["GET", `/api/campaigns/${run.id}/draws`],
      ["GET", `/api/draws/${drawn.id}`],
      ["GET", `/api/draws/${drawn.id}/rerun?pool=today`],
      ["GET", `/api/campaigns/${run.id}/groups`],
      ["POST", `/api/draws/${drawn.id}/publish`],
    ] as const) {
      expect((await neighbour.request(method, url)).statusCode, `${method} ${url}`).toBe(404);
      expect((await institutionAdmin.request(method, url)).statusCode, `${method} ${url}`).toBe(403);
    }
    const other = await makeCampaign(ctx.db, { authorityCode: area.county.code, institutions });
    expect((await neighbour.post(`/api/campaigns/${other.id}/draws`, DRAW)).statusCode).toBe(404);
    expect((await neighbour.post(`/api/campaigns/${other.id}/groups`, { name: "越权组" })).statusCode).toBe(404);
    expect(await ctx.db.select().from(campaignDraw).where(eq(campaignDraw.campaignId, other.id))).toEqual([]);
    expect((await ctx.db.select().from(campaignDraw).where(eq(campaignDraw.id, drawn.id)))[0]?.publishedAt).toBeNull();

    const read = await city.get(`/api/draws/${drawn.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().drawn).toEqual(drawn.drawn);
    // The city watches; only the county that made the campaign draws, publishes and forms its groups.
    expect((await city.post(`/api/campaigns/${other.id}/draws`, DRAW)).statusCode).toBe(403);
    expect((await city.post(`/api/draws/${drawn.id}/publish`)).statusCode).toBe(403);
    expect((await city.post(`/api/campaigns/${other.id}/groups`, { name: "上级组" })).statusCode).toBe(403);
    expect(await ctx.db.select().from(campaignDraw).where(eq(campaignDraw.campaignId, other.id))).toEqual([]);
  });

  it("draws a campaign planned by draw from the institutions its scope rule selects, and assigns only those drawn", async () => {
    const area = newArea();
    const { admin, institutions } = await county(area, 3);
    // Two 三级 hospitals in the scope; the county's other institutions (二级, the factory's) are outside it.
    const wanted = [
      await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, grade: "grade3" }),
      await makeInstitution(ctx.db, { jurisdictionCode: area.county.code, grade: "grade3" }),
    ];
    const { version } = await makeChecklistVersion(ctx.db);
    const planned = await admin.post("/api/campaigns", {
      name: `三级医院双随机${randomUUID().slice(0, 6)}`,
      kind: "special",
      selection: "draw",
      periodStart: "2026-05-01",
      periodEnd: "2026-05-31",
      checklistVersionIds: [version.id],
      scope: { kind: "filter", grades: ["grade3"] },
    });
    expect(planned.statusCode, planned.body).toBe(201);
    const id = planned.json().id as string;
    expect(planned.json().progress.total).toBe(0);

    const response = await admin.post(`/api/campaigns/${id}/draws`, { ...DRAW, quantity: { kind: "count", count: 1 } });
    expect(response.statusCode, response.body).toBe(201);
    const drawn = response.json();
    expect(drawn.poolSize).toBe(2);
    const [one] = drawn.drawn as { institution: { id: string } }[];
    expect(wanted.map((w) => w.id)).toContain(one?.institution.id);
    expect(institutions.map((i) => i.id)).not.toContain(one?.institution.id);
    const assigned = await ctx.db.select().from(campaignAssignment).where(eq(campaignAssignment.campaignId, id));
    expect(assigned.map((a) => a.institutionId)).toEqual([one?.institution.id]);
  });
});

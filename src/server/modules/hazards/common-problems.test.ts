import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type hazard, inspection } from "../../../db/schema";
import { areaPicker, makeCampaign, makeChecklistVersion, makeHazard, makeInstitution, makeUser, setUpTestApp, signedIn } from "../../../test/harness";

const ctx = setUpTestApp();
const newArea = areaPicker();

describe("共性问题", () => {
  it("groups a period's hazards by category, most widespread first, with their spread by county and institution category and what is still open", async () => {
    const area = newArea();
    const recorder = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: area.county.code });
    const add = async (jurisdictionCode: string, set: Partial<typeof hazard.$inferInsert> = {}) => {
      const owner = await makeInstitution(ctx.db, { jurisdictionCode });
      await makeHazard(ctx.db, { institution: owner, recordedBy: recorder }, set);
    };
    for (let i = 0; i < 3; i++) await add(area.county.code);
    await add(area.neighbour.code, { state: "closed" });
    await add(area.county.code, { category: "fire" });
    await add(area.county.code, { state: "voided" });
    await add(area.county.code, { foundOn: "2025-12-31" });
    await add(area.elsewhere.code);

    const city = (await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.city.code })).agent;
    const report = (await city.get("/api/hazards/common-problems?from=2026-01-01&to=2026-06-30")).json();
    expect(report.categories).toEqual([
      {
        category: "electrical",
        label: "用电安全",
        hazards: 4,
        institutions: 4,
        open: 3,
        byChild: { [area.county.code]: 3, [area.neighbour.code]: 1 },
        byGroup: { hospital: 4 },
      },
      { category: "fire", label: "消防安全", hazards: 1, institutions: 1, open: 1, byChild: { [area.county.code]: 1 }, byGroup: { hospital: 1 } },
    ]);
    expect(report.children.map((child: { code: string }) => child.code)).toContain(area.county.code);

    const county = (await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.neighbour.code })).agent;
    const own = (await county.get("/api/hazards/common-problems?from=2026-01-01&to=2026-06-30")).json();
    expect(own).toEqual({ children: [], categories: [expect.objectContaining({ category: "electrical", hazards: 1, open: 0, byChild: {} })] });
    const bad = await city.get("/api/hazards/common-problems?from=2026-06-30&to=2026-01-01");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: "to" });
  });

  it("of one campaign, counts only the hazards its inspections found, and names no campaign the caller cannot see", async () => {
    const area = newArea();
    const recorder = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: area.county.code });
    const hospital = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code });
    const { version } = await makeChecklistVersion(ctx.db, { authorityCode: area.county.code });
    const round = await makeCampaign(ctx.db, { authorityCode: area.county.code, institutions: [hospital], checklistVersionIds: [version.id] });
    const inspected = randomUUID();
    await ctx.db.insert(inspection).values({
      id: inspected,
      kind: "supervision",
      campaignId: round.id,
      institutionId: hospital.id,
      jurisdictionPath: hospital.jurisdictionPath,
      authorityCode: area.county.code,
      checklistVersionId: version.id,
      inspectedOn: "2026-05-10",
      inspectors: [],
      answers: [],
      submittedBy: recorder.id,
    });
    const here = { institution: hospital, recordedBy: recorder };
    await makeHazard(ctx.db, here, { source: "inspection", sourceId: inspected, category: "fire", foundOn: "2026-05-10" });
    await makeHazard(ctx.db, here, { source: "inspection", sourceId: inspected, category: "fire", foundOn: "2026-05-10", state: "closed" });
    await makeHazard(ctx.db, here, { category: "gas", foundOn: "2026-05-10" });

    const county = (await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code })).agent;
    const report = (await county.get(`/api/hazards/common-problems?from=2026-04-01&to=2026-06-30&campaignId=${round.id}`)).json();
    expect(report.categories).toEqual([expect.objectContaining({ category: "fire", hazards: 2, institutions: 1, open: 1 })]);
    const everything = (await county.get("/api/hazards/common-problems?from=2026-04-01&to=2026-06-30")).json();
    expect(everything.categories.map((problem: { category: string }) => problem.category).sort()).toEqual(["fire", "gas"]);

    const neighbour = (await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.neighbour.code })).agent;
    expect((await neighbour.get(`/api/hazards/common-problems?from=2026-04-01&to=2026-06-30&campaignId=${round.id}`)).statusCode).toBe(404);
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { campaignAssignment, campaignChecklist } from "../db/schema";
import { areaPicker, makeCampaign, makeChecklistVersion, makeInstitution, setUpTestApp } from "./harness";

const ctx = setUpTestApp();
const newArea = areaPicker();

describe("the test factories of inspection campaigns", () => {
  it("write a checklist version and a campaign with its checklists and one pending assignment per institution", async () => {
    const area = newArea();
    const hospital = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code });
    const { version } = await makeChecklistVersion(ctx.db, { authorityCode: area.county.code });
    expect(version).toMatchObject({ version: 1, itemCount: 3 });
    const made = await makeCampaign(ctx.db, { authorityCode: area.county.code, institutions: [hospital], checklistVersionIds: [version.id] });
    expect(await ctx.db.select().from(campaignAssignment).where(eq(campaignAssignment.campaignId, made.id))).toMatchObject([
      { institutionId: hospital.id, jurisdictionPath: hospital.jurisdictionPath, state: "pending" },
    ]);
    expect(await ctx.db.select().from(campaignChecklist).where(eq(campaignChecklist.campaignId, made.id))).toMatchObject([{ checklistVersionId: version.id }]);
  });
});

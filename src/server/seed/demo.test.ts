import { and, eq, inArray, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  attachment,
  auditLog,
  campaign,
  campaignAssignment,
  campaignDraw,
  expert,
  hazard,
  hazardEvent,
  inspection,
  institution,
  notice,
} from "../../db/schema";
import { chinaDay } from "../../domain/calendar";
import { setUpTestApp } from "../../test/harness";
import { seed } from "./seed";

const ctx = setUpTestApp();

describe("the demo seed", () => {
  beforeAll(async () => {
    await seed(ctx, "demo");
  });

  it("shows every part of the hazard loop at the demo hospital, each step an event and an audit record as through the API", async () => {
    const [hospital] = await ctx.db.select().from(institution).where(eq(institution.name, "兰考县人民医院"));
    const rows = await ctx.db
      .select()
      .from(hazard)
      .where(eq(hazard.institutionId, hospital?.id ?? ""));
    expect(rows.map((row) => row.state).sort()).toEqual(["awaiting_review", "closed", "pending", "pending", "rectifying", "rectifying"]);
    expect(rows.filter((row) => row.grade === "major").map((row) => row.majorPlan)).toEqual([expect.objectContaining({ funds: expect.any(String) })]);
    expect(rows.filter((row) => row.pendingExtension !== null)).toHaveLength(1);
    // One overdue: still the institution's to fix, its deadline behind it.
    const today = chinaDay(new Date());
    expect(rows.filter((row) => ["pending", "rectifying"].includes(row.state) && row.deadline !== null && row.deadline < today)).toHaveLength(1);
    const closed = rows.find((row) => row.state === "closed");
    const events = await ctx.db
      .select()
      .from(hazardEvent)
      .where(eq(hazardEvent.hazardId, closed?.id ?? ""));
    expect(events.map((event) => event.kind)).toEqual(["record", "start", "submit", "return", "submit", "verify"]);
    expect(
      await ctx.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.targetId, closed?.id ?? "")),
    ).toHaveLength(6);
    expect(new Set(rows.map((row) => row.number)).size).toBe(rows.length);
  });

  it("has the county's campaigns made through the use cases: a quarter's inspections with findings and photos, a published draw, a self-inspection", async () => {
    const campaigns = await ctx.db.select().from(campaign);
    expect(campaigns.map((one) => `${one.authorityCode} ${one.kind}`).sort()).toEqual([
      "410200 follow_up",
      "410200 quarterly",
      "410225 follow_up",
      "410225 holiday",
      "410225 quarterly",
    ]);
    const quarterly = campaigns.find((one) => one.kind === "quarterly" && one.authorityCode === "410225");
    const inspections = await ctx.db.select().from(inspection);
    const supervision = inspections.filter((one) => one.campaignId === quarterly?.id);
    expect(supervision).toHaveLength(4);
    expect(supervision.map((one) => one.hazardCount).sort()).toEqual([0, 0, 1, 2]);
    expect(inspections.filter((one) => one.kind === "self")).toEqual([expect.objectContaining({ hazardCount: 0, campaignId: null })]);
    // Each inspection's assignment marked, each finding a hazard tied to its item, one notice issued on the spot.
    const inspected = await ctx.db
      .select()
      .from(campaignAssignment)
      .where(and(eq(campaignAssignment.campaignId, quarterly?.id ?? ""), eq(campaignAssignment.state, "inspected")));
    expect(inspected).toHaveLength(4);
    const found = await ctx.db
      .select()
      .from(hazard)
      .where(
        inArray(
          hazard.sourceId,
          supervision.map((one) => one.id),
        ),
      );
    expect(found.map((one) => one.sourceItemKey).sort()).toEqual(["control_room", "electricity", "gas"]);
    expect(await ctx.db.select().from(notice)).toHaveLength(1);
    // Once the first round has ended (as it has when the demo is made in a quarter's second or third month), its 回头看 lists the two.
    const followUp = campaigns.find((one) => one.kind === "follow_up" && one.followUpOf === quarterly?.id);
    if (followUp && quarterly && quarterly.periodEnd < chinaDay(new Date())) {
      const listed = await ctx.db.select().from(campaignAssignment).where(eq(campaignAssignment.campaignId, followUp.id));
      expect(listed.map((one) => one.institutionId).sort()).toEqual([...new Set(found.map((one) => one.institutionId))].sort());
    }
    // Every photo and signature uploaded is bound to its record: none left for the daily clean-up.
    expect(await ctx.db.select().from(attachment).where(isNull(attachment.recordId))).toEqual([]);
    expect(await ctx.db.select().from(attachment).where(eq(attachment.recordKind, "inspection"))).not.toHaveLength(0);
    // The draw kept as evidence and published; the experts in the county's pool.
    const [draw] = await ctx.db.select().from(campaignDraw);
    expect(draw).toMatchObject({ witness: expect.stringContaining("刘明"), publicCode: expect.any(String) });
    expect(await ctx.db.select().from(expert)).toHaveLength(4);
    const audited = await ctx.db.select({ action: auditLog.action }).from(auditLog);
    expect(audited.map((one) => one.action)).toEqual(
      expect.arrayContaining(["campaign.create", "expert.create", "group.create", "draw.run", "draw.publish", "inspection.submit"]),
    );
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, hazard, hazardEvent } from "../../db/schema";
import { chinaDay } from "../../domain/calendar";
import { setUpTestApp } from "../../test/harness";
import { seed } from "./seed";

const ctx = setUpTestApp();

describe("the demo seed's hazards", () => {
  it("shows every part of the loop at the demo hospital, each step an event and an audit record as through the API", async () => {
    await seed(ctx.db, "demo");
    const rows = await ctx.db.select().from(hazard);
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
});

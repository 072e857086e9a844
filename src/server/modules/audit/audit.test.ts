import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { Agent, areaPicker, makeUser, setUpTestApp, signedIn } from "../../../test/harness";

const ctx = setUpTestApp();
const COUNTY = areaPicker()().county.code;

describe("audit trail", () => {
  it("a system administrator browses and filters the records", async () => {
    const user = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: COUNTY });
    await new Agent(ctx.app).login(user.username, "Wrong@2026");
    await new Agent(ctx.app).login(user.username);
    const { agent } = await signedIn(ctx, { role: "system_admin" });
    const all = (await agent.get(`/api/audit?actor=${user.username}`)).json();
    expect(all.items.map((e: { result: string }) => e.result)).toEqual(["success", "failure"]);
    expect(all.items[0]).toMatchObject({ action: "auth.login", actorUsername: user.username, ip: "127.0.0.1", targetType: "user" });
    const failures = (await agent.get(`/api/audit?actor=${user.username}&result=failure`)).json();
    expect(failures.total).toBe(1);
    const future = (await agent.get(`/api/audit?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).json();
    expect(future.total).toBe(0);
    const badDate = await agent.get("/api/audit?from=yesterday");
    expect(badDate.json().error.message).toMatch(/^开始时间：/);
  });

  it("is not readable by authority or institution users", async () => {
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: COUNTY });
    expect((await agent.get("/api/audit")).statusCode).toBe(403);
  });

  it("cannot be changed or deleted, even directly in the database", async () => {
    await expect(ctx.db.execute(sql`update audit_log set result = 'success'`)).rejects.toThrow();
    await expect(ctx.db.execute(sql`delete from audit_log`)).rejects.toThrow();
    await expect(ctx.db.execute(sql`truncate audit_log`)).rejects.toThrow();
  });
});

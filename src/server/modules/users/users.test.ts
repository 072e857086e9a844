import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appUser, auditLog } from "../../../db/schema";
import { Agent, areaPicker, makeInstitution, makeUser, setUpTestApp, signedIn } from "../../../test/harness";

const ctx = setUpTestApp();
const newArea = areaPicker();

const newUser = (overrides: Record<string, unknown>) => ({
  username: `n${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`,
  displayName: "新用户",
  password: "Initial#2026",
  ...overrides,
});

describe("user management", () => {
  it("an authority administrator creates a user in its subtree, who must change the initial password", async () => {
    const area = newArea();
    const { agent, user: admin } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.city.code });
    const body = newUser({ role: "authority_inspector", jurisdictionCode: area.county.code });
    const response = await agent.post("/api/users", body);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      username: body.username,
      role: "authority_inspector",
      affiliationName: area.county.authorityName,
      mustChangePassword: true,
    });
    const [record] = await ctx.db.select().from(auditLog).where(eq(auditLog.targetId, response.json().id));
    expect(record).toMatchObject({ action: "user.create", actorId: admin.id });
    const login = await new Agent(ctx.app).login(body.username, body.password);
    expect(login.json().user.mustChangePassword).toBe(true);
  });

  it("an authority administrator cannot create users outside its subtree or hand out system roles", async () => {
    const area = newArea();
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
    const outside = await agent.post("/api/users", newUser({ role: "authority_admin", jurisdictionCode: area.neighbour.code }));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error).toMatchObject({ field: "jurisdictionCode" });
    const upward = await agent.post("/api/users", newUser({ role: "authority_admin", jurisdictionCode: area.city.code }));
    expect(upward.statusCode).toBe(400);
    const system = await agent.post("/api/users", newUser({ role: "system_admin" }));
    expect(system.json().error).toMatchObject({ field: "role", message: "角色：您不能分配该角色" });
    const qixianHospital = await makeInstitution(ctx.db, { jurisdictionCode: area.neighbour.code });
    const otherInstitution = await agent.post("/api/users", newUser({ role: "institution_admin", institutionId: qixianHospital.id }));
    expect(otherInstitution.json().error).toMatchObject({ field: "institutionId" });
  });

  it("refuses a weak initial password and a taken username, naming the field", async () => {
    const area = newArea();
    const { agent, user } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
    const weak = await agent.post("/api/users", newUser({ role: "authority_inspector", jurisdictionCode: area.county.code, password: "abc" }));
    expect(weak.json().error).toMatchObject({ field: "password" });
    expect(weak.json().error.message).toMatch(/^初始密码：/);
    const taken = await agent.post("/api/users", newUser({ role: "authority_inspector", jurisdictionCode: area.county.code, username: user.username }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ field: "username", message: "用户名：已被使用" });
  });

  it("lists only the users of the caller's subtree and its institutions", async () => {
    const area = newArea();
    const lankaoHospital = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code });
    const lankaoStaff = await makeUser(ctx.db, { role: "institution_staff", institution: lankaoHospital });
    const qixianInspector = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: area.neighbour.code });
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
    const names = (await agent.get("/api/users?pageSize=100")).json().items.map((u: { username: string }) => u.username);
    expect(names).toContain(lankaoStaff.username);
    expect(names).not.toContain(qixianInspector.username);
    const { agent: city } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.city.code });
    const cityNames = (await city.get("/api/users?pageSize=100")).json().items.map((u: { username: string }) => u.username);
    expect(cityNames).toEqual(expect.arrayContaining([lankaoStaff.username, qixianInspector.username]));
  });

  it("cannot change a user outside the subtree", async () => {
    const area = newArea();
    const qixianInspector = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: area.neighbour.code });
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
    expect((await agent.put(`/api/users/${qixianInspector.id}`, { displayName: "篡改", active: false })).statusCode).toBe(404);
    expect((await agent.post(`/api/users/${qixianInspector.id}/reset-password`, { password: "Reset#2026x" })).statusCode).toBe(404);
    const [row] = await ctx.db.select().from(appUser).where(eq(appUser.id, qixianInspector.id));
    expect(row?.active).toBe(true);
  });

  it("an institution administrator manages only its own institution's staff", async () => {
    const area = newArea();
    const own = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code });
    const { agent } = await signedIn(ctx, { role: "institution_admin", institution: own });
    const created = await agent.post("/api/users", newUser({ role: "institution_staff", institutionId: own.id }));
    expect(created.statusCode).toBe(201);
    const authority = await agent.post("/api/users", newUser({ role: "authority_inspector", jurisdictionCode: area.county.code }));
    expect(authority.statusCode).toBe(400);
    const items = (await agent.get("/api/users")).json().items;
    expect(items.every((u: { institutionId: string }) => u.institutionId === own.id)).toBe(true);
  });

  it("disabling a user ends their sessions; resetting a password lifts a lockout and forces a change", async () => {
    const area = newArea();
    const target = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: area.county.code });
    const targetAgent = new Agent(ctx.app);
    await targetAgent.login(target.username);
    const { agent } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
    const disabled = await agent.put(`/api/users/${target.id}`, { displayName: target.displayName, active: false });
    expect(disabled.json()).toMatchObject({ active: false });
    const refused = await targetAgent.get("/api/institutions");
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe("UNAUTHENTICATED");
    expect((await new Agent(ctx.app).login(target.username)).json().error.code).toBe("ACCOUNT_DISABLED");

    await agent.put(`/api/users/${target.id}`, { displayName: target.displayName, active: true });
    await ctx.db.update(appUser).set({ failedLogins: 5, lockedUntil: sql`now() + interval '10 minutes'` }).where(eq(appUser.id, target.id));
    const reset = await agent.post(`/api/users/${target.id}/reset-password`, { password: "Reset#2026x" });
    expect(reset.json()).toMatchObject({ locked: false, mustChangePassword: true });
    const login = await new Agent(ctx.app).login(target.username, "Reset#2026x");
    expect(login.json().user.mustChangePassword).toBe(true);
  });

  it("does not let a user disable themselves or reset their own password", async () => {
    const area = newArea();
    const { agent, user } = await signedIn(ctx, { role: "authority_admin", jurisdictionCode: area.county.code });
    const response = await agent.put(`/api/users/${user.id}`, { displayName: "我", active: false });
    expect(response.json().error).toMatchObject({ field: "active" });
    const reset = await agent.post(`/api/users/${user.id}/reset-password`, { password: "Reset#2026x" });
    expect(reset.statusCode).toBe(400);
    expect(reset.json().error.message).toContain("修改密码");
    expect((await agent.get("/api/institutions")).statusCode).toBe(200);
  });

  it("is closed to inspectors and staff", async () => {
    const area = newArea();
    const { agent } = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code });
    expect((await agent.get("/api/users")).statusCode).toBe(403);
  });
});

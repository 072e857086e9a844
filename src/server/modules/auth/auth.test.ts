import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appUser, auditLog, session } from "../../../db/schema";
import { Agent, areaPicker, makeUser, setUpTestApp, TEST_PASSWORD } from "../../../test/harness";

const ctx = setUpTestApp();
const { county } = areaPicker()();
const COUNTY = county.code;

const auditFor = (username: string) => ctx.db.select().from(auditLog).where(eq(auditLog.actorUsername, username)).orderBy(auditLog.id);

describe("login", () => {
  it("opens a session in an httpOnly SameSite cookie and records the attempt", async () => {
    const user = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: COUNTY });
    const agent = new Agent(ctx.app);
    await agent.get("/api/auth/session");
    const response = await agent.post("/api/auth/login", { username: user.username, password: TEST_PASSWORD });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ username: user.username, role: "authority_inspector", affiliation: { name: county.authorityName } });
    const cookie = String(response.headers["set-cookie"]);
    expect(cookie).toMatch(/yian_sid=[^;]+;.*HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await agent.get("/api/auth/session")).json().user.username).toBe(user.username);
    const [record] = await auditFor(user.username);
    expect(record).toMatchObject({ action: "auth.login", result: "success", actorId: user.id, ip: "127.0.0.1" });
  });

  it("refuses a wrong password with a Chinese message and audits the failure", async () => {
    const user = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: COUNTY });
    const response = await new Agent(ctx.app).login(user.username, "Wrong@2026");
    expect(response.statusCode).toBe(401);
    expect(response.json().error.message).toContain("用户名或密码错误");
    expect(await auditFor(user.username)).toMatchObject([{ action: "auth.login", result: "failure", detail: { reason: "wrong_password" } }]);
  });

  it("answers an unknown username like a wrong password and still audits it", async () => {
    const response = await new Agent(ctx.app).login("nobody-here", "Wrong@2026");
    expect(response.statusCode).toBe(401);
    expect(response.json().error.message).toBe("用户名或密码错误");
    expect(await auditFor("nobody-here")).toMatchObject([{ result: "failure", detail: { reason: "unknown_user" } }]);
  });

  it("names the field of a malformed login request", async () => {
    const agent = new Agent(ctx.app);
    await agent.get("/api/auth/session");
    const response = await agent.post("/api/auth/login", { username: "", password: "x" });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: "VALIDATION", field: "username" });
    expect(response.json().error.message).toMatch(/^用户名：/);
  });
});

describe("lockout", () => {
  it("locks the account for 15 minutes after 5 failed logins, even for the right password", async () => {
    const user = await makeUser(ctx.db, { role: "authority_admin", jurisdictionCode: COUNTY });
    const agent = new Agent(ctx.app);
    for (let i = 1; i <= 4; i++) {
      const response = await agent.login(user.username, "Wrong@2026");
      expect(response.json().error.message).toContain(`再失败 ${5 - i} 次将锁定账户`);
    }
    const fifth = await agent.login(user.username, "Wrong@2026");
    expect(fifth.json().error.message).toContain("账户已锁定 15 分钟");
    const [row] = await ctx.db.select().from(appUser).where(eq(appUser.id, user.id));
    const lockMs = (row?.lockedUntil?.getTime() ?? 0) - Date.now();
    expect(lockMs).toBeGreaterThan(14 * 60_000);
    expect(lockMs).toBeLessThanOrEqual(15 * 60_000);

    const locked = await agent.login(user.username, TEST_PASSWORD);
    expect(locked.statusCode).toBe(403);
    expect(locked.json().error).toMatchObject({ code: "ACCOUNT_LOCKED" });
    expect(locked.json().error.message).toMatch(/请 1[45] 分钟后再试/);
  });

  it("lets the user in again once the lock has expired, and resets the counter", async () => {
    const user = await makeUser(ctx.db, { role: "authority_admin", jurisdictionCode: COUNTY });
    await ctx.db.update(appUser).set({ failedLogins: 5, lockedUntil: sql`now() - interval '1 second'` }).where(eq(appUser.id, user.id));
    const response = await new Agent(ctx.app).login(user.username);
    expect(response.statusCode).toBe(200);
    const [row] = await ctx.db.select().from(appUser).where(eq(appUser.id, user.id));
    expect(row).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });
});

describe("session", () => {
  it("ends after 30 idle minutes with a 401 the UI turns into the login page", async () => {
    const user = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: COUNTY });
    const agent = new Agent(ctx.app);
    await agent.login(user.username);
    expect((await agent.get("/api/institutions")).statusCode).toBe(200);
    await ctx.db.update(session).set({ lastSeenAt: sql`now() - interval '31 minutes'` }).where(eq(session.userId, user.id));
    const expired = await agent.get("/api/institutions");
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error).toEqual({ code: "SESSION_EXPIRED", message: "登录已超时，请重新登录" });
    expect(await ctx.db.select().from(session).where(eq(session.userId, user.id))).toHaveLength(0);
  });

  it("tells a reloading page that its session expired, once", async () => {
    const user = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: COUNTY });
    const agent = new Agent(ctx.app);
    await agent.login(user.username);
    await ctx.db.update(session).set({ lastSeenAt: sql`now() - interval '31 minutes'` }).where(eq(session.userId, user.id));
    expect((await agent.get("/api/auth/session")).json()).toMatchObject({ user: null, expired: true });
    expect((await agent.get("/api/auth/session")).json()).toMatchObject({ user: null, expired: false });
  });

  it("stays open while the user is active within the idle limit", async () => {
    const user = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: COUNTY });
    const agent = new Agent(ctx.app);
    await agent.login(user.username);
    await ctx.db.update(session).set({ lastSeenAt: sql`now() - interval '29 minutes'` }).where(eq(session.userId, user.id));
    expect((await agent.get("/api/institutions")).statusCode).toBe(200);
    const [row] = await ctx.db.select().from(session).where(eq(session.userId, user.id));
    expect(Date.now() - (row?.lastSeenAt.getTime() ?? 0)).toBeLessThan(60_000);
  });

  it("is closed by logout", async () => {
    const user = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: COUNTY });
    const agent = new Agent(ctx.app);
    await agent.login(user.username);
    const stolenCookie = new Map(agent.cookies);
    expect((await agent.post("/api/auth/logout")).statusCode).toBe(204);
    const replay = new Agent(ctx.app);
    for (const [k, v] of stolenCookie) replay.cookies.set(k, v);
    expect((await replay.get("/api/institutions")).statusCode).toBe(401);
    expect((await auditFor(user.username)).map((r) => r.action)).toEqual(["auth.login", "auth.logout"]);
  });

  it("refuses a request without a session", async () => {
    const response = await new Agent(ctx.app).get("/api/institutions");
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("UNAUTHENTICATED");
  });
});

describe("CSRF", () => {
  it("refuses a state-changing request without the token, changes nothing and audits the refusal", async () => {
    const user = await makeUser(ctx.db, { role: "authority_admin", jurisdictionCode: COUNTY });
    const agent = new Agent(ctx.app);
    await agent.login(user.username);
    agent.sendCsrf = false;
    const response = await agent.post("/api/institutions", { name: "无令牌医院" });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("CSRF");
    expect((await auditFor(user.username)).at(-1)).toMatchObject({
      action: "request",
      result: "failure",
      detail: { method: "POST", route: "/api/institutions", status: 403 },
    });
  });

  it("refuses a token that does not belong to the session", async () => {
    const user = await makeUser(ctx.db, { role: "authority_admin", jurisdictionCode: COUNTY });
    const agent = new Agent(ctx.app);
    await agent.login(user.username);
    const forged = await agent.request("POST", "/api/auth/logout", { headers: { "x-csrf-token": "forged" } });
    expect(forged.statusCode).toBe(403);
    agent.cookies.set("yian_csrf", "forged");
    const matchingCookie = await agent.request("POST", "/api/auth/logout", { headers: { "x-csrf-token": "forged" } });
    expect(matchingCookie.statusCode).toBe(403);
  });

  it("also guards the login form", async () => {
    const user = await makeUser(ctx.db, { role: "authority_admin", jurisdictionCode: COUNTY });
    const agent = new Agent(ctx.app);
    agent.sendCsrf = false;
    await agent.get("/api/auth/session");
    expect((await agent.post("/api/auth/login", { username: user.username, password: TEST_PASSWORD })).statusCode).toBe(403);
  });
});

describe("initial password", () => {
  it("must be changed before anything else, to a password that meets the rules", async () => {
    const user = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: COUNTY, mustChangePassword: true });
    const agent = new Agent(ctx.app);
    const login = await agent.login(user.username);
    expect(login.json().user.mustChangePassword).toBe(true);
    const blocked = await agent.get("/api/institutions");
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe("PASSWORD_CHANGE_REQUIRED");

    const weak = await agent.post("/api/auth/password", { currentPassword: TEST_PASSWORD, newPassword: "password" });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ field: "newPassword" });
    expect(weak.json().error.message).toMatch(/^新密码：.*至少三类/);

    const same = await agent.post("/api/auth/password", { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(same.json().error.message).toBe("新密码：不能与当前密码相同");
    const wrongCurrent = await agent.post("/api/auth/password", { currentPassword: "Nope@2026x", newPassword: "Better#2026" });
    expect(wrongCurrent.json().error).toMatchObject({ field: "currentPassword" });

    const changed = await agent.post("/api/auth/password", { currentPassword: TEST_PASSWORD, newPassword: "Better#2026" });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user.mustChangePassword).toBe(false);
    expect((await agent.get("/api/institutions")).statusCode).toBe(200);
    expect((await new Agent(ctx.app).login(user.username, "Better#2026")).statusCode).toBe(200);
  });
});

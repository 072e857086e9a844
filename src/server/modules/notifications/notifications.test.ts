import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appUser, authoritySetting, notification } from "../../../db/schema";
import { areaPicker, makeHazard, makeInstitution, makeUser, setUpTestApp, signedIn } from "../../../test/harness";
import { fixedClock } from "../../platform/clock";
import { createJobQueue } from "../../platform/jobs";
import { deliverHazardDigests } from "./hazard-digest";
import { HAZARD_DIGEST_JOB } from "./routes";

const ctx = setUpTestApp({ clock: fixedClock("2026-06-10T01:00:00Z") });
const newArea = areaPicker();
const DAY = "2026-06-10";

const digestsOf = (userId: string) => ctx.db.select().from(notification).where(eq(notification.userId, userId));

describe("the daily hazard digest", () => {
  it("gathers a user's overdue and due-soon hazards into one message, overdue first, for the institution's users and its county's inspectors only", async () => {
    const area = newArea();
    const hospital = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code });
    const neighbourHospital = await makeInstitution(ctx.db, { jurisdictionCode: area.neighbour.code });
    const inspector = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: area.county.code });
    const countyAdmin = await makeUser(ctx.db, { role: "authority_admin", jurisdictionCode: area.county.code });
    const neighbourInspector = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: area.neighbour.code });
    const staff = await makeUser(ctx.db, { role: "institution_staff", institution: hospital });
    const away = await makeUser(ctx.db, { role: "institution_staff", institution: hospital });
    await ctx.db.update(appUser).set({ active: false }).where(eq(appUser.id, away.id));
    const here = { institution: hospital, recordedBy: inspector };
    const overdue = await makeHazard(ctx.db, here, { deadline: "2026-06-05", state: "rectifying" });
    const dueSoon = await makeHazard(ctx.db, here, { deadline: "2026-06-12" });
    await makeHazard(ctx.db, here, { deadline: "2026-07-30" });
    await makeHazard(ctx.db, here, { deadline: "2026-06-01", state: "awaiting_review" });
    await makeHazard(ctx.db, here, { deadline: "2026-06-01", state: "closed" });
    const elsewhere = await makeHazard(ctx.db, { institution: neighbourHospital, recordedBy: neighbourInspector }, { deadline: "2026-06-09" });

    expect(await deliverHazardDigests(ctx.db, DAY)).toBeGreaterThanOrEqual(3);
    for (const user of [staff, inspector]) {
      const [digest, ...more] = await digestsOf(user.id);
      expect(more).toEqual([]);
      expect(digest).toMatchObject({ kind: "hazard_digest", day: DAY, title: "隐患提醒：1 项已逾期，1 项即将到期" });
      expect(digest?.body).toMatchObject({
        overdue: 1,
        dueSoon: 1,
        items: [
          { hazardId: overdue.id, overdue: true, deadline: "2026-06-05" },
          { hazardId: dueSoon.id, overdue: false, deadline: "2026-06-12" },
        ],
      });
    }
    expect((await digestsOf(neighbourInspector.id))[0]?.body).toMatchObject({ overdue: 1, dueSoon: 0, items: [{ hazardId: elsewhere.id }] });
    expect(await digestsOf(countyAdmin.id)).toEqual([]);
    expect(await digestsOf(away.id)).toEqual([]);
  });

  it("is delivered once per user and day, however many workers run it at once", async () => {
    const area = newArea();
    const hospital = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code });
    const inspector = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: area.county.code });
    await makeHazard(ctx.db, { institution: hospital, recordedBy: inspector }, { deadline: "2026-06-11" });
    const runs = await Promise.all([deliverHazardDigests(ctx.db, DAY), deliverHazardDigests(ctx.db, DAY), deliverHazardDigests(ctx.db, DAY)]);
    expect(runs.filter((delivered) => delivered > 0).length).toBeGreaterThanOrEqual(1);
    expect(await digestsOf(inspector.id)).toHaveLength(1);
    expect(await deliverHazardDigests(ctx.db, DAY)).toBe(0);
    await deliverHazardDigests(ctx.db, "2026-06-11");
    expect(await digestsOf(inspector.id)).toHaveLength(2);
  });

  it("runs as a pg-boss job in two server processes on one database and still delivers one digest per user that day", async () => {
    const area = newArea();
    const hospital = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code });
    const inspector = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: area.county.code });
    await makeHazard(ctx.db, { institution: hospital, recordedBy: inspector }, { deadline: "2026-06-11" });
    // Two processes' queues, each with the digest's worker, each firing the day's job.
    const processes = [createJobQueue(ctx.db, { pollingIntervalSeconds: 0.5 }), createJobQueue(ctx.db, { pollingIntervalSeconds: 0.5 })];
    const runs: string[] = [];
    for (const [index, jobs] of processes.entries()) {
      jobs.work<{ day: string }>(HAZARD_DIGEST_JOB, async ({ day }) => {
        await deliverHazardDigests(ctx.db, day);
        runs.push(`process ${index}`);
      });
    }
    try {
      await Promise.all(processes.map((jobs) => jobs.send(HAZARD_DIGEST_JOB, { day: "2026-06-12" })));
      await expect.poll(() => runs.length, { timeout: 20_000 }).toBe(2);
      expect((await digestsOf(inspector.id)).filter((digest) => digest.day === "2026-06-12")).toHaveLength(1);
    } finally {
      await Promise.all(processes.map((jobs) => jobs.stop()));
    }
  });

  it("looks as far ahead as the supervising authority's setting says", async () => {
    const area = newArea();
    const hospital = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code });
    const inspector = await makeUser(ctx.db, { role: "authority_inspector", jurisdictionCode: area.county.code });
    await makeHazard(ctx.db, { institution: hospital, recordedBy: inspector }, { deadline: "2026-06-20" });
    await deliverHazardDigests(ctx.db, DAY);
    expect(await digestsOf(inspector.id)).toEqual([]);
    await ctx.db.insert(authoritySetting).values({ authorityCode: area.county.code, dueSoonDays: 10 });
    await deliverHazardDigests(ctx.db, "2026-06-11");
    expect((await digestsOf(inspector.id))[0]?.body).toMatchObject({ dueSoon: 1 });
  });

  it("is read and marked by its own user alone", async () => {
    const area = newArea();
    const hospital = await makeInstitution(ctx.db, { jurisdictionCode: area.county.code });
    const mine = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code });
    const theirs = await signedIn(ctx, { role: "institution_admin", institution: await makeInstitution(ctx.db, { jurisdictionCode: area.neighbour.code }) });
    await makeHazard(ctx.db, { institution: hospital, recordedBy: mine.user }, { deadline: "2026-06-01" });
    await deliverHazardDigests(ctx.db, DAY);
    expect((await mine.agent.get("/api/notifications/unread-count")).json()).toEqual({ count: 1 });
    const [message] = (await mine.agent.get("/api/notifications")).json().items;
    expect(message).toMatchObject({ title: "隐患提醒：1 项已逾期", read: false });
    expect((await theirs.agent.get("/api/notifications")).json()).toMatchObject({ items: [], total: 0 });
    expect((await theirs.agent.post(`/api/notifications/${message.id}/read`)).statusCode).toBe(404);
    expect((await mine.agent.get("/api/notifications?unread=true")).json().total).toBe(1);
    expect((await mine.agent.post(`/api/notifications/${message.id}/read`)).statusCode).toBe(204);
    expect((await mine.agent.get("/api/notifications/unread-count")).json()).toEqual({ count: 0 });
    expect((await mine.agent.post("/api/notifications/read-all")).statusCode).toBe(204);
  });
});

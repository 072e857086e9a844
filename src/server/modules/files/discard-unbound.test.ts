import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appUser, attachment, auditLog, storedFile } from "../../../db/schema";
import { type Agent, areaPicker, directory, hazardRecordBody, makeInstitution, setUpTestApp, signedIn } from "../../../test/harness";
import { testPhoto, uploadTestFile, uploadTestPhoto } from "../../../test/photos";
import { buildApp } from "../../app";
import { fixedClock } from "../../platform/clock";
import { sha256Of } from "../../platform/files/file-store";
import { createJobQueue } from "../../platform/jobs";
import { describeAuditRow } from "../audit/describe";
import { DISCARD_UNBOUND_UPLOADS_CRON, DISCARD_UNBOUND_UPLOADS_JOB, discardUnboundUploads, UNBOUND_UPLOAD_LIFETIME_HOURS } from "./discard-unbound";

// 2026-06-10 09:00 in China; uploads are dated by the database's own clock, and aged below by hand.
const ctx = setUpTestApp({ clock: fixedClock("2026-06-10T01:00:00Z") });
const newArea = areaPicker();
const discard = () => discardUnboundUploads({ db: ctx.db, files: ctx.files });

/** Dates an upload back, as if it had been sent this many hours ago. */
const age = (id: string, hours: number) =>
  ctx.db
    .update(attachment)
    .set({ uploadedAt: sql`now() - make_interval(hours => ${hours})` })
    .where(eq(attachment.id, id));

const uploadOf = async (id: string) => (await ctx.db.select().from(attachment).where(eq(attachment.id, id)))[0];
const storedRowOf = async (sha256: string) => (await ctx.db.select().from(storedFile).where(eq(storedFile.sha256, sha256)))[0];

async function inspector() {
  const area = newArea();
  const signed = await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code });
  return { ...signed, area };
}

/** Records a hazard of a new hospital of the inspector's county with these photos. */
async function recordHazard(agent: Agent, countyCode: string, photoIds: string[]) {
  const hospital = await makeInstitution(ctx.db, { jurisdictionCode: countyCode });
  return agent.post("/api/hazards", hazardRecordBody(hospital.id, { photoIds }));
}

/** Waits until a statement of another connection waits for a row lock, so a race is staged in a known order. */
async function untilWaitingOnLock(statementStart: string) {
  await expect
    .poll(
      async () => {
        const waiting = await ctx.db.execute(
          sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query ilike ${`${statementStart}%`}`,
        );
        return (waiting.rows[0] as { n: number }).n;
      },
      { timeout: 10_000, interval: 20 },
    )
    .toBeGreaterThan(0);
}

describe(`uploads never bound to a record within ${UNBOUND_UPLOAD_LIFETIME_HOURS} hours`, () => {
  it("are removed with their file's row, bytes and thumbnail, each with an audit record by the system", async () => {
    const { agent, user, area } = await inspector();
    const photo = await testPhoto({ colour: "#701" });
    const sha256 = sha256Of(photo);
    const id = (await uploadTestFile(agent, "没提交的照片.jpg", photo)).json().id as string;
    await age(id, UNBOUND_UPLOAD_LIFETIME_HOURS + 1);
    expect(await ctx.files.has(sha256)).toBe(true);

    const result = await discard();
    expect(result.uploads).toBeGreaterThanOrEqual(1);
    expect(await uploadOf(id)).toBeUndefined();
    expect(await storedRowOf(sha256)).toBeUndefined();
    expect(await ctx.files.has(sha256)).toBe(false);
    await expect(ctx.files.thumbnail(sha256)).rejects.toThrow();
    expect((await agent.get(`/api/files/${id}`)).statusCode).toBe(404);
    const [audit] = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "file.discard"), eq(auditLog.targetId, id)));
    const [uploader] = await ctx.db.select({ path: appUser.jurisdictionPath }).from(appUser).where(eq(appUser.id, user.id));
    expect(audit).toMatchObject({
      actorUsername: "system:file-cleanup",
      targetType: "file",
      targetName: "没提交的照片.jpg",
      targetPath: uploader?.path,
      result: "success",
      detail: { fileName: "没提交的照片.jpg", sha256 },
    });
    expect(uploader?.path).toContain(area.county.code);
    expect(describeAuditRow(directory, audit as typeof auditLog.$inferSelect).summary).toEqual([
      expect.stringMatching(/^上传于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}，一直未用于任何记录$/),
    ]);
    // The form sent after the clean-up is told to upload the photo again.
    const late = await recordHazard(agent, area.county.code, [id]);
    expect(late.statusCode).toBe(400);
    expect(late.json().error.message).toMatch(/请重新上传/);
  });

  it("keeps an unbound upload younger than that: its form may still be sent", async () => {
    const { agent } = await inspector();
    const photo = await testPhoto({ colour: "#702" });
    const id = (await uploadTestFile(agent, "还在填写.jpg", photo)).json().id as string;
    await age(id, UNBOUND_UPLOAD_LIFETIME_HOURS - 1);
    await discard();
    expect(await uploadOf(id)).toMatchObject({ recordId: null });
    expect(await ctx.files.has(sha256Of(photo))).toBe(true);
    expect((await agent.get(`/api/files/${id}`)).statusCode).toBe(200);
  });

  it("keeps a bound file however old it is", async () => {
    const { agent, area } = await inspector();
    const photo = await testPhoto({ colour: "#703" });
    const id = (await uploadTestFile(agent, "隐患照片.jpg", photo)).json().id as string;
    const recorded = await recordHazard(agent, area.county.code, [id]);
    expect(recorded.statusCode, recorded.body).toBe(201);
    await age(id, 24 * 30);
    await discard();
    expect(await uploadOf(id)).toMatchObject({ recordKind: "hazard" });
    expect(await storedRowOf(sha256Of(photo))).toBeDefined();
    expect(await ctx.files.has(sha256Of(photo))).toBe(true);
    expect((await agent.get(`/api/files/${id}/thumbnail`)).statusCode).toBe(200);
  });

  it("removes an abandoned upload but keeps its bytes when the same bytes are bound to a record, or uploaded again lately", async () => {
    const { agent, area } = await inspector();
    const other = await inspector();
    const photo = await testPhoto({ colour: "#704" });
    const sha256 = sha256Of(photo);
    // The same photo sent by two people: one used it in a hazard, the other abandoned the form.
    const bound = (await uploadTestFile(agent, "用了的.jpg", photo)).json().id as string;
    const abandoned = (await uploadTestFile(other.agent, "没用的.jpg", photo)).json().id as string;
    expect((await recordHazard(agent, area.county.code, [bound])).statusCode).toBe(201);
    // A third photo abandoned long ago, whose bytes someone uploaded again an hour ago.
    const again = await testPhoto({ colour: "#705" });
    const old = (await uploadTestFile(other.agent, "旧的.jpg", again)).json().id as string;
    const recent = (await uploadTestFile(agent, "新的.jpg", again)).json().id as string;
    await Promise.all([age(bound, 48), age(abandoned, 48), age(old, 48), age(recent, 1)]);

    await discard();
    const left = await ctx.db
      .select({ id: attachment.id })
      .from(attachment)
      .where(inArray(attachment.id, [bound, abandoned, old, recent]));
    expect(left.map((row) => row.id).sort()).toEqual([bound, recent].sort());
    for (const hash of [sha256, sha256Of(again)]) {
      expect(await storedRowOf(hash)).toBeDefined();
      expect(await ctx.files.has(hash)).toBe(true);
    }
    expect((await agent.get(`/api/files/${bound}`)).rawPayload.equals(photo)).toBe(true);
    expect((await agent.get(`/api/files/${recent}/thumbnail`)).statusCode).toBe(200);
  });

  it("leaves an upload that a command is binding at the same moment: the delete waits for the command's lock, then finds it bound", async () => {
    const { agent } = await inspector();
    const photo = await testPhoto({ colour: "#706" });
    const id = (await uploadTestFile(agent, "正在提交.jpg", photo)).json().id as string;
    await age(id, 48);
    // What claimPhotos and bindPhotos do in a command's transaction, held open between the two.
    let bind!: () => void;
    const bindNow = new Promise<void>((resolve) => {
      bind = resolve;
    });
    let claimed!: () => void;
    const claim = new Promise<void>((resolve) => {
      claimed = resolve;
    });
    const command = ctx.db.transaction(async (tx) => {
      await tx.select({ id: attachment.id }).from(attachment).where(eq(attachment.id, id)).for("update");
      claimed();
      await bindNow;
      await tx.update(attachment).set({ recordKind: "hazard", recordId: randomUUID(), purpose: "before" }).where(eq(attachment.id, id));
    });
    await claim;
    const cleaning = discard();
    await untilWaitingOnLock('delete from "attachment"');
    bind();
    await command;
    await cleaning;
    expect(await uploadOf(id)).toMatchObject({ recordKind: "hazard" });
    expect(await ctx.files.has(sha256Of(photo))).toBe(true);
  });

  it("does not fail an upload of the same bytes racing the removal of their file: the upload stores them again", async () => {
    const { agent } = await inspector();
    const photo = await testPhoto({ colour: "#707" });
    const sha256 = sha256Of(photo);
    const first = (await uploadTestFile(agent, "第一次.jpg", photo)).json().id as string;
    await ctx.db.delete(attachment).where(eq(attachment.id, first));
    // What the clean-up does with a file no attachment names: lock its row, delete it and its bytes, commit.
    let commit!: () => void;
    const commitNow = new Promise<void>((resolve) => {
      commit = resolve;
    });
    let locked!: () => void;
    const lock = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const removal = ctx.db.transaction(async (tx) => {
      await tx.select({ sha256: storedFile.sha256 }).from(storedFile).where(eq(storedFile.sha256, sha256)).for("update");
      locked();
      await commitNow;
      await tx.delete(storedFile).where(eq(storedFile.sha256, sha256));
      await ctx.files.remove(sha256);
    });
    await lock;
    // The upload finds the row and the bytes, and its attachment's foreign key waits for the lock.
    const uploading = uploadTestFile(agent, "第二次.jpg", photo);
    await untilWaitingOnLock('insert into "attachment"');
    commit();
    await removal;
    const response = await uploading;
    expect(response.statusCode, response.body).toBe(201);
    expect(await storedRowOf(sha256)).toMatchObject({ hasThumbnail: true });
    expect((await agent.get(`/api/files/${response.json().id}`)).rawPayload.equals(photo)).toBe(true);
    expect((await agent.get(`/api/files/${response.json().id}/thumbnail`)).statusCode).toBe(200);
  });

  it("is a daily pg-boss job on the schedule, in China time, that a server process runs", async () => {
    const jobs = createJobQueue(ctx.db, { pollingIntervalSeconds: 0.5 });
    const app = await buildApp({ config: ctx.config, db: ctx.db, files: ctx.files, directory, jobs });
    try {
      await jobs.start();
      const schedule = await ctx.db.execute(sql`select cron, timezone from pgboss.schedule where name = ${DISCARD_UNBOUND_UPLOADS_JOB}`);
      expect(schedule.rows).toEqual([{ cron: DISCARD_UNBOUND_UPLOADS_CRON, timezone: "Asia/Shanghai" }]);
      expect(DISCARD_UNBOUND_UPLOADS_CRON).toBe("30 3 * * *");

      const { agent } = await inspector();
      const id = await uploadTestPhoto(agent, "夜里清理.jpg", { colour: "#708" });
      await age(id, 48);
      await jobs.send(DISCARD_UNBOUND_UPLOADS_JOB, {});
      await expect.poll(() => uploadOf(id), { timeout: 20_000 }).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});

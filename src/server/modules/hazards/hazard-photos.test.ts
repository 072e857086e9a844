import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { attachment, hazard } from "../../../db/schema";
import { type Agent, areaPicker, hazardCommand, makeInspectedInstitution, recordHazard, setUpTestApp, signedIn } from "../../../test/harness";
import { uploadTestFile, uploadTestPhoto } from "../../../test/photos";
import { fixedClock } from "../../platform/clock";

// 2026-06-10 09:00 in China.
const ctx = setUpTestApp({ clock: fixedClock("2026-06-10T01:00:00Z") });
const newArea = areaPicker();

let colour = 0;
/** Each photo different bytes, as real ones are. */
const nextColour = () => `#${(0x100000 + colour++ * 7919).toString(16).slice(-6)}`;

const photo = (agent: Agent, name = "照片.jpg") => uploadTestPhoto(agent, name, { colour: nextColour() });

const unbound = async (id: string) => (await ctx.db.select().from(attachment).where(eq(attachment.id, id)))[0]?.recordId === null;

describe("photos on the hazard's record and timeline", () => {
  it("records a hazard with its on-site photos, shown on the hazard and on the record event with their purpose", async () => {
    const { hospital, inspector } = await makeInspectedInstitution(ctx, newArea());
    const ids = [await photo(inspector, "配电间全景.jpg"), await photo(inspector, "纸箱特写.jpg")];
    const detail = await recordHazard(inspector, hospital.id, { photoIds: ids });
    expect(detail.photos.map((p: { id: string; purpose: string; fileName: string }) => [p.id, p.purpose, p.fileName])).toEqual([
      [ids[0], "before", "配电间全景.jpg"],
      [ids[1], "before", "纸箱特写.jpg"],
    ]);
    expect(detail.events[0].attachments.map((p: { id: string }) => p.id)).toEqual(ids);
    expect(detail.photos[0]).toMatchObject({ mediaType: "image/jpeg", width: 640, height: 480, hasThumbnail: true });
    const again = (await inspector.get(`/api/hazards/${detail.id}`)).json();
    expect(again.photos).toEqual(detail.photos);
  });

  it("refuses a rectification with neither an after photo nor a reason, and takes one with a photo", async () => {
    const { hospital, inspector, institution } = await makeInspectedInstitution(ctx, newArea());
    const { id } = await recordHazard(inspector, hospital.id);
    const bare = await hazardCommand(institution, id, 1, { kind: "submit", actionsTaken: "已清理杂物" });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error).toMatchObject({ field: "photoIds", message: "整改后照片：请上传至少一张照片，或说明无法拍照的原因" });

    const afterPhoto = await photo(institution, "整改后.jpg");
    const submitted = await hazardCommand(institution, id, 1, { kind: "submit", actionsTaken: "已清理杂物", photoIds: [afterPhoto] });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const detail = submitted.json();
    expect(detail.state).toBe("awaiting_review");
    expect(detail.events.at(-1)).toMatchObject({ kind: "submit", attachments: [{ id: afterPhoto, purpose: "after" }] });
    expect(detail.events.at(-1).details).toEqual({ actionsTaken: "已清理杂物" });
  });

  it("verifies with a verification photo, and the inspector's photos stay readable to the institution", async () => {
    const { hospital, inspector, institution } = await makeInspectedInstitution(ctx, newArea());
    const { id } = await recordHazard(inspector, hospital.id);
    await hazardCommand(institution, id, 1, { kind: "submit", actionsTaken: "已清理", photoIds: [await photo(institution)] });
    const bare = await hazardCommand(inspector, id, 2, { kind: "verify", verifiers: "李明", verifiedOn: "2026-06-10", opinion: "整改到位" });
    expect(bare.json().error).toMatchObject({ field: "photoIds", message: "复查照片：请上传至少一张照片，或说明无法拍照的原因" });
    const check = await photo(inspector, "复查.jpg");
    const closed = await hazardCommand(inspector, id, 2, {
      kind: "verify",
      verifiers: "李明",
      verifiedOn: "2026-06-10",
      opinion: "整改到位",
      photoIds: [check],
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ state: "closed" });
    expect(closed.json().photos.map((p: { purpose: string }) => p.purpose)).toEqual(["after", "verification"]);
    expect((await institution.get(`/api/files/${check}`)).statusCode).toBe(200);
  });

  it("closes an on-the-spot hazard with an after photo, and not without one", async () => {
    const { hospital, inspector } = await makeInspectedInstitution(ctx, newArea());
    const { id } = await recordHazard(inspector, hospital.id, { handling: "on_the_spot", deadline: null });
    const bare = await hazardCommand(inspector, id, 1, { kind: "close_on_spot" });
    expect(bare.json().error).toMatchObject({ field: "photoIds", message: "整改后照片：立行立改销号须上传至少一张整改后照片" });
    const closed = await hazardCommand(inspector, id, 1, { kind: "close_on_spot", photoIds: [await photo(inspector, "当场整改后.jpg")] });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ state: "closed", photos: [{ purpose: "after", fileName: "当场整改后.jpg" }] });
  });

  it("refuses someone else's upload, a photo already used and a PDF, and leaves hazard and photos as they were", async () => {
    const { hospital, inspector, institution } = await makeInspectedInstitution(ctx, newArea());
    const { id } = await recordHazard(inspector, hospital.id);
    const colleague = (await signedIn(ctx, { role: "institution_staff", institution: hospital })).agent;
    const theirs = await photo(colleague);
    const mine = await photo(institution);
    const submit = (photoIds: string[]) => hazardCommand(institution, id, 1, { kind: "submit", actionsTaken: "已整改", photoIds });

    const someoneElses = await submit([mine, theirs]);
    expect(someoneElses.statusCode).toBe(400);
    expect(someoneElses.json().error).toMatchObject({
      field: "photoIds",
      message: expect.stringMatching(/^整改后照片：有照片不存在、已被使用或不是您本人上传的/),
    });
    expect(await unbound(mine)).toBe(true);
    expect(await unbound(theirs)).toBe(true);

    const pdf = await uploadTestFile(institution, "整改报告.pdf", Buffer.from("%PDF-1.4\n%%EOF\n"));
    const notAPhoto = await submit([pdf.json().id]);
    expect(notAPhoto.json().error).toMatchObject({ field: "photoIds", message: "整改后照片：只能是照片（JPEG 或 PNG）" });

    const [row] = await ctx.db.select().from(hazard).where(eq(hazard.id, id));
    expect(row).toMatchObject({ state: "pending", version: 1 });

    // Bound once, a photo cannot be bound again, not even by its uploader to another hazard.
    expect((await submit([mine])).statusCode).toBe(200);
    const { id: second } = await recordHazard(inspector, hospital.id);
    const reused = await hazardCommand(institution, second, 1, { kind: "submit", actionsTaken: "已整改", photoIds: [mine] });
    expect(reused.json().error).toMatchObject({ field: "photoIds" });
  });

  it("binds a photo once when two commands on two hazards race for it", async () => {
    const { hospital, inspector, institution } = await makeInspectedInstitution(ctx, newArea());
    const first = await recordHazard(inspector, hospital.id);
    const second = await recordHazard(inspector, hospital.id);
    const shared = await photo(institution);
    const answers = await Promise.all(
      [first, second].map((h) => hazardCommand(institution, h.id, 1, { kind: "submit", actionsTaken: "已整改", photoIds: [shared] })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400]);
    const bound = await ctx.db.select().from(attachment).where(eq(attachment.id, shared));
    expect(bound).toHaveLength(1);
    expect([first.id, second.id]).toContain(bound[0]?.recordId);
  });

  it("refuses on the rules before the photos: a forbidden command names the state, not the photo", async () => {
    const { hospital, inspector, institution } = await makeInspectedInstitution(ctx, newArea());
    const { id } = await recordHazard(inspector, hospital.id);
    const someoneElses = await photo(inspector);
    const refused = await hazardCommand(institution, id, 1, { kind: "close_on_spot", photoIds: [someoneElses] });
    expect(refused.statusCode).toBe(403);
    expect(await unbound(someoneElses)).toBe(true);
  });

  it("refuses an on-site photo that is not the recorder's own, and records nothing", async () => {
    const { hospital, inspector, institution } = await makeInspectedInstitution(ctx, newArea());
    const theirs = await photo(institution);
    const response = await inspector.post("/api/hazards", {
      institutionId: hospital.id,
      foundOn: "2026-06-01",
      finders: "李明",
      place: "药库",
      category: "fire",
      description: "灭火器过期",
      grade: "general",
      handling: "by_deadline",
      deadline: "2026-06-30",
      responsiblePerson: "王科长",
      photoIds: [theirs],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ field: "photoIds", message: expect.stringMatching(/^现场照片：/) });
    expect(await ctx.db.select().from(hazard).where(eq(hazard.place, "药库"))).toEqual([]);
  });
});

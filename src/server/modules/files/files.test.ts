import { and, count, eq } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { MAX_FILE_BYTES } from "../../../contracts/files";
import { attachment, auditLog, storedFile } from "../../../db/schema";
import { type Agent, areaPicker, directory, makeInstitution, multipartFile, recordHazard, setUpTestApp, signedIn } from "../../../test/harness";
import { testPhoto, uploadTestFile, uploadTestPhoto } from "../../../test/photos";
import { fixedClock } from "../../platform/clock";
import { sha256Of } from "../../platform/files/file-store";
import { cleanFileName } from "./upload-file";

// 2026-06-10 09:00 in China.
const ctx = setUpTestApp({ clock: fixedClock("2026-06-10T01:00:00Z") });
const newArea = areaPicker();

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

async function uploader() {
  const area = newArea();
  return (await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: area.county.code })).agent;
}

const refusal = (response: { statusCode: number; json(): { error: { field?: string; message: string } } }) => ({
  status: response.statusCode,
  field: response.json().error.field,
  message: response.json().error.message,
});

describe("the name a file is kept under", () => {
  it("drops folders and control characters, keeps the extension of a long name, and names a nameless file by its type", () => {
    expect(cleanFileName("C:\\Users\\李明\\Desktop\\现场.jpg", "image/jpeg")).toBe("现场.jpg");
    expect(cleanFileName("整改\u0000报告\n.pdf", "application/pdf")).toBe("整改报告.pdf");
    const long = cleanFileName(`${"很长的名字".repeat(60)}.jpeg`, "image/jpeg");
    expect([long.length, long.endsWith("字.jpeg")]).toEqual([200, true]);
    expect(cleanFileName("  ", "image/png")).toBe("照片.png");
    expect(cleanFileName("", "application/pdf")).toBe("文件.pdf");
  });
});

describe("uploading photos and documents", () => {
  it("keeps a phone's JPEG upright with its thumbnail and EXIF capture time, serves it back inline and audits the upload", async () => {
    const agent = await uploader();
    const photo = await testPhoto({ width: 800, height: 600, orientation: 6, takenAt: "2026:06:09 16:45:10" });
    const response = await uploadTestFile(agent, "配电间 现场照片(1).jpg", photo);
    expect(response.statusCode, response.body).toBe(201);
    const info = response.json();
    expect(info).toMatchObject({
      fileName: "配电间 现场照片(1).jpg",
      mediaType: "image/jpeg",
      size: photo.length,
      width: 600,
      height: 800,
      capturedAt: "2026-06-09T08:45:10.000Z",
      hasThumbnail: true,
      purpose: null,
    });

    const original = await agent.get(`/api/files/${info.id}`);
    expect(original.statusCode).toBe(200);
    expect(original.rawPayload.equals(photo)).toBe(true);
    expect(original.headers).toMatchObject({
      "content-type": "image/jpeg",
      "content-disposition": "inline; filename*=UTF-8''%E9%85%8D%E7%94%B5%E9%97%B4%20%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87%281%29.jpg",
      "x-content-type-options": "nosniff",
    });
    expect(original.headers["cache-control"]).toMatch(/^private\b/);

    const thumbnail = await agent.get(`/api/files/${info.id}/thumbnail`);
    expect(thumbnail.statusCode).toBe(200);
    expect(thumbnail.headers["content-type"]).toBe("image/jpeg");
    const small = await sharp(thumbnail.rawPayload).metadata();
    expect([small.format, small.width, small.height]).toEqual(["jpeg", 240, 320]);

    const [audit] = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "file.upload"), eq(auditLog.targetId, info.id)));
    expect(audit).toMatchObject({
      result: "success",
      targetName: "配电间 现场照片(1).jpg",
      detail: { mediaType: "image/jpeg", size: photo.length, sha256: sha256Of(photo) },
    });
  });

  it("takes a PNG without EXIF (no capture time) and a PDF (no thumbnail), each typed from its content", async () => {
    const agent = await uploader();
    const png = await uploadTestFile(agent, "示意图.png", await testPhoto({ format: "png", width: 100, height: 50 }));
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json()).toMatchObject({ mediaType: "image/png", width: 100, height: 50, capturedAt: null, hasThumbnail: true });

    // Named like a photo: the content decides.
    const pdf = await uploadTestFile(agent, "整改报告.jpg", PDF);
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json()).toMatchObject({ mediaType: "application/pdf", width: null, height: null, capturedAt: null, hasThumbnail: false });
    const served = await agent.get(`/api/files/${pdf.json().id}`);
    expect(served.headers["content-type"]).toBe("application/pdf");
    expect(served.body).toBe(PDF.toString());
    expect((await agent.get(`/api/files/${pdf.json().id}/thumbnail`)).statusCode).toBe(404);
  });

  it("refuses a text file named .jpg, naming the accepted types, and keeps nothing", async () => {
    const agent = await uploader();
    const text = Buffer.from("这不是照片，只是一段文字");
    const response = await uploadTestFile(agent, "照片.jpg", text);
    expect(refusal(response)).toEqual({
      status: 400,
      field: "file",
      message: "文件：只能上传 JPEG 照片、PNG 图片或 PDF 文档（按文件内容识别，修改扩展名无效）",
    });
    expect(
      (
        await ctx.db
          .select({ n: count() })
          .from(storedFile)
          .where(eq(storedFile.sha256, sha256Of(text)))
      )[0]?.n,
    ).toBe(0);
  });

  it("refuses a file that only starts like a JPEG", async () => {
    const response = await uploadTestFile(await uploader(), "坏照片.jpg", Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]));
    expect(refusal(response)).toMatchObject({ status: 400, field: "file", message: expect.stringMatching(/^文件：图片已损坏或无法读取/) });
  });

  it("refuses a phone's HEIC photo, saying to send JPEG", async () => {
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypheic"), Buffer.from([0, 0, 0, 0]), Buffer.from("mif1heic"), Buffer.alloc(100)]);
    const response = await uploadTestFile(await uploader(), "IMG_0001.HEIC", heic);
    expect(refusal(response)).toMatchObject({
      status: 400,
      field: "file",
      message: expect.stringMatching(/^文件：暂不支持 HEIC 格式的照片。请以 JPEG 格式发送/),
    });
  });

  it("refuses a file over the limit, naming the limit", async () => {
    const oversize = Buffer.alloc(MAX_FILE_BYTES + 1, 0);
    oversize.set([0xff, 0xd8, 0xff]);
    const response = await uploadTestFile(await uploader(), "超大照片.jpg", oversize);
    expect(refusal(response)).toEqual({ status: 400, field: "file", message: "文件：大小不能超过 20 MB" });
  });

  it("stores the same bytes once, however often and by whomever they are uploaded", async () => {
    const photo = await testPhoto({ colour: "#a52" });
    const first = await uploadTestFile(await uploader(), "第一次.jpg", photo);
    const second = await uploadTestFile(await uploader(), "第二次.jpg", photo);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(first.json().id).not.toBe(second.json().id);
    const sha256 = sha256Of(photo);
    expect((await ctx.db.select({ n: count() }).from(storedFile).where(eq(storedFile.sha256, sha256)))[0]?.n).toBe(1);
    expect((await ctx.db.select({ n: count() }).from(attachment).where(eq(attachment.sha256, sha256)))[0]?.n).toBe(2);
  });

  it("refuses a request without a file", async () => {
    const agent = await uploader();
    const response = await agent.request("POST", "/api/files", {
      body: '--x\r\nContent-Disposition: form-data; name="note"\r\n\r\n说明\r\n--x--\r\n',
      headers: { "content-type": "multipart/form-data; boundary=x" },
    });
    expect(refusal(response)).toMatchObject({ status: 400, field: "file" });
  });

  it("is for the users who take part in the loop: not the system administrator", async () => {
    const { agent } = await signedIn(ctx, { role: "system_admin" });
    expect((await uploadTestFile(agent, "照片.jpg", await testPhoto())).statusCode).toBe(403);
  });
});

/** 开封市兰考县 and its neighbour 杞县; another city's county for a second institution elsewhere. */
const LANKAO = "410225";
const QIXIAN = "410221";
const KAIFENG = "410200";

describe("a capture time the phone declares (read from the photo's EXIF before it made the photo smaller)", () => {
  const uploadDeclaring = (agent: Agent, content: Buffer, capturedAt: string, fileName = "现场照片.jpg") => {
    const { body, headers } = multipartFile("file", fileName, content);
    return agent.request("POST", `/api/files?capturedAt=${encodeURIComponent(capturedAt)}`, { body, headers });
  };

  it("is kept for a re-encoded photo without EXIF, and audited as declared", async () => {
    const agent = await uploader();
    const resized = await testPhoto({ colour: "#a35" });
    const response = await uploadDeclaring(agent, resized, "2026-06-09T16:45:10+08:00");
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().capturedAt).toBe("2026-06-09T08:45:10.000Z");
    const [stored] = await ctx.db
      .select()
      .from(storedFile)
      .where(eq(storedFile.sha256, sha256Of(resized)));
    expect(stored?.capturedAt?.toISOString()).toBe("2026-06-09T08:45:10.000Z");
    const [audit] = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "file.upload"), eq(auditLog.targetId, response.json().id)));
    expect(audit?.detail).toMatchObject({ declaredCapturedAt: "2026-06-09T08:45:10.000Z" });
    const auditor = (await signedIn(ctx, { role: "system_admin" })).agent;
    const trail = (await auditor.get("/api/audit?action=file.upload&pageSize=100")).json() as { items: { targetId: string; summary: string[] }[] };
    expect(trail.items.find((entry) => entry.targetId === response.json().id)?.summary).toEqual([
      expect.stringMatching(/^类型：JPEG 照片，\d+ KB$/),
      "拍摄时间（手机读取）：2026-06-09 16:45",
    ]);
  });

  it("gives way to the capture time in the photo's own EXIF", async () => {
    const agent = await uploader();
    const original = await testPhoto({ colour: "#5a3", takenAt: "2026:06:08 10:00:00" });
    const response = await uploadDeclaring(agent, original, "2026-06-09T16:45:10+08:00");
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().capturedAt).toBe("2026-06-08T02:00:00.000Z");
  });

  it("dates bytes stored earlier without one, and is refused after now or when not a time, naming the field, keeping nothing", async () => {
    const agent = await uploader();
    const resized = await testPhoto({ colour: "#35a" });
    expect((await uploadTestFile(agent, "无时间.jpg", resized)).json().capturedAt).toBeNull();
    expect((await uploadDeclaring(agent, resized, "2026-06-10T08:00:00+08:00")).json().capturedAt).toBe("2026-06-10T00:00:00.000Z");

    const fresh = await testPhoto({ colour: "#3a5" });
    // The test clock is 2026-06-10 09:00 China time: 09:05 is within the phone's allowed skew, 09:30 is not.
    expect((await uploadDeclaring(agent, fresh, "2026-06-10T09:05:00+08:00")).statusCode).toBe(201);
    const other = await testPhoto({ colour: "#a53" });
    for (const [value, message] of [
      ["2026-06-10T09:30:00+08:00", "拍摄时间：不能晚于当前时间"],
      ["2026-02-30T08:00:00+08:00", "拍摄时间："],
      ["昨天", "拍摄时间："],
    ]) {
      const refused = await uploadDeclaring(agent, other, value as string);
      expect(refusal(refused)).toMatchObject({ status: 400, field: "capturedAt" });
      expect(refused.json().error.message).toContain(message);
    }
    expect(
      await ctx.db
        .select()
        .from(storedFile)
        .where(eq(storedFile.sha256, sha256Of(other))),
    ).toEqual([]);
  });
});

describe("who reads a file: an id is never a way around scope", () => {
  it("uses real counties", () => {
    expect([directory.name(LANKAO), directory.name(QIXIAN)].join("、")).toMatch(/兰考县.*杞县/);
  });

  it("a photo bound to a 兰考 hazard is read by those who can read the hazard, and is 404 for a 杞县 user and another institution's", async () => {
    const hospital = await makeInstitution(ctx.db, { jurisdictionCode: LANKAO, name: "兰考县照片测试医院" });
    const otherHospital = await makeInstitution(ctx.db, { jurisdictionCode: LANKAO, name: "兰考县另一家医院" });
    const lankaoInspector = (await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: LANKAO })).agent;
    const photoId = await uploadTestPhoto(lankaoInspector, "兰考现场.jpg", { colour: "#135" });
    await recordHazard(lankaoInspector, hospital.id, { place: "配电间", photoIds: [photoId] });

    const readers: Agent[] = [
      lankaoInspector,
      (await signedIn(ctx, { role: "authority_admin", jurisdictionCode: LANKAO })).agent,
      (await signedIn(ctx, { role: "authority_admin", jurisdictionCode: KAIFENG })).agent,
      (await signedIn(ctx, { role: "institution_staff", institution: hospital })).agent,
    ];
    const outsiders: Agent[] = [
      (await signedIn(ctx, { role: "authority_inspector", jurisdictionCode: QIXIAN })).agent,
      (await signedIn(ctx, { role: "institution_admin", institution: otherHospital })).agent,
      // Sees every record, but does not run supervision: no hazard, no hazard photo.
      (await signedIn(ctx, { role: "system_admin" })).agent,
    ];
    for (const agent of readers) {
      expect((await agent.get(`/api/files/${photoId}`)).statusCode).toBe(200);
      expect((await agent.get(`/api/files/${photoId}/thumbnail`)).statusCode).toBe(200);
    }
    const missing = await lankaoInspector.get("/api/files/00000000-0000-4000-8000-000000000000");
    for (const agent of outsiders) {
      for (const url of [`/api/files/${photoId}`, `/api/files/${photoId}/thumbnail`]) {
        const response = await agent.get(url);
        expect(response.statusCode, url).toBe(404);
        expect(response.body).toBe(missing.body);
      }
    }
  });

  it("an unbound upload is read only by its uploader, not by a colleague of the same county or institution", async () => {
    const hospital = await makeInstitution(ctx.db, { jurisdictionCode: LANKAO, name: "兰考县未提交照片医院" });
    const staff = (await signedIn(ctx, { role: "institution_staff", institution: hospital })).agent;
    const photoId = await uploadTestPhoto(staff, "未提交.jpg", { colour: "#246" });
    expect((await staff.get(`/api/files/${photoId}`)).statusCode).toBe(200);
    for (const colleague of [
      (await signedIn(ctx, { role: "institution_admin", institution: hospital })).agent,
      (await signedIn(ctx, { role: "authority_admin", jurisdictionCode: LANKAO })).agent,
    ]) {
      expect((await colleague.get(`/api/files/${photoId}`)).statusCode).toBe(404);
      expect((await colleague.get(`/api/files/${photoId}/thumbnail`)).statusCode).toBe(404);
    }
  });
});

import { describe, expect, it } from "vitest";
import { MAX_FILE_BYTES } from "../../contracts/files";
import { fileUrl, photoProblem, thumbnailUrl, uploadedIds } from "./photos";

describe("choosing photos", () => {
  it("lets JPEG and PNG photos within the limit go", () => {
    expect(photoProblem({ name: "现场.jpg", type: "image/jpeg", size: 3_000_000 })).toBeNull();
    expect(photoProblem({ name: "示意.PNG", type: "image/png", size: 1000 })).toBeNull();
    // Some phones give no type: the server decides from the content.
    expect(photoProblem({ name: "IMG_0001", type: "", size: 1000 })).toBeNull();
  });

  it("says to send JPEG for a HEIC photo, by its name or its type", () => {
    expect(photoProblem({ name: "IMG_0001.HEIC", type: "", size: 1000 })).toMatch(/请以 JPEG 格式发送/);
    expect(photoProblem({ name: "IMG_0001", type: "image/heif", size: 1000 })).toMatch(/请以 JPEG 格式发送/);
  });

  it("names the limit for a file too large, and refuses what is not a photo", () => {
    expect(photoProblem({ name: "大.jpg", type: "image/jpeg", size: MAX_FILE_BYTES + 1 })).toBe("「大.jpg」超过 20 MB，请压缩后上传");
    expect(photoProblem({ name: "报告.pdf", type: "application/pdf", size: 1000 })).toBe("「报告.pdf」不是照片：只能上传 JPEG 或 PNG 照片");
  });
});

describe("the value of the photo control", () => {
  it("is the ids of the finished uploads, in order, leaving out those uploading or refused", () => {
    expect(
      uploadedIds([
        { uid: "shown-again", status: "done" },
        { uid: "rc-1", status: "uploading" },
        { uid: "rc-2", status: "done", response: { id: "new-id" } },
        { uid: "rc-3", status: "error" },
      ]),
    ).toEqual(["shown-again", "new-id"]);
  });

  it("points at the file routes", () => {
    expect([fileUrl("abc"), thumbnailUrl("abc")]).toEqual(["/api/files/abc", "/api/files/abc/thumbnail"]);
  });
});

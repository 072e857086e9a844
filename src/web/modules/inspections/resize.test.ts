import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { testPhoto } from "../../../test/photos";
import { captureTimeOf, fittedSize, MAX_LONG_SIDE } from "./resize";

describe("a photo's size on the phone before upload", () => {
  it("brings the long side to 1600 px, keeping the proportions, whichever way the photo is held", () => {
    expect(fittedSize(4032, 3024)).toEqual({ width: MAX_LONG_SIDE, height: 1200 });
    expect(fittedSize(3024, 4032)).toEqual({ width: 1200, height: MAX_LONG_SIDE });
  });

  it("never enlarges a small photo", () => {
    expect(fittedSize(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fittedSize(1600, 1600)).toEqual({ width: 1600, height: 1600 });
  });
});

describe("a photo's capture time, read on the phone before the photo is made smaller", () => {
  const now = new Date("2026-06-10T01:00:00Z");
  const jpeg = (bytes: Buffer) => new Blob([new Uint8Array(bytes)], { type: "image/jpeg" });

  it("reads EXIF DateTimeOriginal as China time, or with the offset the phone wrote", async () => {
    expect(await captureTimeOf(jpeg(await testPhoto({ takenAt: "2026:06:09 16:45:10" })), now)).toBe("2026-06-09T08:45:10.000Z");
    const withOffset = await sharp(await testPhoto())
      .withExifMerge({ IFD2: { DateTimeOriginal: "2026:06:09 16:45:10", OffsetTimeOriginal: "+09:00" } })
      .toBuffer();
    expect(await captureTimeOf(jpeg(withOffset), now)).toBe("2026-06-09T07:45:10.000Z");
  });

  it("finds it in a large photo from the first bytes only", async () => {
    const large = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 40 } } })
      .jpeg()
      .withExifMerge({ IFD2: { DateTimeOriginal: "2026:06:09 16:45:10" } })
      .toBuffer();
    expect(large.length).toBeGreaterThan(128 * 1024);
    expect(await captureTimeOf(jpeg(large), now)).toBe("2026-06-09T08:45:10.000Z");
  });

  it("declares nothing for a photo without EXIF, a file that is no photo, or a camera clock ahead of now", async () => {
    expect(await captureTimeOf(jpeg(await testPhoto()), now)).toBeUndefined();
    expect(await captureTimeOf(new Blob(["不是照片"]), now)).toBeUndefined();
    expect(await captureTimeOf(jpeg(await testPhoto({ takenAt: "2026:06:11 09:00:00" })), now)).toBeUndefined();
  });
});

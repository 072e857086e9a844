import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { analyseImage, THUMBNAIL_SIZE } from "./images";

describe("a photo's facts", () => {
  it("turns a sideways phone photo upright: its size and its thumbnail", async () => {
    const sideways = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#3a6" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD2: { DateTimeOriginal: "2026:05:31 23:59:58" } })
      .toBuffer();
    const facts = await analyseImage(sideways);
    expect([facts.width, facts.height]).toEqual([600, 800]);
    expect(facts.capturedAt?.toISOString()).toBe("2026-05-31T15:59:58.000Z");
    const thumbnail = await sharp(facts.thumbnail).metadata();
    expect([thumbnail.format, thumbnail.width, thumbnail.height]).toEqual(["jpeg", (THUMBNAIL_SIZE * 3) / 4, THUMBNAIL_SIZE]);
  });

  it("refuses bytes that only start like an image", async () => {
    await expect(analyseImage(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from("not really a photo")]))).rejects.toThrow();
  });
});

import { describe, expect, it } from "vitest";
import { CAPTURE_CLOCK_SKEW_MS, captureTimeOfTags, declaredCaptureTimeProblem, exifDate } from "./capture-time";

describe("EXIF capture time", () => {
  it("reads the camera's wall clock as China time unless the photo names its offset", () => {
    expect(exifDate("2026:06:01 09:30:15", undefined)?.toISOString()).toBe("2026-06-01T01:30:15.000Z");
    expect(exifDate("2026:06:01 09:30:15", "+09:00")?.toISOString()).toBe("2026-06-01T00:30:15.000Z");
  });

  it("ignores what is not a date", () => {
    expect(exifDate("0000:00:00 00:00:00", undefined)).toBeNull();
    expect(exifDate("yesterday", undefined)).toBeNull();
    expect(exifDate(undefined, undefined)).toBeNull();
  });

  it("takes when the photo was taken before when the file was made, and nothing from no tags", () => {
    const tags = { DateTimeOriginal: "2026:06:01 09:30:15", CreateDate: "2026:06:02 10:00:00", OffsetTime: "+00:00" };
    expect(captureTimeOfTags(tags)?.toISOString()).toBe("2026-06-01T01:30:15.000Z");
    expect(captureTimeOfTags({ CreateDate: "2026:06:02 10:00:00", OffsetTime: "+00:00" })?.toISOString()).toBe("2026-06-02T10:00:00.000Z");
    expect(captureTimeOfTags(undefined)).toBeNull();
  });
});

describe("a capture time the phone declares", () => {
  const now = new Date("2026-06-01T08:00:00Z");

  it("may be any time up to now, allowing a phone's clock a little ahead of the server's", () => {
    expect(declaredCaptureTimeProblem(new Date("2026-05-01T08:00:00Z"), now)).toBeUndefined();
    expect(declaredCaptureTimeProblem(new Date(now.getTime() + CAPTURE_CLOCK_SKEW_MS), now)).toBeUndefined();
  });

  it("is refused after that, or when it is no time at all", () => {
    expect(declaredCaptureTimeProblem(new Date(now.getTime() + CAPTURE_CLOCK_SKEW_MS + 1000), now)).toContain("不能晚于当前时间");
    expect(declaredCaptureTimeProblem(new Date("明天"), now)).toBe("不是有效的时间");
  });
});

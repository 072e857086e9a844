import { describe, expect, it } from "vitest";
import { fittedSize, MAX_LONG_SIDE } from "./resize";

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

import { describe, expect, it } from "vitest";
import { detectFileType } from "./detect";

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part, "latin1") : Buffer.from(part))));

describe("file type from the content", () => {
  it("recognises JPEG, PNG and PDF by their signatures", () => {
    expect(detectFileType(bytes([0xff, 0xd8, 0xff, 0xe1], "Exif"))).toBe("image/jpeg");
    expect(detectFileType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "IHDR"))).toBe("image/png");
    expect(detectFileType(bytes("%PDF-1.7\n"))).toBe("application/pdf");
  });

  it("recognises a phone's HEIC photo by its ftyp brand, so it can be refused with advice", () => {
    expect(detectFileType(bytes([0, 0, 0, 0x18], "ftypheic", [0, 0, 0, 0], "mif1heic"))).toBe("image/heic");
    expect(detectFileType(bytes([0, 0, 0, 0x18], "ftypmif1", [0, 0, 0, 0], "mif1heic"))).toBe("image/heic");
  });

  it("does not trust anything else, whatever the file is called", () => {
    expect(detectFileType(bytes("这不是照片，只是文字"))).toBeUndefined();
    expect(detectFileType(bytes("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeUndefined();
    expect(detectFileType(bytes([0, 0, 0, 0x1c], "ftypavif"))).toBeUndefined();
    expect(detectFileType(bytes("PK", [3, 4]))).toBeUndefined();
    expect(detectFileType(Buffer.alloc(0))).toBeUndefined();
    expect(detectFileType(bytes([0xff, 0xd8]))).toBeUndefined();
  });
});

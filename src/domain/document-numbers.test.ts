import { describe, expect, it } from "vitest";
import { defaultPrefixes, hazardNumber, listingNumber, noticeNumber, shortName } from "./document-numbers";

describe("document numbers", () => {
  it("read like official document numbers, four digits at least, never wrapping", () => {
    expect(hazardNumber("兰考", 2026, 123)).toBe("兰考隐患〔2026〕0123");
    expect(noticeNumber("兰卫安通", 2026, 1)).toBe("兰卫安通〔2026〕第0001号");
    expect(hazardNumber("郑州", 2026, 12345)).toBe("郑州隐患〔2026〕12345");
    expect(() => noticeNumber("兰卫安通", 2026, 0)).toThrow(RangeError);
  });

  it("take an authority's short name from its jurisdiction, keeping one-character names whole", () => {
    expect(shortName("兰考县")).toBe("兰考");
    expect(shortName("开封市")).toBe("开封");
    expect(shortName("河南省")).toBe("河南");
    expect(shortName("顺河回族区")).toBe("顺河");
    expect(shortName("杞县")).toBe("杞县");
    expect(defaultPrefixes("兰考县")).toEqual({ hazard: "兰考", notice: "兰卫安通", listing: "兰卫督" });
    expect(listingNumber("开卫督", 2026, 3)).toBe("开卫督〔2026〕3号");
  });
});

import { describe, expect, it } from "vitest";
import { chinaDay, chinaMinute } from "./calendar";

describe("the China calendar day", () => {
  it("is already tomorrow in Shanghai at 16:00 UTC, whatever the server's time zone", () => {
    expect(chinaDay(new Date("2026-12-02T15:59:59Z"))).toBe("2026-12-02");
    expect(chinaDay(new Date("2026-12-02T16:00:00Z"))).toBe("2026-12-03");
  });

  it("prints an instant as people in China read it", () => {
    expect(chinaMinute(new Date("2026-12-02T10:30:00Z"))).toBe("2026-12-02 18:30");
  });
});

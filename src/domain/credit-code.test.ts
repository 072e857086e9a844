import { describe, expect, it } from "vitest";
import { checkCharacterFor, checkCreditCode } from "./credit-code";

describe("unified social credit code (GB 32100)", () => {
  it.each(["91350100M000100Y43", "91110000600037341L", "91440300708461136T"])("accepts the published valid code %s", (code) => {
    expect(checkCreditCode(code)).toEqual({ status: "valid" });
  });

  it("accepts lower case and surrounding spaces as the same code", () => {
    expect(checkCreditCode(" 91350100m000100y43 ")).toEqual({ status: "valid" });
  });

  it("reports a wrong check character with the expected one, as a warning-level result", () => {
    expect(checkCreditCode("91350100M000100Y44")).toEqual({ status: "checksum_mismatch", expected: "3" });
  });

  it.each([
    ["I", "91350100I000100Y43"],
    ["O", "91350100O000100Y43"],
    ["Z", "9135010Z0000100Y43"],
    ["S", "S1350100M000100Y43"],
    ["V", "91350100M00010VY43"],
    ["-", "91350100-000100Y43"],
  ])("refuses the character %s", (char, code) => {
    const result = checkCreditCode(code);
    expect(result.status).toBe("malformed");
    expect(result.status === "malformed" && result.reason).toContain(`“${char}”`);
  });

  it.each(["", "9135010", "91350100M000100Y431"])("refuses a code that is not 18 characters: %j", (code) => {
    expect(checkCreditCode(code)).toMatchObject({ status: "malformed" });
  });

  it("computes the check character so that the full code validates", () => {
    const body = "12410225MB0000001";
    expect(checkCreditCode(`${body}${checkCharacterFor(body)}`)).toEqual({ status: "valid" });
  });
});

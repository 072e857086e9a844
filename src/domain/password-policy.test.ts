import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("password policy (等保 2.0: ≥ 8 characters, 3 of 4 classes)", () => {
  it.each(["Abcdefg1", "abcdef1!", "ABCDEF1!", "Abcdefg!", "医安Yian2026"])("accepts %s", (password) => {
    expect(passwordProblem(password)).toBeNull();
  });

  it("refuses fewer than 8 characters even with all classes", () => {
    expect(passwordProblem("Ab1!xyz")).toBe("密码至少 8 位");
  });

  it.each(["abcdefgh", "abcdefg1", "ABCDEFG1", "12345678!", "Abcdefgh"])("refuses %s, which has fewer than 3 classes", (password) => {
    expect(passwordProblem(password)).toContain("至少三类");
  });
});

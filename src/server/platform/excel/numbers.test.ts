import { describe, expect, it } from "vitest";
import { parseCount, parseYesNo } from "./numbers";

/** The message the import pipeline builds from a refusal: label, quoted text, reason. */
const message = (label: string, text: string) => {
  const parsed = parseCount(text);
  return parsed.ok ? parsed.value : `${label}「${text}」${parsed.reason}`;
};

describe("parseCount", () => {
  it.each([
    ["120", 120],
    ["0", 0],
    ["１２０", 120],
    ["1,200", 1200],
    ["1，200", 1200],
    ["1 200", 1200],
    ["1,234,567", 1234567],
    ["１，２００", 1200],
    ["  80 ", 80],
    ["\u300080\u3000", 80],
    ["120.0", 120],
    ["120.00", 120],
    ["+5", 5],
    ["-0", 0],
  ])("reads %j as %d", (text, value) => {
    expect(parseCount(text)).toEqual({ ok: true, value });
  });

  it("refuses with a reason that completes the caller's message", () => {
    expect(message("床位数", "一百二十")).toBe("床位数「一百二十」不是数字");
    expect(message("床位数", "120张")).toBe("床位数「120张」不是数字");
    expect(message("床位数", "1.5")).toBe("床位数「1.5」应为整数");
    expect(message("床位数", "１．５")).toBe("床位数「１．５」应为整数");
    expect(message("床位数", "-3")).toBe("床位数「-3」不能小于 0");
    expect(message("床位数", "－3")).toBe("床位数「－3」不能小于 0");
    expect(message("床位数", "12,00")).toBe("床位数「12,00」不是数字");
    expect(message("床位数", "1,2000")).toBe("床位数「1,2000」不是数字");
    expect(message("床位数", "")).toBe("床位数「」不是数字");
    expect(message("床位数", "99999999999999999999")).toBe("床位数「99999999999999999999」数值过大");
  });
});

describe("parseYesNo", () => {
  it.each([
    ["是", true],
    ["否", false],
    ["Y", true],
    ["n", false],
    ["Ｙ", true],
    ["√", true],
    ["×", false],
    ["TRUE", true],
    ["false", false],
    ["1", true],
    ["0", false],
    [" 是 ", true],
  ])("reads %j as %s", (text, value) => {
    expect(parseYesNo(text)).toEqual({ ok: true, value });
  });

  it.each(["是的", "有", "无", "2", ""])("refuses %j", (text) => {
    expect(parseYesNo(text)).toEqual({ ok: false, reason: "应填“是”或“否”" });
  });
});

/**
 * Reading values the way a register shows them. A failure carries a short Chinese reason that the
 * caller puts after the column's label and the quoted text: 床位数「1.5」应为整数.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Full-width forms (U+FF01–FF5E) as their ASCII twins, the ideographic space as a space and the
 * minus sign as a hyphen: what a Chinese input method types in place of digits and signs.
 */
function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000\u2212]/g, (char) => {
    if (char === "\u3000") return " ";
    if (char === "\u2212") return "-";
    return String.fromCharCode(char.charCodeAt(0) - 0xfee0);
  });
}

/** Digits, optionally grouped by thousands with ",", a space or a no-break space, then an optional fraction. */
const DECIMAL = /^([+-]?)(\d{1,3}(?:[, \u00a0]\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * A non-negative whole number as people type it: full-width digits, thousands separators
 * ("1,200", "1，200", "1 200"), a trailing ".0", surrounding spaces. Callers check for an empty
 * cell first; an empty text is refused here like any other non-number.
 */
export function parseCount(text: string): Parsed<number> {
  const match = DECIMAL.exec(halfWidth(text).trim());
  if (!match) return { ok: false, reason: "不是数字" };
  const [, sign, digits = "", fraction = ""] = match;
  if (/[1-9]/.test(fraction)) return { ok: false, reason: "应为整数" };
  const value = Number(digits.replace(/[, \u00a0]/g, ""));
  if (sign === "-" && value !== 0) return { ok: false, reason: "不能小于 0" };
  if (!Number.isSafeInteger(value)) return { ok: false, reason: "数值过大" };
  return { ok: true, value };
}

const YES = new Set(["是", "Y", "√", "TRUE", "1"]);
const NO = new Set(["否", "N", "×", "FALSE", "0"]);

/** 是/否, and the other ways registers write it: Y/N, √/×, TRUE/FALSE (Excel's booleans), 1/0. */
export function parseYesNo(text: string): Parsed<boolean> {
  const answer = halfWidth(text).trim().toUpperCase();
  if (YES.has(answer)) return { ok: true, value: true };
  if (NO.has(answer)) return { ok: true, value: false };
  return { ok: false, reason: "应填“是”或“否”" };
}

/**
 * Unified social credit code (统一社会信用代码) check, GB 32100-2015.
 * 18 characters from 0-9A-HJ-NPQRTUWXY (no I, O, Z, S, V); the last is a check
 * character: weights 3^i mod 31 over the first 17, check = (31 − Σ mod 31) mod 31.
 * Source: shared/regulations.md "Identifiers"; domain.md §1 ("validate it").
 */
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeCheck =
  | { status: "valid" }
  /** Well-formed but the check character disagrees: some legal early pilot codes do this, so callers warn and allow saving. */
  | { status: "checksum_mismatch"; expected: string }
  | { status: "malformed"; reason: string };

export function checkCharacterFor(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i] as string) * (WEIGHTS[i] as number);
  return ALPHABET[(31 - (sum % 31)) % 31] as string;
}

export function checkCreditCode(raw: string): CreditCodeCheck {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return { status: "malformed", reason: `应为 18 位，实际 ${code.length} 位` };
  for (const [index, char] of [...code].entries()) {
    if (!ALPHABET.includes(char)) return { status: "malformed", reason: `第 ${index + 1} 位字符“${char}”不允许（不得使用 I、O、Z、S、V 及其他符号）` };
  }
  const expected = checkCharacterFor(code.slice(0, 17));
  return code[17] === expected ? { status: "valid" } : { status: "checksum_mismatch", expected };
}

export const normalizeCreditCode = (raw: string) => raw.trim().toUpperCase();
